//! Plain data carried inside frames: chats, messages, visitors, operators.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Global, monotonically increasing number of a stored event.
pub type Seq = u64;
/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Visitor,
    Operator,
    System,
}

/// What a message is. Notes and whispers are internal: the server never sends them to visitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    #[default]
    Text,
    /// For every operator who may read the chat.
    Note,
    /// A supervisor's word to the assigned operator inside the dialog: only the assignee and
    /// supervisors receive it.
    Whisper,
}

impl MessageKind {
    /// Only plain text ever reaches the visitor.
    pub fn for_visitor(self) -> bool {
        self == Self::Text
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub role: Role,
    /// Set when `role` is `operator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<i64>,
    /// Display name: the operator's, or the visitor's from the pre-chat form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub chat_id: i64,
    /// The event that stored this message.
    pub seq: Seq,
    pub ts: Millis,
    pub author: Author,
    #[serde(default)]
    pub kind: MessageKind,
    pub text: String,
    /// The id the sending client gave the command, so it can match its pending copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// A file sent with the message (`text` is then its name). Absent for plain text, so
    /// clients that know nothing of files show the name as an ordinary line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// A file in a chat: its bytes are fetched with `GET /api/files/{id}`. `name` is the
/// sender's (hostile: never a path), `mime` the type the server read from the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    /// Bytes.
    pub size: u64,
    pub mime: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatStatus {
    /// In the queue, seen by every online operator, accepted by none yet.
    Waiting,
    /// Accepted by an operator.
    Active,
    /// Ended by the visitor or an operator.
    Closed,
    /// Left while no operator was online. An operator who accepts or answers it takes it
    /// (it becomes `Active`), as with a waiting chat.
    Offline,
}

impl ChatStatus {
    /// Open chats are the ones a visitor may still write into; a visitor has at most one.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Waiting | Self::Active)
    }

    /// No operator has it yet: the first to accept or answer takes it.
    pub fn is_untaken(self) -> bool {
        matches!(self, Self::Waiting | Self::Offline)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chat {
    pub id: i64,
    pub visitor_id: i64,
    pub status: ChatStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub created_at: Millis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Millis>,
    /// When a waiting chat went back to the queue (requeued to a department, or released as its
    /// operator left): its wait for an operator starts again then. Absent for a chat waiting
    /// since it started, and for a chat that is not waiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_at: Option<Millis>,
}

/// One page a visitor opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// Search query that brought the visitor, given by the widget or read from the referrer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_query: Option<String>,
    pub ts: Millis,
}

/// Most site-defined fields (`extra`) a visitor holds: one form's past this are dropped, and a
/// later form only updates those held once this many are.
pub const MAX_EXTRA_FIELDS: usize = 20;

/// What a visitor thought of a closed chat (`rate_chat`): a thumb up or down, as the widget
/// asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Good,
    Bad,
}

impl Rating {
    /// As stored in `chats.rating`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Bad => "bad",
        }
    }

    /// Read back from `chats.rating`; anything else is no rating.
    pub fn from_stored(stored: &str) -> Option<Self> {
        match stored {
            "good" => Some(Self::Good),
            "bad" => Some(Self::Bad),
            _ => None,
        }
    }

    /// The one of a pair kept in the order good, bad (the words of each language).
    pub fn pick<T>(self, [good, bad]: [T; 2]) -> T {
        match self {
            Self::Good => good,
            Self::Bad => bad,
        }
    }
}

/// Longest comment on a rating kept, in characters (a longer one is cut).
pub const MAX_RATING_COMMENT_CHARS: usize = 500;

/// Longest customer id a site may vouch for (`identify`), in characters.
pub const MAX_CUSTOMER_ID_CHARS: usize = 128;

