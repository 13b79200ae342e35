//! A visitor's rating of a closed chat of theirs (`rate_chat`): kept on the chat, told to the
//! chat's readers, and counted by statistics for the period the chat started in.

use frontdesk_protocol::{ErrorCode, EventBody, Rating};
use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{Ack, OpError, sql};

/// Most ratings of one chat: the widget sends two at most (a bad one, then what went wrong);
/// a script re-rating without end would put a line in the operators' dialog each time.
pub const MAX_RATINGS_PER_CHAT: i64 = 5;

/// Rates `chat_id` for `visitor_id`: only their own chat, and only once it is closed (the
/// widget asks when the chat ends). Rated again, the new rating replaces the old.
pub fn rate(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    chat_id: i64,
    rating: Rating,
    comment: Option<&str>,
) -> Result<Ack, OpError> {
    let found: Option<(String, i64)> = sql::row(
        tx.conn,
        "SELECT status, ratings FROM chats WHERE id = ? AND visitor_id = ?",
        params![chat_id, visitor_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((status, ratings)) = found else {
        return Err(OpError::new(ErrorCode::NotFound, "no such chat of yours"));
    };
    if status != "closed" {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            "a chat is rated once it is closed",
        ));
    }
    if ratings >= MAX_RATINGS_PER_CHAT {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            "this chat was rated enough times",
        ));
    }
    sql::exec(
        tx.conn,
        "UPDATE chats SET rating = ?, rating_comment = ?, rated_at = ?, ratings = ratings + 1
         WHERE id = ?",
        params![rating.as_str(), comment, tx.now, chat_id],
    )?;
    let event = EventBody::ChatRated {
        chat_id,
        rating,
        comment: comment.map(str::to_owned),
    };
    let refs = Refs {
        chat_id: Some(chat_id),
        visitor_id: Some(visitor_id),
        ..Refs::default()
    };
    let seq = tx.emit(event, refs, None)?;
    Ok(Ack {
        seq: Some(seq),
        chat_id: Some(chat_id),
        message_id: None,
    })
}
