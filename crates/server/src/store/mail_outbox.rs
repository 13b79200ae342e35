//! The e-mail outbox (`mail_outbox`): an operator's answer in a chat the visitor left an
//! address for is queued in the answer's own transaction; the mailer reads what is due and
//! records each outcome here, through the writer, as a `mail_state` event for the chat's
//! readers; the snapshot carries each chat's latest e-mail. A live chat whose visitor left the
//! site (`chats.visitor_gone_at`, kept by `presence.rs`) mails its answers too.

use std::collections::HashMap;

use frontdesk_protocol::{Chat, EventBody, MailDelivery, MailStatus, Millis};
use rusqlite::{Row, params};
use sqlx::{FromRow, SqliteConnection};

use super::emit::{Refs, Tx};
use super::{OpError, ReadError, Reply, Store, audience, sql, writer_rows};

/// How the writer queues e-mails; `None` in the writer when `[mail]` is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailBatching {
    /// Lines within this many ms after the first unsent one share its e-mail.
    pub batch_ms: i64,
}

/// An e-mail due now, with what its template needs.
#[derive(Debug, Clone)]
pub struct MailJob {
    pub mail_id: i64,
    pub chat_id: i64,
    pub recipient: String,
    pub attempts: u32,
    pub created_at: Millis,
    /// The newest message this send covers (see [`MailOutcome`]).
    pub last_message_id: i64,
    pub visitor_name: Option<String>,
    /// What the answer replies to: the visitor's newest message before its first line (the
    /// offline message, or a live chat's last words before the visitor left).
    pub question: String,
    /// The operator text lines it carries, oldest first: (operator's name, text).
    pub answers: Vec<(String, String)>,
}

/// What became of one attempt, as the mailer decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    /// The SMTP server took the lines up to `last_message_id`; lines added to the row after
    /// the mailer read it go out in an e-mail of their own.
    Sent {
        last_message_id: i64,
    },
    Retry {
        error: String,
        next_attempt_at: Millis,
    },
    Failed {
        error: String,
    },
}

const COLUMNS: &str =
    "id, chat_id, recipient, state, attempts, next_attempt_at, last_error, sent_at";

#[derive(FromRow)]
struct MailRow {
    id: i64,
    chat_id: i64,
    recipient: String,
    state: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    sent_at: Option<i64>,
}

/// A [`MailRow`] from a row of [`COLUMNS`], in that order (the writer's statements).
fn mail_row(r: &Row<'_>) -> rusqlite::Result<MailRow> {
    Ok(MailRow {
        id: r.get(0)?,
        chat_id: r.get(1)?,
        recipient: r.get(2)?,
        state: r.get(3)?,
        attempts: r.get(4)?,
        next_attempt_at: r.get(5)?,
        last_error: r.get(6)?,
        sent_at: r.get(7)?,
    })
}

impl From<MailRow> for MailStatus {
    fn from(r: MailRow) -> Self {
        let state = match r.state.as_str() {
            "sent" => MailDelivery::Sent,
            "failed" => MailDelivery::Failed,
            _ => MailDelivery::Queued,
        };
        Self {
            mail_id: r.id,
            chat_id: r.chat_id,
            recipient: r.recipient,
            state,
            attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
            next_attempt_at: (state == MailDelivery::Queued).then_some(r.next_attempt_at),
            error: r.last_error,
            sent_at: r.sent_at,
        }
    }
}