/// Pre-chat form. Every field is optional; `extra` holds site-defined fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrechatFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Everything operators know about a visitor. All text here is visitor-controlled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorProfile {
    pub id: i64,
    #[serde(default)]
    pub fields: PrechatFields,
    /// Most recent last; bounded by the server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageView>,
    /// Referrer of the first page of the current visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The site's own id of its logged-in customer, verified by the server (`identify`):
    /// the one field here a visitor cannot set. Absent for anyone the site did not vouch for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Number of visits (connections more than 30 minutes apart count as new visits); for a
    /// verified customer, over every browser they were verified in.
    pub visits: u32,
    /// Number of chats this visitor has opened, this one included (a verified customer's
    /// over every browser).
    pub chats: u32,
    pub first_seen: Millis,
    pub last_seen: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorRole {
    #[default]
    Operator,
    Supervisor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorStatus {
    #[default]
    Online,
    Away,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorInfo {
    pub id: i64,
    /// Login name.
    pub name: String,
    /// Name shown to visitors.
    pub display_name: String,
    pub role: OperatorRole,
    pub status: OperatorStatus,
    /// When `status` last changed (absent from an older server, or never changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_since: Option<Millis>,
}

impl OperatorInfo {
    /// An operator as they are when they connect: online.
    pub fn new(
        id: i64,
        name: impl Into<String>,
        display_name: impl Into<String>,
        role: OperatorRole,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            display_name: display_name.into(),
            role,
            status: OperatorStatus::Online,
            status_since: None,
        }
    }
}

/// A disabled account, as its chats, notes and bans still name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerOperator {
    pub id: i64,
    /// Login name.
    pub name: String,
    /// Name shown to visitors.
    pub display_name: String,
}

/// A chat with what the console needs to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatState {
    pub chat: Chat,
    pub visitor: VisitorProfile,
    /// The most recent messages, oldest first; earlier ones come from `history`.
    pub messages: Vec<Message>,
    /// The latest e-mail of an answer to an offline message, if one was queued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<crate::MailStatus>,
    /// The newest message the visitor has seen (`chat_seen`), once they have seen one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_id: Option<i64>,
    /// When its operator took it on: accepted, handed over or taken over (absent: as
    /// `accepted_at`). A chat quiet since its visitor left closes by itself counting from the
    /// latest of this, the visitor leaving and the last message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_at: Option<crate::Millis>,
}

impl ChatState {
    /// A chat with its visitor and these messages, and nothing more known of it: no e-mail,
    /// nothing seen, taken on when accepted.
    pub fn new(chat: Chat, visitor: VisitorProfile, messages: Vec<Message>) -> Self {
        Self {
            chat,
            visitor,
            messages,
            mail: None,
            seen_id: None,
            held_at: None,
        }
    }
}

/// Limits a visitor client should respect (the server enforces them anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorLimits {
    pub max_message_chars: u32,
    pub max_frame_bytes: u32,
}

/// One of a visitor's chats in a list of their conversations (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatSummary {
    pub chat: Chat,
    /// How many messages it holds (notes included).
    pub messages: u32,
    /// The first words of its first visitor message (visitor text: sanitise before showing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
    /// The operator who answered it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_name: Option<String>,
    /// What its visitor thought of it (`rate_chat`), once they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
}

/// A department of the team ("sales"), for transfers and the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentInfo {
    /// The short name commands use, and chats carry in `department`.
    pub key: String,
    pub title: String,
    pub operator_ids: Vec<i64>,
}

/// A line of the operators' own chat: the team room (`to_operator_id` absent) or one-to-one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMessage {
    pub id: i64,
    /// The event that stored it.
    pub seq: Seq,
    pub ts: Millis,
    pub from_operator_id: i64,
    pub from_name: String,
    /// The colleague a one-to-one line is for; absent: the team room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_operator_id: Option<i64>,
    pub text: String,
    /// The id the sending client gave the command, so it can match its pending copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

/// A chat offered by one operator to another, not yet taken or turned down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferOffer {
    pub chat_id: i64,
    pub from_operator_id: i64,
    pub to_operator_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub created_at: Millis,
}
