//! Who waits for whom in a chat: the visitor's unanswered words, the live response target
//! they run against, whether the visitor may be on the site, colleagues typing. Read from
//! the chat's own lines (`chat.rs`); nothing here changes it.

use frontdesk_protocol::{ChatStatus, Millis};

use super::Connection;
use super::chat::{COLLEAGUE_TYPING_MS, ChatView};
use super::entry::Who;

impl ChatView {
    /// Since when the visitor waits live for a word, against the response targets: a waiting
    /// chat since it started, an active one since its first unanswered message. A waiting
    /// chat that was answered before (back in the queue after it was someone's) waits since
    /// its first unanswered message, or with none since it went back to the queue (the
    /// server's `queued_at`, or the event that put it back; an older server's snapshot says
    /// neither, and its last line stands in): not since it started. `None` for an offline
    /// message and a closed chat, and for an offline message taken in until the visitor writes
    /// after it was taken.
    pub fn live_wait_since(&self) -> Option<Millis> {
        match self.chat.status {
            ChatStatus::Waiting if self.replied => {
                let went_back = self.chat.queued_at.unwrap_or(self.last_activity);
                Some(self.awaiting_since.unwrap_or(went_back))
            }
            ChatStatus::Waiting => Some(self.chat.created_at),
            ChatStatus::Active => match (self.awaiting_since, self.chat.accepted_at) {
                (Some(since), Some(taken)) if self.left_offline && since <= taken => {
                    self.first_visitor_line_after(taken)
                }
                (since, _) => since,
            },
            ChatStatus::Offline | ChatStatus::Closed => None,
        }
    }

    /// Whether the visitor may be on the site in this chat now: not for a message left
    /// offline and not taken in, a closed chat, or a visitor the server says has left (it
    /// says so of a message left offline too, once taken in while they are away).
    pub fn visitor_may_be_here(&self) -> bool {
        self.chat.status.is_open() && self.visitor_away.is_none()
    }

    /// A live chat (waiting or active, a message left offline once taken in too) whose
    /// visitor has left the site: worth a word in its pane and the list.
    pub fn visitor_gone(&self) -> bool {
        self.visitor_away.is_some()
            && matches!(self.chat.status, ChatStatus::Waiting | ChatStatus::Active)
    }

    /// Colleagues typing here now, oldest news first.
    pub fn typing_colleagues(&self, now: Millis) -> impl Iterator<Item = i64> + '_ {
        self.colleagues_typing
            .iter()
            .filter(move |(_, at)| now - at < COLLEAGUE_TYPING_MS)
            .map(|(id, _)| *id)
    }

    /// The first visitor message after `ts` (read from the end: the newest few).
    fn first_visitor_line_after(&self, ts: Millis) -> Option<Millis> {
        self.messages
            .iter()
            .rev()
            .take_while(|e| e.ts > ts)
            .filter(|e| e.who == Who::Visitor)
            .last()
            .map(|e| e.ts)
    }

    /// The time of the first visitor message after the last operator reply, looked up from
    /// the end (older pages came in: the run of unanswered words may reach further back).
    pub(super) fn first_unanswered(&self) -> Option<Millis> {
        let mut since = None;
        for entry in self.messages.iter().rev() {
            if entry.answers() {
                break;
            }
            if entry.who == Who::Visitor {
                since = Some(entry.ts);
            }
        }
        since
    }
}

/// The visitor of a live chat has left the site, as the server says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Away {
    /// When their last tab closed (after a server restart: their last sign of life before
    /// it); `None` when the server does not know.
    pub since: Option<Millis>,
}

impl super::State {
    /// Whether a redraw each second shows something new (wait timers, retry countdown).
    pub fn has_running_timers(&self) -> bool {
        matches!(self.connection, Connection::Offline { .. })
            // Time in status moves on the queue view.
            || self.queue.open
            // Time on the page ticks on the on-site view.
            || self.site.open
            || self.chats.values().any(|c| match c.chat.status {
                ChatStatus::Waiting => true,
                ChatStatus::Closed => false,
                ChatStatus::Active | ChatStatus::Offline => c.awaiting_since.is_some(),
            })
    }
}
