//! What one chat contributes, worked out from its row and its visitor-visible messages
//! (docs/statistics.md defines each fact).

use frontdesk_protocol::Millis;

use super::rows::{ChatRow, MessageRow, Writer};

/// A first response within this is "within a minute" (the edge counts).
pub const WITHIN_MS: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatFacts {
    pub offline: bool,
    /// The operator who answered first; without an answer, the chat's operator (if taken).
    pub operator_id: Option<i64>,
    pub department: Option<String>,
    pub created_at: Millis,
    /// Chat start to the first operator message (for an offline message: its answer time).
    pub first_response_ms: Option<i64>,
    /// Closed with no operator message.
    pub missed: bool,
    /// Start to close, for a closed chat that was answered.
    pub duration_ms: Option<i64>,
    /// First answer to close: how long the chat held an operator's slot.
    pub handling_ms: Option<i64>,
    /// Visitor messages with a later operator message, and the sum of the times to it (the
    /// average response time is a sum over a count, so a summary row can keep just these).
    pub responses: u64,
    pub response_sum_ms: i64,
    pub from_visitors: u64,
    pub from_operators: u64,
    /// Closed while its last visitor message had no operator message after it.
    pub last_unanswered: bool,
    /// Its visitor left the site before any operator answered.
    pub left_waiting: bool,
    /// Its visitor's rating. Read from the chat with the summary, never kept in it: a chat is
    /// rated after it closed, when its summary may already be written.
    pub rating: Option<frontdesk_protocol::Rating>,
}

/// `messages` are this chat's, in stored order.
pub fn facts(chat: &ChatRow, messages: &[MessageRow]) -> ChatFacts {
    let mut first_answer: Option<(Millis, i64)> = None;
    let mut waiting: Vec<Millis> = Vec::new();
    let (mut responses, mut response_sum_ms) = (0u64, 0i64);
    let (mut from_visitors, mut from_operators) = (0, 0);
    for m in messages {
        match m.writer {
            Writer::Visitor => {
                from_visitors += 1;
                waiting.push(m.ts);
            }
            Writer::Operator(id) => {
                from_operators += 1;
                first_answer.get_or_insert((m.ts, id));
                for v in waiting.drain(..) {
                    responses += 1;
                    response_sum_ms += (m.ts - v).max(0);
                }
            }
        }
    }
    let answered_at = first_answer.map(|(ts, _)| ts);
    let closed = chat.closed_at;
    ChatFacts {
        offline: chat.offline,
        operator_id: first_answer.map(|(_, id)| id).or(chat.operator_id),
        department: chat.department.clone(),
        created_at: chat.created_at,
        first_response_ms: answered_at.map(|ts| (ts - chat.created_at).max(0)),
        missed: closed.is_some() && answered_at.is_none(),
        duration_ms: closed
            .filter(|_| answered_at.is_some())
            .map(|c| (c - chat.created_at).max(0)),
        handling_ms: closed.zip(answered_at).map(|(c, a)| (c - a).max(0)),
        responses,
        response_sum_ms,
        from_visitors,
        from_operators,
        last_unanswered: closed.is_some() && !waiting.is_empty(),
        left_waiting: chat.left_waiting && !chat.offline,
        rating: chat.rating,
    }
}

/// Splits `messages` (ordered by chat) into each chat's facts; chats without messages too.
pub fn all_facts(chats: &[ChatRow], messages: &[MessageRow]) -> Vec<ChatFacts> {
    let mut by_chat: std::collections::HashMap<i64, Vec<MessageRow>> =
        std::collections::HashMap::new();
    for m in messages {
        by_chat.entry(m.chat_id).or_default().push(*m);
    }
    chats
        .iter()
        .map(|c| facts(c, by_chat.get(&c.id).map_or(&[][..], Vec::as_slice)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(closed_at: Option<Millis>) -> ChatRow {
        ChatRow {
            id: 1,
            operator_id: Some(9),
            department: None,
            created_at: 1000,
            closed_at,
            offline: false,
            left_waiting: false,
            rating: None,
        }
    }

    fn msg(ts: Millis, writer: Writer) -> MessageRow {
        MessageRow {
            chat_id: 1,
            ts,
            writer,
        }
    }

    #[test]
    fn each_visitor_message_waits_for_the_next_operator_message() {
        let m = [
            msg(1000, Writer::Visitor),
            msg(3000, Writer::Visitor),
            msg(5000, Writer::Operator(4)),
            msg(6000, Writer::Visitor),
            msg(10_000, Writer::Operator(5)),
        ];
        let f = facts(&chat(Some(20_000)), &m);
        assert_eq!((f.responses, f.response_sum_ms), (3, 4000 + 2000 + 4000));
        assert_eq!(f.first_response_ms, Some(4000));
        assert_eq!(
            f.operator_id,
            Some(4),
            "the first to answer, not the last taker"
        );
        assert_eq!(f.duration_ms, Some(19_000));
        assert_eq!(f.handling_ms, Some(15_000));
        assert!(!f.missed && !f.last_unanswered);
        assert_eq!((f.from_visitors, f.from_operators), (3, 2));
    }

    #[test]
    fn closed_without_an_answer_is_missed_and_left_unanswered() {
        let f = facts(&chat(Some(5000)), &[msg(1000, Writer::Visitor)]);
        assert!(f.missed && f.last_unanswered);
        assert_eq!(f.operator_id, Some(9));
        assert_eq!((f.first_response_ms, f.duration_ms), (None, None));
    }

    /// A visitor who left before any answer counts whatever came after; an offline
    /// message's visitor was never waiting in a live chat.
    #[test]
    fn a_visitor_who_left_before_an_answer_counts_in_live_chats_only() {
        let left = ChatRow {
            left_waiting: true,
            ..chat(None)
        };
        assert!(facts(&left, &[msg(1000, Writer::Visitor)]).left_waiting);
        let offline = ChatRow {
            offline: true,
            ..left
        };
        assert!(!facts(&offline, &[msg(1000, Writer::Visitor)]).left_waiting);
        assert!(!facts(&chat(None), &[msg(1000, Writer::Visitor)]).left_waiting);
    }

    #[test]
    fn an_open_chat_is_neither_missed_nor_unanswered_yet() {
        let f = facts(&chat(None), &[msg(1000, Writer::Visitor)]);
        assert!(!f.missed && !f.last_unanswered);
    }

    #[test]
    fn a_last_visitor_word_after_the_answer_is_unanswered() {
        let m = [
            msg(1000, Writer::Visitor),
            msg(2000, Writer::Operator(4)),
            msg(3000, Writer::Visitor),
        ];
        let f = facts(&chat(Some(9000)), &m);
        assert!(f.last_unanswered && !f.missed);
        assert_eq!((f.responses, f.response_sum_ms), (1, 1000));
    }
}
