//! The visitor has seen their chat up to a message (`seen`): kept on the chat as `seen_id` and
//! told to operators as `chat_seen`, so the operator knows their answer was read, not only
//! delivered. A message counts only if the visitor was shown it (a text of a chat of theirs);
//! the mark only rises, so a repeated or older `seen` writes nothing, and the events it can
//! cause are bounded by the messages the chat holds.

use frontdesk_protocol::{ErrorCode, EventBody};
use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{Ack, OpError, sql};

pub fn seen(tx: &mut Tx<'_>, visitor_id: i64, message_id: i64) -> Result<Ack, OpError> {
    let found: Option<(i64, String, Option<i64>)> = sql::row(
        tx.conn,
        "SELECT c.id, c.status, c.seen_id FROM messages m JOIN chats c ON c.id = m.chat_id
         WHERE m.id = ? AND m.kind = 'text' AND c.visitor_id = ?",
        params![message_id, visitor_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let Some((chat_id, status, seen_id)) = found else {
        return Err(OpError::new(
            ErrorCode::NotFound,
            "no such message in your chats",
        ));
    };
    let ack = Ack {
        chat_id: Some(chat_id),
        ..Ack::default()
    };
    // A closed chat's reader has moved on; an older mark says nothing new.
    let open = matches!(status.as_str(), "waiting" | "active");
    if !open || seen_id.is_some_and(|s| s >= message_id) {
        return Ok(ack);
    }
    sql::exec(
        tx.conn,
        "UPDATE chats SET seen_id = ? WHERE id = ?",
        params![message_id, chat_id],
    )?;
    let refs = Refs {
        chat_id: Some(chat_id),
        visitor_id: Some(visitor_id),
        ..Refs::default()
    };
    let seq = tx.emit(
        EventBody::ChatSeen {
            chat_id,
            message_id,
        },
        refs,
        None,
    )?;
    Ok(Ack {
        seq: Some(seq),
        ..ack
    })
}