/// After an operator's text line `message_id` in `chat`: adds it to the chat's open batch, or
/// queues a new e-mail when the chat has a reply address: the one an offline message left, or
/// while the visitor of a live chat is gone from the site, the e-mail of their pre-chat form.
/// Nothing when mail is off.
pub(super) fn queue(tx: &mut Tx<'_>, chat: &Chat, message_id: i64) -> Result<(), OpError> {
    let Some(batching) = tx.mail else {
        return Ok(());
    };
    // One statement for the common answer "no address" (most chats are live ones).
    let (address, open_batch): (Option<String>, Option<i64>) = sql::row(
        tx.conn,
        "SELECT COALESCE(NULLIF(trim(c.reply_email), ''),
                         CASE WHEN c.visitor_gone_at IS NOT NULL THEN v.email END),
                (SELECT o.id FROM mail_outbox o
                 WHERE o.chat_id = c.id AND o.state = 'queued' AND o.attempts = 0
                   AND o.next_attempt_at > ? ORDER BY o.id DESC LIMIT 1)
         FROM chats c JOIN visitors v ON v.id = c.visitor_id WHERE c.id = ?",
        params![tx.now, chat.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?
    .unwrap_or((None, None));
    let Some(address) = address.filter(|a| !a.trim().is_empty()) else {
        return Ok(());
    };
    if let Some(id) = open_batch.filter(|_| batching.batch_ms > 0) {
        sql::exec(
            tx.conn,
            "UPDATE mail_outbox SET last_message_id = ? WHERE id = ?",
            params![message_id, id],
        )?;
        return Ok(());
    }
    let row = returning(
        tx,
        "INSERT INTO mail_outbox
         (chat_id, recipient, first_message_id, last_message_id, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        params![
            chat.id,
            address.trim(),
            message_id,
            message_id,
            tx.now + batching.batch_ms.max(0),
            tx.now
        ],
    )?;
    emit(tx, chat, row.into())
}

/// Runs `statement` with `RETURNING` [`COLUMNS`] appended; the one row it changed.
fn returning(
    tx: &Tx<'_>,
    statement: &str,
    params: impl rusqlite::Params,
) -> Result<MailRow, OpError> {
    Ok(tx
        .conn
        .prepare_cached(&format!("{statement} RETURNING {COLUMNS}"))?
        .query_row(params, mail_row)?)
}

/// Records the mailer's outcome for e-mail `mail_id` (still queued; else nothing).
pub(super) fn record(
    tx: &mut Tx<'_>,
    mail_id: i64,
    outcome: &MailOutcome,
) -> Result<Reply, OpError> {
    let row: Option<(i64, i64, i64, String)> = sql::row(
        tx.conn,
        "SELECT chat_id, first_message_id, last_message_id, recipient
         FROM mail_outbox WHERE id = ? AND state = 'queued'",
        [mail_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let Some((chat_id, first, last, recipient)) = row else {
        return Ok(Reply::Done);
    };
    let updated: MailRow = match outcome {
        MailOutcome::Sent { last_message_id } => {
            let covered = (*last_message_id).clamp(first, last);
            if covered < last {
                // Lines the mailer did not see when it read the row: their own e-mail, now.
                sql::exec(
                    tx.conn,
                    "INSERT INTO mail_outbox
                     (chat_id, recipient, first_message_id, last_message_id, next_attempt_at, created_at)
                     VALUES (?, ?, ?, ?, ?, ?)",
                    params![chat_id, recipient, covered + 1, last, tx.now, tx.now],
                )?;
            }
            returning(
                tx,
                "UPDATE mail_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?,
                 last_message_id = ?, last_error = NULL WHERE id = ?",
                params![tx.now, covered, mail_id],
            )?
        }
        MailOutcome::Retry {
            error,
            next_attempt_at,
        } => returning(
            tx,
            "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                 WHERE id = ?",
            params![next_attempt_at, error, mail_id],
        )?,
        MailOutcome::Failed { error } => returning(
            tx,
            "UPDATE mail_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?
                 WHERE id = ?",
            params![error, mail_id],
        )?,
    };
    if let Some(chat) = writer_rows::chat(tx.conn, chat_id)? {
        emit(tx, &chat, updated.into())?;
    }
    Ok(Reply::Done)
}

/// `mail_state` for the chat's readers (the same as its messages').
fn emit(tx: &mut Tx<'_>, chat: &Chat, mail: MailStatus) -> Result<(), OpError> {
    let audience = audience::of_chat_now(tx.conn, chat)?;
    let seq = tx.alloc_seq();
    let refs = Refs {
        chat_id: Some(chat.id),
        visitor_id: Some(chat.visitor_id),
        operator_id: chat.operator_id,
    };
    tx.emit_at(seq, EventBody::MailState { mail }, refs, audience, None)
}

/// Each of `chat_ids`' latest e-mail, for the snapshot.
pub(super) async fn latest(
    conn: &mut SqliteConnection,
    chat_ids: &[i64],
) -> Result<HashMap<i64, MailStatus>, sqlx::Error> {
    if chat_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids = serde_json::to_string(chat_ids).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let rows: Vec<MailRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE id IN
           (SELECT (SELECT o.id FROM mail_outbox o WHERE o.chat_id = j.value
                    ORDER BY o.id DESC LIMIT 1)
            FROM json_each(?) j)"
    )))
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.chat_id, MailStatus::from(r)))
        .collect())
}

/// Most e-mails one mailer pass picks up.
const DUE_PER_PASS: i64 = 16;

impl Store {
    /// E-mails whose attempt is due at `now`, the most overdue first.
    pub async fn due_mail(&self, now: Millis) -> Result<Vec<MailJob>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let due: Vec<(i64, i64, String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT id, chat_id, recipient, attempts, created_at, first_message_id, last_message_id
             FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?
             ORDER BY next_attempt_at LIMIT ?",
        )
        .bind(now)
        .bind(DUE_PER_PASS)
        .fetch_all(&mut *conn)
        .await?;
        let mut jobs = Vec::with_capacity(due.len());
        for (mail_id, chat_id, recipient, attempts, created_at, first, last) in due {
            let (visitor_name, question): (Option<String>, Option<String>) = sqlx::query_as(
                "SELECT v.name,
                        (SELECT m.body FROM messages m WHERE m.chat_id = c.id
                         AND m.author_role = 'visitor' AND m.id < ? ORDER BY m.id DESC LIMIT 1)
                 FROM chats c LEFT JOIN visitors v ON v.id = c.visitor_id WHERE c.id = ?",
            )
            .bind(first)
            .bind(chat_id)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or((None, None));
            let answers: Vec<(String, String)> = sqlx::query_as(
                "SELECT COALESCE(o.display_name, ''), m.body FROM messages m
                 LEFT JOIN operators o ON o.id = m.operator_id
                 WHERE m.chat_id = ? AND m.id BETWEEN ? AND ?
                   AND m.author_role = 'operator' AND m.kind = 'text'
                 ORDER BY m.id",
            )
            .bind(chat_id)
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?;
            jobs.push(MailJob {
                mail_id,
                chat_id,
                recipient,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                created_at,
                last_message_id: last,
                visitor_name,
                question: question.unwrap_or_default(),
                answers,
            });
        }
        Ok(jobs)
    }
}
