//! Transfers are offers: the chat stays with the operator who offered it (the visitor sees
//! nothing) until the colleague accepts it — then it is theirs and the visitor is told who
//! helps now — or declines it, and the one who offered it hears why. The note went into the
//! chat as an internal note already, so the colleague reads it with the whole history.

use frontdesk_protocol::{
    Chat, ErrorCode, ErrorReason, EventBody, Millis, OperatorInfo, SystemEvent, TransferOffer,
};
use rusqlite::{Connection, params};
use sqlx::SqliteConnection;

use super::apply_operator::{ack, chat, refs};
use super::emit::Tx;
use super::{Ack, OpError, lifecycle, sql, writer_rows};

/// Longest decline reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Records the offer of `chat` to `target` (replacing an earlier offer of it); the event
/// follows with [`announce_offer`], after the note is posted.
pub fn record_offer(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    target: &OperatorInfo,
    note: Option<&str>,
) -> Result<(), OpError> {
    sql::exec(
        tx.conn,
        "INSERT OR REPLACE INTO transfer_offers
         (chat_id, from_operator_id, to_operator_id, note, created_at) VALUES (?, ?, ?, ?, ?)",
        params![chat.id, me.id, target.id, note, tx.now],
    )?;
    Ok(())
}

/// Tells every console of the offer [`record_offer`] kept.
pub fn announce_offer(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    target: &OperatorInfo,
    note: Option<String>,
) -> Result<u64, OpError> {
    tx.emit(
        EventBody::ChatTransferOffered {
            chat_id: chat.id,
            from_operator_id: me.id,
            to_operator_id: target.id,
            note,
        },
        refs(chat, Some(target.id)),
        None,
    )
}

/// `chat` becomes `target`'s; the visitor is told who helps now.
pub fn hand_over(
    tx: &mut Tx<'_>,
    chat: &Chat,
    from: &OperatorInfo,
    target: &OperatorInfo,
    note: Option<String>,
) -> Result<u64, OpError> {
    sql::exec(
        tx.conn,
        "UPDATE chats SET status = 'active', operator_id = ?1,
         accepted_at = COALESCE(accepted_at, ?2), held_at = ?2
         WHERE id = ?3",
        params![target.id, tx.now, chat.id],
    )?;
    drop_offer(tx.conn, chat.id)?;
    let system = lifecycle::system_line(
        tx,
        chat,
        SystemEvent::Transferred,
        Some(&target.display_name),
    );
    tx.emit(
        EventBody::ChatTransferred {
            chat_id: chat.id,
            from_operator_id: from.id,
            to_operator_id: target.id,
            note,
        },
        refs(chat, Some(target.id)),
        Some(system),
    )
}

/// `chat` goes back to the queue for department `key` (by key or title): waiting, nobody's,
/// kept for that department's operators as a new chat is. The visitor is told where it went.
pub fn to_department(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    key: &str,
    note: Option<String>,
) -> Result<u64, OpError> {
    let department = tx
        .routing
        .department_for(key)
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no department {key:?}")))?;
    let (key, shown) = (department.key.clone(), department.shown_name().to_owned());
    sql::exec(
        tx.conn,
        "UPDATE chats SET status = 'waiting', operator_id = NULL, accepted_at = NULL,
         department = ?, queued_at = ?, open_to_all = 0 WHERE id = ?",
        params![key, tx.now, chat.id],
    )?;
    drop_offer(tx.conn, chat.id)?;
    let system = lifecycle::system_line(tx, chat, SystemEvent::Transferred, Some(&shown));
    tx.emit(
        EventBody::ChatRequeued {
            chat_id: chat.id,
            from_operator_id: me.id,
            department: key,
            note,
        },
        refs(chat, Some(me.id)),
        Some(system),
    )
}

/// The colleague `me` takes the chat offered to them.
pub fn accept(tx: &mut Tx<'_>, me: &OperatorInfo, chat_id: i64) -> Result<Ack, OpError> {
    let chat = chat(tx, chat_id)?;
    let offer = offered_to(tx.conn, &chat, me)?;
    let from = writer_rows::operator(tx.conn, offer.from_operator_id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, "the offering operator is gone"))?;
    let seq = hand_over(tx, &chat, &from, me, offer.note)?;
    Ok(ack(Some(seq), chat.id, None))
}

/// The colleague `me` turns the offer down; the chat stays with the one who offered it.
pub fn decline(
    tx: &mut Tx<'_>,
    me: &OperatorInfo,
    chat_id: i64,
    reason: Option<String>,
) -> Result<Ack, OpError> {
    let reason = reason.filter(|r| !r.trim().is_empty());
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_REASON_CHARS)
    {
        return Err(OpError::new(
            ErrorCode::InvalidFrame,
            format!("a reason of at most {MAX_REASON_CHARS} characters"),
        ));
    }
    let chat = chat(tx, chat_id)?;
    let offer = offered_to(tx.conn, &chat, me)?;
    drop_offer(tx.conn, chat.id)?;
    let seq = tx.emit(
        EventBody::ChatTransferDeclined {
            chat_id: chat.id,
            operator_id: me.id,
            reason,
        },
        refs(&chat, Some(offer.from_operator_id)),
        None,
    )?;
    Ok(ack(Some(seq), chat.id, None))
}

/// The open offer of `chat` to `me`, or why there is none.
fn offered_to(conn: &Connection, chat: &Chat, me: &OperatorInfo) -> Result<TransferOffer, OpError> {
    let offer = read_offer(conn, chat.id)?;
    match offer {
        Some(offer) if offer.to_operator_id == me.id && chat.status.is_open() => Ok(offer),
        _ => Err(OpError::new(
            ErrorCode::InvalidState,
            format!("chat {} is not offered to you", chat.id),
        )
        .because(ErrorReason::NotOfferedToYou)),
    }
}

type OfferRow = (i64, i64, i64, Option<String>, Millis);

fn from_row(
    (chat_id, from_operator_id, to_operator_id, note, created_at): OfferRow,
) -> TransferOffer {
    TransferOffer {
        chat_id,
        from_operator_id,
        to_operator_id,
        note,
        created_at,
    }
}

const COLUMNS: &str = "chat_id, from_operator_id, to_operator_id, note, created_at";

fn read_offer(conn: &Connection, chat_id: i64) -> Result<Option<TransferOffer>, OpError> {
    let row: Option<OfferRow> = sql::row(
        conn,
        &format!("SELECT {COLUMNS} FROM transfer_offers WHERE chat_id = ?"),
        [chat_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(row.map(from_row))
}

/// The chat's offer is settled (taken, declined, or the chat closed).
pub fn drop_offer(conn: &Connection, chat_id: i64) -> Result<(), OpError> {
    sql::exec(
        conn,
        "DELETE FROM transfer_offers WHERE chat_id = ?",
        [chat_id],
    )?;
    Ok(())
}

/// Every open offer (at most one per open chat), oldest first.
pub async fn open_offers(conn: &mut SqliteConnection) -> Result<Vec<TransferOffer>, sqlx::Error> {
    let rows: Vec<OfferRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM transfer_offers ORDER BY created_at, chat_id"
    )))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}
