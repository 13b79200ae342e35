//! Commands sent but not yet acknowledged, in the order they were issued. After a reconnect
//! they all go out again with the same ids; the server answers repeats with the first result.

use std::collections::VecDeque;

use frontdesk_protocol::OperatorIn;

#[derive(Debug, Default)]
pub struct Outbox {
    queue: VecDeque<(String, OperatorIn)>,
}

impl Outbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// Remembers a command that carries an id; returns whether it did (typing and ping
    /// have none and are not worth resending).
    pub fn push(&mut self, frame: &OperatorIn) -> bool {
        let Some(id) = command_id(frame) else {
            return false;
        };
        if !self.queue.iter().any(|(i, _)| i == id) {
            self.queue.push_back((id.to_owned(), frame.clone()));
        }
        true
    }

    /// The server answered (`ack` or `error`): stop resending.
    pub fn settle(&mut self, id: &str) {
        self.queue.retain(|(i, _)| i != id);
    }

    pub fn pending(&self) -> impl Iterator<Item = &OperatorIn> {
        self.queue.iter().map(|(_, f)| f)
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

pub fn command_id(frame: &OperatorIn) -> Option<&str> {
    match frame {
        OperatorIn::Accept { id, .. }
        | OperatorIn::Message { id, .. }
        | OperatorIn::Note { id, .. }
        | OperatorIn::Transfer { id, .. }
        | OperatorIn::TransferToDepartment { id, .. }
        | OperatorIn::Close { id, .. }
        | OperatorIn::SetStatus { id, .. }
        | OperatorIn::History { id, .. }
        | OperatorIn::VisitorChats { id, .. }
        | OperatorIn::Ban { id, .. }
        | OperatorIn::Unban { id, .. }
        | OperatorIn::ListBans { id, .. }
        | OperatorIn::AcceptTransfer { id, .. }
        | OperatorIn::DeclineTransfer { id, .. }
        | OperatorIn::Whisper { id, .. }
        | OperatorIn::TeamMessage { id, .. }
        | OperatorIn::TeamHistory { id, .. }
        | OperatorIn::Invite { id, .. } => Some(id),
        // A card the on-site view still shows is asked for again after a reconnect.
        OperatorIn::Hello { .. }
        | OperatorIn::WatchSite { .. }
        | OperatorIn::SiteCard { .. }
        | OperatorIn::Typing { .. }
        | OperatorIn::Viewing { .. }
        | OperatorIn::Ping => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: &str) -> OperatorIn {
        OperatorIn::Message {
            id: id.into(),
            chat_id: 1,
            text: id.into(),
        }
    }

    #[test]
    fn keeps_order_dedupes_and_settles() {
        let mut o = Outbox::new();
        assert!(o.push(&msg("a")));
        assert!(o.push(&msg("b")));
        assert!(o.push(&msg("a")));
        assert!(!o.push(&OperatorIn::Ping));
        assert_eq!(o.len(), 2);
        o.settle("a");
        let left: Vec<_> = o.pending().cloned().collect();
        assert_eq!(left, vec![msg("b")]);
        o.settle("b");
        assert!(o.is_empty());
    }
}
