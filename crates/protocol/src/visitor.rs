//! Frames on the visitor WebSocket (`/ws/visitor`), both ways.

use serde::{Deserialize, Serialize};

use crate::replies::with_replies;
use crate::{ChatStatus, Message, Millis, OperatorStatus, PrechatFields, VisitorLimits};

/// Visitor → server. Commands with an `id` are acknowledged (`ack`) or refused (`error`)
/// with that id; sending the same id again returns the first answer and stores nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum VisitorIn {
    /// First frame. Without a token the server issues a new visitor identity.
    Hello {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        token: Option<String>,
        /// Site key from the widget's `data-site` attribute.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        site: Option<String>,
        /// Browser language, e.g. `ru-RU`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
    /// The visitor opened a page.
    PageView {
        id: String,
        url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        referrer: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        search_query: Option<String>,
    },
    /// Pre-chat form fields; later fields replace earlier ones, missing ones are kept.
    Prechat { id: String, fields: PrechatFields },
    /// The site vouches for its logged-in customer: `hash` is HMAC-SHA256 of `customer_id`
    /// under the server's `[identity] secret`, lowercase hex, computed by the site's own
    /// server. Verified, the visitor's card shows the id and their chats on other browsers.
    Identify {
        id: String,
        customer_id: String,
        hash: String,
    },
    /// Opens a chat (or returns the open one), optionally with a first message.
    StartChat {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        department: Option<String>,
    },
    /// A message into the visitor's open chat; opens one if there is none.
    Message { id: String, text: String },
    /// The visitor's live draft (empty when they stopped typing). Not stored.
    Typing { draft: String },
    /// The visitor ends the open chat.
    CloseChat { id: String },
    /// A message left while no operator is online.
    OfflineMessage {
        id: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
    },
    /// Earlier messages of this visitor's own chats, newest page first.
    History {
        id: String,
        /// Return messages with an id below this one; omit for the latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<i64>,
        #[serde(default = "default_page")]
        limit: u32,
    },
    /// The visitor rates a closed chat of theirs; again, the new rating replaces the old.
    RateChat {
        id: String,
        chat_id: i64,
        rating: crate::Rating,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// The visitor closed an invitation without answering it.
    DismissInvitation { id: String, invitation_id: i64 },
    /// The visitor has had the chat in front of them up to this message (the newest they
    /// were shown): the widget sends it when an operator's message is on a visible screen.
    Seen { id: String, message_id: i64 },
    /// Application-level keep-alive for clients that cannot send WebSocket pings.
    Ping,
}

pub(crate) fn default_page() -> u32 {
    50
}

/// A line the widget shows between messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemEvent {
    /// The visitor opened a chat and it waits for an operator. An offline message opens none.
    Started,
    Joined,
    Transferred,
    /// The operator left and the chat waits for another one (no name with it).
    Released,
    Closed,
}

with_replies! {
/// Server → visitor; with `ack` and `error` (see `replies.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum VisitorOut {
    /// Answer to `hello`: the identity to keep and the open chat, if any.
    Welcome {
        visitor_id: i64,
        /// Keep this (local storage) and send it in the next `hello`.
        token: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        chat_id: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        chat_status: Option<ChatStatus>,
        /// The open chat's messages, oldest first (notes never appear here).
        #[serde(default)]
        messages: Vec<Message>,
        operators_online: bool,
        /// The team's presence in three states (see `Presence`); absent from older servers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operators_status: Option<OperatorStatus>,
        limits: VisitorLimits,
    },
    /// A new message in the visitor's chat, including the visitor's own (from any tab).
    Message {
        message: Message,
    },
    /// Something happened to the chat: an operator joined, it was transferred or closed.
    System {
        chat_id: i64,
        ts: Millis,
        event: SystemEvent,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator_name: Option<String>,
    },
    /// The operator is typing (or stopped).
    Typing {
        chat_id: i64,
        typing: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator_name: Option<String>,
    },
    /// Whether any operator is online, sent when the team's presence changes.
    Presence {
        operators_online: bool,
        /// `online` when any operator is online, `away` when none is but one is away,
        /// `offline` when nobody is present; absent from older servers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operators_status: Option<OperatorStatus>,
    },
    /// Answer to `history`.
    History {
        id: String,
        messages: Vec<Message>,
        /// More, older messages exist.
        more: bool,
    },
    /// An operator invites the visitor to chat: show `text` as their message. Answering
    /// (`start_chat` or `message`) opens a chat with that operator; `dismiss_invitation`
    /// declines. Sent again to a socket opened while it is pending.
    Invitation {
        invitation_id: i64,
        text: String,
        operator_name: String,
    },
    Pong,
}
}
