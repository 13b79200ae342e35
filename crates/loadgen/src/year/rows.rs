//! What the planner hands the writer: the year's shape, chats as they end up, visitors with
//! their final counts, and events before they get their `seq`.

use frontdesk_protocol::{Author, Chat, ChatStatus, Millis, OperatorStatus, Role, VisitorProfile};

#[derive(Debug, Clone)]
pub struct Operator {
    pub id: i64,
    pub display_name: String,
    pub department: usize,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Midnight UTC of the first day.
    pub start: Millis,
    pub days: u32,
    pub chats: u64,
    pub messages: u64,
    pub operators: Vec<Operator>,
    pub departments: Vec<String>,
}

/// A chat as it stands at the end of the year (its history is in the events).
#[derive(Debug, Clone)]
pub struct ChatRow {
    pub id: i64,
    pub visitor_id: i64,
    pub status: ChatStatus,
    pub operator_id: Option<i64>,
    pub department: String,
    pub created_at: Millis,
    pub accepted_at: Option<Millis>,
    pub first_response_at: Option<Millis>,
    pub closed_at: Option<Millis>,
}

#[derive(Debug, Clone)]
pub struct VisitorRow {
    pub id: i64,
    pub name: Option<&'static str>,
    pub email: Option<String>,
    pub english: bool,
    pub first_seen: Millis,
    pub last_seen: Millis,
    pub visits: u32,
    pub chats: u32,
}

/// One stored event, before it has a `seq`.
#[derive(Debug, Clone)]
pub struct Ev {
    pub ts: Millis,
    pub what: What,
}

#[derive(Debug, Clone)]
pub enum What {
    Status {
        operator_id: i64,
        status: OperatorStatus,
    },
    Created {
        chat: Chat,
        visitor: Box<VisitorProfile>,
    },
    Accepted {
        chat_id: i64,
        operator_id: i64,
        operator_name: String,
    },
    Message {
        chat_id: i64,
        visitor_id: i64,
        author: Author,
        text: String,
    },
    Closed {
        chat_id: i64,
        by: Role,
        operator_id: Option<i64>,
    },
}
