//! Connections that failed in a row before the console got in sync, and why the last one did:
//! one failure is a blip, several are worth saying (a reconnect loop must not look like a
//! quiet queue).

use crate::app::Connection;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    /// Why the last connection ended, as the network layer said it (not sanitized).
    pub reason: String,
}

impl Failures {
    /// Takes note of the connection's new state: a loss counts, being in sync clears.
    pub fn note(&mut self, connection: &Connection) {
        match connection {
            Connection::Offline { reason, .. } => {
                self.count = self.count.saturating_add(1);
                self.reason.clone_from(reason);
            }
            Connection::Online => *self = Self::default(),
            Connection::Connecting | Connection::Syncing | Connection::AuthFailed => {}
        }
    }

    /// The count and the last reason, once failures repeat.
    pub fn repeated(&self) -> Option<(u32, &str)> {
        (self.count >= 2).then_some((self.count, self.reason.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost(reason: &str) -> Connection {
        Connection::Offline {
            reason: reason.into(),
            retry_at: 0,
        }
    }

    #[test]
    fn losses_in_a_row_count_until_in_sync() {
        let mut f = Failures::default();
        f.note(&Connection::Syncing);
        f.note(&lost("connection closed"));
        assert_eq!(f.repeated(), None);
        // Connected again, but the snapshot never completed: still failing.
        f.note(&Connection::Connecting);
        f.note(&Connection::Syncing);
        f.note(&lost("connection reset"));
        assert_eq!(f.repeated(), Some((2, "connection reset")));
        f.note(&Connection::Online);
        assert_eq!(f.repeated(), None);
    }
}
