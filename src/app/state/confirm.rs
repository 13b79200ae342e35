//! The one-key questions asked before work is lost, and what they count.

use frontdesk_protocol::ChatStatus;

use super::State;

/// A question asked before work is lost, answered with one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// End chat `chat_id` (the one shown focused when asked).
    Close { chat_id: i64 },
    /// Quit while chats are open or drafts unsent.
    Quit,
}

/// Most columns of a visitor's name in a question.
const NAME_COLUMNS: usize = 24;

impl State {
    /// The operator's own open chats, and unsent drafts (the reply box's text included).
    pub fn open_work(&self) -> (usize, usize) {
        let me = self.my_id();
        let chats = self
            .chats
            .values()
            .filter(|c| {
                me.is_some() && c.chat.status == ChatStatus::Active && c.chat.operator_id == me
            })
            .count();
        let boxed = !self.compose.lines().iter().all(|l| l.trim().is_empty());
        let drafts = self
            .drafts
            .values()
            .filter(|d| !d.trim().is_empty())
            .count();
        (chats, drafts + usize::from(boxed))
    }

    /// The waiting question, worded for the status bar, with its answer keys.
    pub fn confirm_question(&self) -> Option<String> {
        self.confirm_parts()
            .map(|(question, keys)| format!("{question} {keys}"))
    }

    /// The waiting question and its answer keys apart: a narrow status bar cuts the question
    /// and keeps the keys.
    pub fn confirm_parts(&self) -> Option<(String, &'static str)> {
        let t = self.strings.reply;
        Some(match self.confirm? {
            Confirm::Quit => {
                let (chats, drafts) = self.open_work();
                let question = t
                    .confirm_quit
                    .replace("{chats}", &chats.to_string())
                    .replace("{drafts}", &drafts.to_string());
                (question, t.confirm_quit_keys)
            }
            Confirm::Close { chat_id } => {
                // A long name is cut so the answer keys at the end stay on screen.
                let chat = self.chats.get(&chat_id);
                let name = chat.map_or("", |c| c.label.as_str());
                // Closing on the visitor's unanswered words loses them a reply: said first.
                let question = if chat.is_some_and(|c| c.awaiting_since.is_some()) {
                    t.confirm_close_unanswered
                } else {
                    t.confirm_close
                };
                let question = question.replace("{name}", super::cut_to_width(name, NAME_COLUMNS));
                (question, t.confirm_close_keys)
            }
        })
    }
}
