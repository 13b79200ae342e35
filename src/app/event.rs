//! Everything that can happen to the console, as seen by `update`.

use frontdesk_protocol::{Millis, OperatorOut};

use super::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Action(Action),
    /// The connection changed state.
    Connection(Connection),
    /// A frame from the server, in the order received.
    Frame(Box<OperatorOut>),
    /// The clock moved on (drives wait timers and the retry countdown).
    Tick {
        now: Millis,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// Connection state shown in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline {
        reason: String,
        retry_at: Millis,
    },
    /// The server refused our token; only a new login helps.
    AuthFailed,
}
