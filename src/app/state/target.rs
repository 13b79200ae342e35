//! Where a reply would go: the focused pane's chat, and whether the operator may write there.
//! The reply box's title, Enter, canned replies and the editor all ask the same question, so
//! what the operator sees named is what receives the text.

use frontdesk_protocol::{ChatStatus, OperatorRole};

use super::{ChatView, Room, State};

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
    /// Another operator's chat: a plain operator does not read it.
    Others { label: &'a str },
    /// A colleague's chat a supervisor reads: nothing typed goes to the visitor, but notes,
    /// whispers, transfers and `:take` work (`colleague`: its assignee).
    Supervising {
        id: i64,
        label: &'a str,
        colleague: i64,
    },
    /// A conversation of the team chat: lines go to colleagues.
    Team { room: Room },
}

impl ReplyTarget<'_> {
    /// The chat a reply goes to, when one may be sent.
    pub fn writable(self) -> Option<i64> {
        match self {
            Self::Open { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The chat operators' own commands act on (notes, whispers, transfers, bans): one the
    /// operator may answer, or a colleague's a supervisor reads.
    pub fn managed(self) -> Option<i64> {
        match self {
            Self::Open { id, .. } | Self::Supervising { id, .. } => Some(id),
            _ => None,
        }
    }
}

impl State {
    /// Whose chat a fired reply goes to, as the reply box names it; where none may be sent,
    /// why, in the reply box's words («Марина · чат закрыт», not «no chat open»).
    pub fn reply_target_name(&self) -> String {
        match self.reply_target() {
            ReplyTarget::Open { label, .. } => label.to_owned(),
            ReplyTarget::Team { room } => self.room_label(room),
            _ => self.reply_title(),
        }
    }

    /// The reply box's title: "Reply to Ольга", or why nothing can be sent from it.
    pub fn reply_title(&self) -> String {
        let t = self.strings.reply;
        match self.reply_target() {
            ReplyTarget::Open { label, .. } => format!("{} {label}", t.to),
            ReplyTarget::NoChat => t.no_chat_title.to_owned(),
            ReplyTarget::ReadOnly => t.read_only_title.to_owned(),
            ReplyTarget::Closed { label } => format!("{label} · {}", t.closed_title),
            ReplyTarget::Others { label } => format!("{label} · {}", t.others_title),
            ReplyTarget::Supervising { label, .. } => {
                format!("{label} · {}", self.strings.team.supervising_title)
            }
            ReplyTarget::Team { room } => {
                format!("{} {}", self.strings.team.to, self.room_label(room))
            }
        }
    }

    /// Where the reply box sends, and whether it may.
    pub fn reply_target(&self) -> ReplyTarget<'_> {
        if self.focused_read_only() {
            return ReplyTarget::ReadOnly;
        }
        if let Some(room) = self.pane_room(self.pane) {
            return ReplyTarget::Team { room };
        }
        let Some(chat) = self.open_chat() else {
            return ReplyTarget::NoChat;
        };
        self.target_of(chat)
    }

    /// Whether this console's operator is a supervisor (reads every chat, whispers).
    pub fn is_supervisor(&self) -> bool {
        self.me
            .as_ref()
            .is_some_and(|m| m.role == OperatorRole::Supervisor)
    }

    /// Whether the operator may write into `chat`, with its label.
    pub fn target_of<'a>(&self, chat: &'a ChatView) -> ReplyTarget<'a> {
        let label = chat.label.as_str();
        match chat.chat.status {
            ChatStatus::Closed => ReplyTarget::Closed { label },
            ChatStatus::Active if chat.chat.operator_id != self.my_id() => {
                match (self.is_supervisor(), chat.chat.operator_id) {
                    (true, Some(colleague)) => ReplyTarget::Supervising {
                        id: chat.chat.id,
                        label,
                        colleague,
                    },
                    _ => ReplyTarget::Others { label },
                }
            }
            ChatStatus::Waiting | ChatStatus::Offline | ChatStatus::Active => ReplyTarget::Open {
                id: chat.chat.id,
                label,
            },
        }
    }
}
