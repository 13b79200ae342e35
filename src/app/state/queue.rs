//! The queue view's own state: whether it is open, the chat under its cursor, the first
//! response target it measures waits against, and today's totals once the server told them.

use frontdesk_protocol::Millis;

/// When a wait is drawn as a warning and as a breach (`[queue]` in `config.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub warn_after_ms: Millis,
    /// The first response target: the countdown reaches zero here and counts on past it.
    pub breach_after_ms: Millis,
}

impl Default for Targets {
    fn default() -> Self {
        Self {
            warn_after_ms: 45_000,
            breach_after_ms: 60_000,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueState {
    /// The view covers the list and the panes, and takes the keys (`KeyContext::Queue`).
    pub open: bool,
    /// The chat under the cursor, by id, so the cursor stays on it as rows reorder.
    pub cursor: Option<i64>,
    pub targets: Targets,
}
