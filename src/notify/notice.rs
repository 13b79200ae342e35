//! What the decision core takes in ([`Signal`]: a server event boiled down) and gives out
//! ([`Notice`]: an alert ready for its channels, or taking one down). Plain data.

use frontdesk_protocol::{ChatStatus, EventBody, MessageKind, Millis, OperatorOut, Rating, Role};

use super::rules::{Channel, Kind, Urgency};
use super::text::Item;

/// What `update` asks the loop to tell the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Show(Alert),
    /// Nothing is left to say for this kind: take its desktop notification down.
    Withdraw(Kind),
}

/// One notification, ready for every channel it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub kind: Kind,
    /// Replaces the kind's previous desktop notification (same id) instead of adding one.
    pub replace: bool,
    pub summary: String,
    pub body: String,
    pub urgency: Urgency,
    /// Milliseconds; 0: until dismissed.
    pub expire_ms: u32,
    /// Only channels that are switched on for this kind and overall.
    pub channels: Vec<Channel>,
    pub event: HookEvent,
}

/// The event as the hook command gets it (JSON on stdin). All text is sanitized.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HookEvent {
    pub kind: Kind,
    pub repeat: bool,
    pub at: Millis,
    pub summary: String,
    pub body: String,
    pub chats: Vec<Item>,
}

/// A server event, boiled down to what alerts care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    ChatCreated {
        chat_id: i64,
    },
    /// Its text is read from the chat when the alert goes out: a flood costs nothing here.
    VisitorMessage {
        chat_id: i64,
    },
    Transferred {
        chat_id: i64,
        to: i64,
        note: Option<String>,
    },
    /// Taken (by hand or given by the server's routing): it leaves the queue, and an operator
    /// given a chat they are not looking at hears of it.
    Accepted {
        chat_id: i64,
        by: i64,
        routed: bool,
    },
    /// Closed: it leaves the queue.
    Settled {
        chat_id: i64,
    },
    /// A visitor rated a chat as bad; `comment` is raw, sanitized when the alert is made.
    RatedBad {
        chat_id: i64,
        comment: Option<String>,
    },
    /// A line of the operators' own chat (the team room when `to` is `None`); raw text,
    /// sanitized when the alert is made. Our own lines are left out there.
    TeamLine {
        from: i64,
        to: Option<i64>,
        from_name: String,
        text: String,
    },
}

impl Signal {
    pub fn from_frame(frame: &OperatorOut) -> Option<Self> {
        let OperatorOut::Event { event, .. } = frame else {
            return None;
        };
        Some(match event {
            EventBody::ChatCreated { chat, .. } if chat.status == ChatStatus::Waiting => {
                Self::ChatCreated { chat_id: chat.id }
            }
            // Its department's time ran out: new to everyone outside it.
            EventBody::ChatUnclaimed { chat_id, .. } => Self::ChatCreated { chat_id: *chat_id },
            // Back in the queue for a department: a new chat for its operators.
            EventBody::ChatRequeued { chat_id, .. } => Self::ChatCreated { chat_id: *chat_id },
            // Its operator went offline holding it: a visitor waits for anyone to take it.
            EventBody::ChatReleased { chat_id, .. } => Self::ChatCreated { chat_id: *chat_id },
            EventBody::MessagePosted { message }
                if message.author.role == Role::Visitor && message.kind == MessageKind::Text =>
            {
                Self::VisitorMessage {
                    chat_id: message.chat_id,
                }
            }
            // Offered to a colleague: theirs to notice (taking it needs no alert).
            EventBody::ChatTransferOffered {
                chat_id,
                to_operator_id,
                note,
                ..
            } => Self::Transferred {
                chat_id: *chat_id,
                to: *to_operator_id,
                note: note.clone(),
            },
            EventBody::TeamMessagePosted { message } => Self::TeamLine {
                from: message.from_operator_id,
                to: message.to_operator_id,
                from_name: message.from_name.clone(),
                text: message.text.clone(),
            },
            EventBody::ChatAccepted {
                chat_id,
                operator_id,
                routed,
                ..
            } => Self::Accepted {
                chat_id: *chat_id,
                by: *operator_id,
                routed: *routed,
            },
            EventBody::ChatClosed { chat_id, .. } => Self::Settled { chat_id: *chat_id },
            EventBody::ChatRated {
                chat_id,
                rating: Rating::Bad,
                comment,
            } => Self::RatedBad {
                chat_id: *chat_id,
                comment: comment.clone(),
            },
            _ => return None,
        })
    }
}
