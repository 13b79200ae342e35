//! JSON bodies of the export endpoints: one chat's transcript, and the chats of a period.

use serde::{Deserialize, Serialize};

use crate::{Chat, ChatSummary, Message, VisitorProfile};

/// Most messages one transcript carries (the oldest are kept; `truncated` says more exist).
pub const MAX_TRANSCRIPT_MESSAGES: u32 = 10_000;
/// Most chats one page of `GET /api/chats` lists.
pub const MAX_CHAT_LIST: u32 = 500;

/// `GET /api/chats/{id}/transcript`: a chat whole, oldest message first, as the asking
/// operator may read it (notes included; whispers only for whom they are meant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transcript {
    pub chat: Chat,
    pub visitor: VisitorProfile,
    pub messages: Vec<Message>,
    /// The chat holds more than [`MAX_TRANSCRIPT_MESSAGES`]; the first ones are here.
    #[serde(default)]
    pub truncated: bool,
    /// What the visitor thought of the chat (`rate_chat`), and what they added (visitor text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<crate::Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_comment: Option<String>,
}

/// `GET /api/chats?since=…&until=…`: chats started in a period, oldest first, one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatList {
    pub chats: Vec<ChatSummary>,
    /// Ask again with `after` = this for the next page; absent: this was the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_after: Option<i64>,
}
