//! An operator who has gone (offline past the grace, or not connected within it after a
//! restart: `hub.rs`) hands their chats back, so no
//! visitor waits on someone who left: each active chat of theirs waits in the queue again —
//! for its department if it has one, kept for that department's operators as a requeued chat
//! is — any offer of it is withdrawn, every console gets `chat_released` and the visitor a
//! `released` line. In an automatic routing mode the batch's routing pass gives them out in
//! the same commit.

use frontdesk_protocol::{Chat, EventBody, SystemEvent};
use rusqlite::params;

use super::apply_operator::refs;
use super::emit::Tx;
use super::rows::CHAT_COLUMNS;
use super::writer_rows;
use super::{OpError, lifecycle, sql, transfers};

/// The operators who have active chats, by id: after a restart, each of them has the grace
/// to connect again before their chats go back (`Hub::release_absent_after_restart`).
pub fn holders(tx: &mut Tx<'_>) -> Result<Vec<i64>, OpError> {
    let ids = sql::all(
        tx.conn,
        "SELECT DISTINCT operator_id FROM chats
         WHERE status = 'active' AND operator_id IS NOT NULL ORDER BY operator_id",
        [],
        |r| r.get(0),
    )?;
    Ok(ids)
}

/// Puts every active chat of `operator_id` back in the queue, oldest first.
pub fn release_chats(tx: &mut Tx<'_>, operator_id: i64) -> Result<(), OpError> {
    let held: Vec<Chat> = sql::all(
        tx.conn,
        &format!(
            "SELECT {CHAT_COLUMNS} FROM chats
             WHERE operator_id = ? AND status = 'active' ORDER BY id"
        ),
        [operator_id],
        writer_rows::chat_row,
    )?;
    for chat in held {
        // Waiting since now: a department's window (`[routing] fallback_secs`) starts again;
        // a chat already open to everyone stays so.
        sql::exec(
            tx.conn,
            "UPDATE chats SET status = 'waiting', operator_id = NULL, accepted_at = NULL,
             queued_at = ? WHERE id = ?",
            params![tx.now, chat.id],
        )?;
        transfers::drop_offer(tx.conn, chat.id)?;
        let line = lifecycle::system_line(tx, &chat, SystemEvent::Released, None);
        tx.emit(
            EventBody::ChatReleased {
                chat_id: chat.id,
                operator_id,
            },
            refs(&chat, Some(operator_id)),
            Some(line),
        )?;
    }
    Ok(())
}
