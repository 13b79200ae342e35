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

/// Today's numbers from the server's statistics (`GET /api/stats`), as the view shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub chats: u64,
    pub answered: u64,
    pub missed: u64,
    /// Chats whose visitor left the site before any answer.
    pub left_waiting: u64,
    /// `None`: nothing answered yet today.
    pub median_first_response_ms: Option<Millis>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueState {
    /// The view covers the list and the panes; the list's keys drive it (`update/queue.rs`).
    pub open: bool,
    /// The chat under the cursor, by id, so the cursor stays on it as rows reorder.
    pub cursor: Option<i64>,
    pub targets: Targets,
    /// Today's totals, once the server told them (left out of the view until then, and
    /// when the server has no statistics).
    pub today: Option<Today>,
    /// When today's totals were last asked for (asked again every 30 s while open).
    pub today_asked: Option<Millis>,
}
