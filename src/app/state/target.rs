//! Where a reply would go: the focused pane's chat, and whether the operator may write there.
//! The reply box's title, Enter, canned replies and the editor all ask the same question, so
//! what the operator sees named is what receives the text.

use frontdesk_protocol::{ChatStatus, OperatorRole};

use super::{ChatView, State};

/// The chat the reply box writes to, as the operator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyTarget<'a> {
    /// The focused pane is empty.
    NoChat,
    /// The focused pane shows an earlier conversation: nothing can be sent there.
    ReadOnly,
    /// A chat the operator may answer: waiting, a message left offline, or their own.
    Open { id: i64, label: &'a str },
    /// A chat that is over.
    Closed { label: &'a str },
    /// Another operator's chat (only a supervisor may write there).
    Others { label: &'a str },
}

impl ReplyTarget<'_> {
    /// The chat a reply goes to, when one may be sent.
    pub fn writable(self) -> Option<i64> {
        match self {
            Self::Open { id, .. } => Some(id),
            _ => None,
        }
    }
}

impl State {
    /// Whose chat a fired reply goes to, as the reply box names it.
    pub fn reply_target_name(&self) -> String {
        match self.reply_target() {
            ReplyTarget::Open { label, .. } => label.to_owned(),
            _ => self.strings.reply.no_chat_title.to_owned(),
        }
    }

    /// Where the reply box sends, and whether it may.
    pub fn reply_target(&self) -> ReplyTarget<'_> {
        if self.focused_read_only() {
            return ReplyTarget::ReadOnly;
        }
        let Some(chat) = self.open_chat() else {
            return ReplyTarget::NoChat;
        };
        self.target_of(chat)
    }

    /// Whether the operator may write into `chat`, with its label.
    pub fn target_of<'a>(&self, chat: &'a ChatView) -> ReplyTarget<'a> {
        let label = chat.label.as_str();
        let supervisor = self
            .me
            .as_ref()
            .is_some_and(|m| m.role == OperatorRole::Supervisor);
        match chat.chat.status {
            ChatStatus::Closed => ReplyTarget::Closed { label },
            ChatStatus::Active if chat.chat.operator_id != self.my_id() && !supervisor => {
                ReplyTarget::Others { label }
            }
            ChatStatus::Waiting | ChatStatus::Offline | ChatStatus::Active => ReplyTarget::Open {
                id: chat.chat.id,
                label,
            },
        }
    }
}
