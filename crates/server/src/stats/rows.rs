//! The plain rows statistics are computed from, as the store reads them. Nothing here knows
//! a database: tests build these by hand.

use frontdesk_protocol::{Millis, OperatorStatus};

/// A visitor chat started in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRow {
    pub id: i64,
    /// The chat's operator now (the last one who took it), if any.
    pub operator_id: Option<i64>,
    pub department: Option<String>,
    pub created_at: Millis,
    /// When it ended: closed, or for a chat the server closed as quiet, when it went quiet
    /// (`chats.ended_at`).
    pub closed_at: Option<Millis>,
    /// Started as an offline message (nobody was online), not as a live chat.
    pub offline: bool,
    /// Its visitor left the site before any operator answered (`chats.left_waiting_at`).
    pub left_waiting: bool,
    /// What its visitor thought of it (`chats.rating`), if they rated it.
    pub rating: Option<frontdesk_protocol::Rating>,
}

/// Who wrote a message the visitor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Visitor,
    Operator(i64),
}

/// A text message of a chat, visitor's or operator's: notes, whispers and system lines are
/// left out by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageRow {
    pub chat_id: i64,
    pub ts: Millis,
    pub writer: Writer,
}

/// A stored `operator_status_changed` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub operator_id: i64,
    pub ts: Millis,
    pub status: OperatorStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub id: i64,
    pub name: String,
    pub display_name: String,
}

/// Everything one statistics answer needs, read in one transaction.
#[derive(Debug, Clone, Default)]
pub struct StatsData {
    /// Chats created in the period that are not in `summarized`, by id.
    pub chats: Vec<ChatRow>,
    /// Messages of those chats, by chat then in the order stored.
    pub messages: Vec<MessageRow>,
    /// Chats of the period already summed up (finished ones): their facts, as `chats::facts`
    /// worked them out when they closed.
    pub summarized: Vec<super::chats::ChatFacts>,
    /// Every status change before the period's end, oldest first.
    pub status_changes: Vec<StatusChange>,
    pub operators: Vec<OperatorRow>,
}
