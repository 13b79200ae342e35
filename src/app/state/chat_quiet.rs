//! When an active chat whose visitor left will close by itself (`[presence]
//! close_after_left_secs`, told in `welcome`), so the operator sees it coming instead of the
//! chat leaving their list unannounced. The server's rule (`quiet_close.rs` there) on what the
//! console knows: quiet from the latest of the visitor leaving, the chat being taken on and
//! its last message (a note too); never while a transfer is offered or the visitor's words
//! are the last shown to them. The server also never closes one within the time of its own
//! start, which the console does not know: after a server restart the close may come later
//! than said, never earlier.

use frontdesk_protocol::{ChatStatus, Millis};

use super::chat::ChatView;

impl ChatView {
    /// When the chat closes by itself if nobody writes, with chats closing `after_ms` after
    /// going quiet; `None` when it does not (not active, visitor on the site or their time
    /// of leaving unknown, an `offered` transfer, the visitor's words unanswered).
    pub fn closes_quietly_at(&self, after_ms: Millis, offered: bool) -> Option<Millis> {
        if self.chat.status != ChatStatus::Active || offered {
            return None;
        }
        // The visitor's words wait for an answer (a note or a whisper answers nobody).
        if self.awaiting_since.is_some() {
            return None;
        }
        let left = self.visitor_away?.since?;
        let held = self.held_at.or(self.chat.accepted_at).unwrap_or(0);
        let newest = self.newest_line().map_or(0, |e| e.ts);
        let quiet_from = left.max(held).max(newest);
        Some(quiet_from.saturating_add(after_ms))
    }
}
