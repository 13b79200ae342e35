//! How far the visitor has read a chat (`seen_id`, from the snapshot and `chat_seen`): our
//! answers up to there are marked `✓✓` in the dialog, and in the list when the newest is one.

use super::chat::ChatView;
use super::entry::{Delivery, Entry, Who};

impl ChatView {
    /// Whether the visitor has had `entry` on their screen: a stored message they are shown
    /// (not a note or whisper) no newer than the one they said they saw.
    pub fn visitor_has_seen(&self, entry: &Entry) -> bool {
        let shown = matches!(
            entry.who,
            Who::Operator {
                note: false,
                whisper: false,
                ..
            }
        );
        shown
            && entry
                .id()
                .is_some_and(|id| self.seen_id.is_some_and(|s| id <= s))
    }

    /// Whether the newest line is our answer and the visitor has seen it.
    pub fn newest_answer_seen(&self) -> bool {
        self.newest_line().is_some_and(|e| {
            matches!(e.who, Who::Operator { own: true, .. }) && self.visitor_has_seen(e)
        })
    }

    /// The newest entry that is neither a system line nor a refused reply: what the list
    /// previews.
    pub(super) fn newest_line(&self) -> Option<&Entry> {
        self.messages
            .iter()
            .rev()
            .find(|e| e.who != Who::System && e.delivery != Delivery::Failed)
    }
}
