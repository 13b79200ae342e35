//! What the loop hears, turned into `app::Event`s: a terminal event through the keymap, a
//! network event as a frame or a connection state; and which keys only type into the reply box.

use crossterm::event::{Event as TermEvent, KeyEventKind};

use crate::app::{Action, Connection, Event, State};
use crate::keymap::Keymap;
use crate::net::NetEvent;
use tokio::sync::mpsc::Receiver;

/// The events of a key that only types into the reply box (a letter, a deletion, a move).
pub fn only_typing(events: &[Event]) -> bool {
    !events.is_empty()
        && events
            .iter()
            .all(|e| matches!(e, Event::Action(Action::ComposeInput(_))))
}

/// Most network events applied in one pass of the loop before input is looked at again.
const NET_BATCH: usize = 256;

/// A burst of network events applied in one pass: one trip through the loop's select (and at
/// most one frame) for many server frames.
pub fn net_burst(first: NetEvent, more: &mut Receiver<NetEvent>) -> Vec<Event> {
    let mut events = net_event(first);
    while events.len() < NET_BATCH {
        let Ok(next) = more.try_recv() else { break };
        events.extend(net_event(next));
    }
    events
}

/// Whether the server said its packed burst of events paused (the loop then draws at once).
pub fn burst_paused(events: &[Event]) -> bool {
    events.iter().any(|e| {
        matches!(e, Event::Frame(frame) if matches!(**frame, frontdesk_protocol::OperatorOut::Quiet))
    })
}

pub fn term_event(keymap: &mut Keymap, state: &State, event: TermEvent) -> Vec<Event> {
    use crate::app::state::KeyContext;
    use crate::keymap::Context;
    let action = match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            let context = state.key_context();
            if context == KeyContext::Confirm {
                // A question waits: its answers first (and global keys, the asking key
                // among them). Any other key answers no, then does its usual job.
                if let Some(answer) = keymap.press(key, Context::Confirm) {
                    return vec![Event::Action(answer)];
                }
                let rest = keymap
                    .press(key, state.key_context_beneath().into())
                    .map(Event::Action);
                return std::iter::once(Event::Action(Action::ConfirmNo))
                    .chain(rest)
                    .collect();
            }
            keymap.press(key, context.into())
        }
        TermEvent::Mouse(mouse) => keymap.mouse(mouse),
        TermEvent::Paste(text) => Some(Action::Paste(text)),
        TermEvent::FocusGained => return vec![Event::TerminalFocus(true)],
        TermEvent::FocusLost => return vec![Event::TerminalFocus(false)],
        _ => None,
    };
    action.map(Event::Action).into_iter().collect()
}

fn net_event(event: NetEvent) -> Vec<Event> {
    let connection = match event {
        NetEvent::Frame(frame) => return vec![Event::Frame(frame)],
        NetEvent::Read(answer) => return vec![crate::runtime::side_reads::answered(answer)],
        NetEvent::Connecting => Connection::Connecting,
        NetEvent::Connected => Connection::Syncing,
        NetEvent::Synced => Connection::Online,
        NetEvent::Disconnected { reason, retry_in } => {
            let retry_ms = i64::try_from(retry_in.as_millis()).unwrap_or(i64::MAX);
            Connection::Offline {
                reason,
                retry_at: now_millis().saturating_add(retry_ms),
            }
        }
        NetEvent::AuthFailed => Connection::AuthFailed,
    };
    vec![Event::Connection(connection)]
}

pub fn now_millis() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Wakes the loop when a grouped alert is due; never, when none is.
pub async fn alert_timer(due: Option<frontdesk_protocol::Millis>) {
    match due {
        Some(due) => {
            let wait = u64::try_from(due - now_millis()).unwrap_or(0);
            tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
        }
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use frontdesk_protocol::OperatorOut;

    use super::*;

    #[test]
    fn a_batch_ending_in_quiet_is_a_paused_burst() {
        let quiet = Event::Frame(Box::new(OperatorOut::Quiet));
        let pong = Event::Frame(Box::new(OperatorOut::Pong));
        assert!(burst_paused(&[pong.clone(), quiet]));
        assert!(!burst_paused(&[pong]));
        assert!(!burst_paused(&[]));
    }
}
