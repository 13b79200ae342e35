//! What `update` asks the outside world to do.

use frontdesk_protocol::OperatorIn;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Hand a command to the network task (queued while offline, resent until acknowledged).
    Send(OperatorIn),
    Quit,
}
