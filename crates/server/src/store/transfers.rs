//! Transfers are offers: the chat stays with the operator who offered it (the visitor sees
//! nothing) until the colleague accepts it — then it is theirs and the visitor is told who
//! helps now — or declines it, and the one who offered it hears why. The note went into the
//! chat as an internal note already, so the colleague reads it with the whole history.

use frontdesk_protocol::{
    Chat, ErrorCode, EventBody, Millis, OperatorInfo, SystemEvent, TransferOffer,
};
use sqlx::SqliteConnection;

use super::apply_operator::{ack, chat, refs};
use super::emit::Tx;
use super::{Ack, OpError, lifecycle, rows};

/// Longest decline reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Records the offer of `chat` to `target` (replacing an earlier offer of it); the event
/// follows with [`announce_offer`], after the note is posted.
pub async fn record_offer(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    target: &OperatorInfo,
    note: Option<&str>,
) -> Result<(), OpError> {
    sqlx::query(
        "INSERT OR REPLACE INTO transfer_offers
         (chat_id, from_operator_id, to_operator_id, note, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(chat.id)
    .bind(me.id)
    .bind(target.id)
    .bind(note)
    .bind(tx.now)
    .execute(&mut *tx.conn)
    .await?;
    Ok(())
}

/// Tells every console of the offer [`record_offer`] kept.
pub async fn announce_offer(
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
pub async fn hand_over(
    tx: &mut Tx<'_>,
    chat: &Chat,
    from: &OperatorInfo,
    target: &OperatorInfo,
    note: Option<String>,
) -> Result<u64, OpError> {
    sqlx::query(
        "UPDATE chats SET status = 'active', operator_id = ?, accepted_at = COALESCE(accepted_at, ?)
         WHERE id = ?",
    )
    .bind(target.id)
    .bind(tx.now)
    .bind(chat.id)
    .execute(&mut *tx.conn)
    .await?;
    drop_offer(tx.conn, chat.id).await?;
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
pub async fn to_department(
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
    sqlx::query(
        "UPDATE chats SET status = 'waiting', operator_id = NULL, accepted_at = NULL,
         department = ?, queued_at = ?, open_to_all = 0 WHERE id = ?",
    )
    .bind(&key)
    .bind(tx.now)
    .bind(chat.id)
    .execute(&mut *tx.conn)
    .await?;
    drop_offer(tx.conn, chat.id).await?;
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
pub async fn accept(tx: &mut Tx<'_>, me: &OperatorInfo, chat_id: i64) -> Result<Ack, OpError> {
    let chat = chat(tx, chat_id).await?;
    let offer = offered_to(tx.conn, &chat, me).await?;
    let from = rows::operator(tx.conn, offer.from_operator_id)
        .await?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, "the offering operator is gone"))?;
    let seq = hand_over(tx, &chat, &from, me, offer.note).await?;
    Ok(ack(Some(seq), chat.id, None))
}

/// The colleague `me` turns the offer down; the chat stays with the one who offered it.
pub async fn decline(
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
    let chat = chat(tx, chat_id).await?;
    let offer = offered_to(tx.conn, &chat, me).await?;
    drop_offer(tx.conn, chat.id).await?;
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
async fn offered_to(
    conn: &mut SqliteConnection,
    chat: &Chat,
    me: &OperatorInfo,
) -> Result<TransferOffer, OpError> {
    let offer = read_offer(conn, chat.id).await?;
    match offer {
        Some(offer) if offer.to_operator_id == me.id && chat.status.is_open() => Ok(offer),
        _ => Err(OpError::new(
            ErrorCode::InvalidState,
            format!("chat {} is not offered to you", chat.id),
        )),
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

async fn read_offer(
    conn: &mut SqliteConnection,
    chat_id: i64,
) -> Result<Option<TransferOffer>, sqlx::Error> {
    let row: Option<OfferRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM transfer_offers WHERE chat_id = ?"
    )))
    .bind(chat_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(from_row))
}

/// The chat's offer is settled (taken, declined, or the chat closed).
pub async fn drop_offer(conn: &mut SqliteConnection, chat_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM transfer_offers WHERE chat_id = ?")
        .bind(chat_id)
        .execute(&mut *conn)
        .await?;
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
