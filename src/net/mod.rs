//! The network side: the operator WebSocket task (reconnects, resumes, resends) and REST login.
//! Knows only the protocol crate; talks to the loop through channels.

mod backoff;
mod connect;
mod outbox;
pub mod rest;
mod side_reads;
mod url;
mod ws;

use std::time::Duration;

use frontdesk_protocol::{OperatorIn, OperatorOut};
use tokio::sync::mpsc;

pub use backoff::Backoff;
pub(crate) use connect::next_frame;
pub use connect::{TokenCheck, check_token};
pub use outbox::Outbox;
pub use side_reads::{Rest, SideAnswer, SideRead, rest_base};
pub use url::ws_url;
pub(crate) use ws::Socket;

/// What the socket task reports to the loop.
#[derive(Debug, Clone, PartialEq)]
pub enum NetEvent {
    Connecting,
    /// `welcome` arrived; a snapshot may still be on its way.
    Connected,
    /// The console holds the server's picture: the snapshot is complete, or the connection
    /// resumed from the last seq.
    Synced,
    Disconnected {
        reason: String,
        retry_in: Duration,
    },
    Frame(Box<OperatorOut>),
    /// The server refused the token; the task stops reconnecting.
    AuthFailed,
    /// The answer to a `NetCommand::Read`.
    Read(SideAnswer),
}

/// What the loop asks of the socket task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetCommand {
    /// Send now, or queue while offline; commands with an id are resent until acknowledged.
    Send(OperatorIn),
    /// Drop the connection and connect again at once (also used by tests).
    Reconnect,
    /// A REST read beside the socket; the answer comes back as `NetEvent::Read`.
    Read(SideRead),
}

/// The loop's end of the socket task. Dropping it stops the task.
pub struct NetHandle {
    pub commands: mpsc::UnboundedSender<NetCommand>,
    pub events: mpsc::Receiver<NetEvent>,
}

/// Starts the socket task for `ws_url` (see [`ws_url`]) authenticating with `token`.
pub fn spawn(ws_url: String, token: String) -> NetHandle {
    let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    // Bounded so a flood of frames waits for the UI instead of growing without end.
    let (ev_tx, ev_rx) = mpsc::channel(1024);
    let rest = Rest {
        base: rest_base(&ws_url),
        token: token.clone(),
    };
    tokio::spawn(ws::run(ws_url, token, cmd_rx, ev_tx, rest));
    NetHandle {
        commands: cmd_tx,
        events: ev_rx,
    }
}
