//! The stored events: what happened, in the order the server committed it. Operators get
//! each inside an `event` frame ([`crate::OperatorOut::Event`]).

use serde::{Deserialize, Serialize};

use crate::{Ban, Chat, Message, OperatorStatus, PageView, Role, TeamMessage, VisitorProfile};

/// A stored event: what happened, in the order the server committed it.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames, strum::IntoStaticStr,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EventBody {
    /// A visitor opened a page (whether or not they chat).
    PageViewed { visitor_id: i64, page: PageView },
    /// A visitor's profile changed (pre-chat form, new visit).
    VisitorUpdated { visitor: VisitorProfile },
    /// A new chat: waiting in the queue, or an offline message.
    ChatCreated { chat: Chat, visitor: VisitorProfile },
    ChatAccepted {
        chat_id: i64,
        operator_id: i64,
        operator_name: String,
        /// Given by the server's routing, not taken by the operator.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        routed: bool,
    },
    /// A message or an internal note.
    MessagePosted { message: Message },
    /// A chat offered to a colleague with a note; it stays with the one who offered it until
    /// the colleague accepts (`chat_transferred`) or declines (`chat_transfer_declined`).
    ChatTransferOffered {
        chat_id: i64,
        from_operator_id: i64,
        to_operator_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The chat went back to the queue for `department` (a transfer to a department): it is
    /// waiting again, with no operator.
    ChatRequeued {
        chat_id: i64,
        from_operator_id: i64,
        department: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The chat's operator went offline (their last console gone past `[presence]
    /// offline_grace_secs`) while it was theirs: it waits in the queue again, with no operator,
    /// for its department if it has one, and any offer of it is withdrawn.
    ChatReleased { chat_id: i64, operator_id: i64 },
    /// The colleague turned the offer down; the chat stays where it was.
    ChatTransferDeclined {
        chat_id: i64,
        operator_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    ChatTransferred {
        chat_id: i64,
        from_operator_id: i64,
        to_operator_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    ChatClosed {
        chat_id: i64,
        by: Role,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator_id: Option<i64>,
    },
    /// The visitor rated the closed chat (again: the new rating replaces the old).
    ChatRated {
        chat_id: i64,
        rating: crate::Rating,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// The visitor has seen the chat up to `message_id` (and so every operator message before
    /// it); only ever later than the last.
    ChatSeen { chat_id: i64, message_id: i64 },
    OperatorStatusChanged {
        operator_id: i64,
        status: OperatorStatus,
        /// The operator as they are now (login, display name, role), so a console that has
        /// not met them (an account added since its snapshot) lists them. Absent from older
        /// servers and for a disabled account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator: Option<crate::OperatorInfo>,
    },
    /// An account was added, enabled again, renamed or given another role from the server's
    /// command line: consoles list the operator as they are now.
    OperatorChanged { operator: crate::OperatorInfo },
    /// An account was disabled: it can no longer log in or take chats, so consoles stop
    /// listing it.
    OperatorDisabled { operator_id: i64 },
    /// A visitor was banned. Their open chats were closed just before (`chat_closed`).
    VisitorBanned { ban: Ban },
    /// A supervisor lifted a ban before its end. A ban that runs out leaves no event.
    VisitorUnbanned {
        ban_id: i64,
        visitor_id: i64,
        operator_id: i64,
    },
    /// Nobody of the chat's department took it within `[routing] fallback_secs`: any online
    /// operator may take it now.
    ChatUnclaimed { chat_id: i64, department: String },
    /// A line in the operators' own chat. The team room's reach every operator; a one-to-one
    /// line only its two operators.
    TeamMessagePosted { message: TeamMessage },
    /// The e-mail copy of an offline message's answer was queued, sent, is retried or was
    /// given up; the chat's readers get it.
    MailState { mail: crate::MailStatus },
    /// The visitor of an open chat left the site (`on_site: false`; `left_at`: when their last
    /// tab closed, or for a message left offline taken in while they were away, their last
    /// stored sign of life) or came back to it. A leave comes once their widget has been
    /// closed past `[site] linger_secs`.
    VisitorPresence {
        chat_id: i64,
        on_site: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        left_at: Option<crate::Millis>,
    },
}

impl EventBody {
    /// The `kind` tag, e.g. `message_posted`.
    pub fn kind(&self) -> &'static str {
        self.into()
    }
}
