//! Summary rows of finished chats for statistics (`chat_facts`). A maintenance pass reads the
//! chats closed by events since the watermark in `chat_facts_progress`, works out each one's
//! facts in Rust (`crate::stats::chats::facts`, the same code that works out open chats when
//! asked) and hands the rows with the new watermark to the writer as ONE bounded command
//! ([`Cmd::StoreChatFacts`]): a message costs its own command nothing extra.

use frontdesk_protocol::Millis;
use rusqlite::{Connection, params};

use super::emit::Tx;
use super::stats::chats_with_messages;
use super::{Cmd, OpError, ReadError, Reply, Store, bulk};
use crate::stats::chats::{ChatFacts, all_facts};

/// Events looked at per writer command.
const EVENT_WINDOW: i64 = 20_000;
/// Commands per maintenance pass while behind (a backfill).
const ROUNDS: usize = 8;

/// Chats closed by events in `(?1, ?2]`.
const CLOSED_IN_WINDOW: &str =
    "SELECT chat_id FROM events WHERE seq > ?1 AND seq <= ?2 AND kind = 'chat_closed'";

/// Facts of chats closed in a window of events, and where the window ends.
#[derive(Debug, Clone, Default)]
pub struct FactsBatch {
    pub facts: Vec<ChatFacts>,
    /// Chat ids of `facts`, in the same order.
    pub chat_ids: Vec<i64>,
    pub event_seq: i64,
    /// Events remain past the window.
    pub behind: bool,
}

/// The summary rows of chats created in `[since, until)`.
pub(super) fn in_period(
    conn: &Connection,
    since: Millis,
    until: Millis,
) -> rusqlite::Result<Vec<ChatFacts>> {
    let mut stmt = conn.prepare(
        "SELECT f.created_at, f.operator_id, f.department, f.offline, f.first_response_ms,
                f.missed, f.duration_ms, f.handling_ms, f.responses, f.response_sum_ms,
                f.from_visitors, f.from_operators, f.last_unanswered, f.left_waiting, c.rating
         FROM chat_facts f JOIN chats c ON c.id = f.chat_id
         WHERE f.created_at >= ?1 AND f.created_at < ?2 ORDER BY f.chat_id",
    )?;
    stmt.query_map(params![since, until], |r| {
        Ok(ChatFacts {
            created_at: r.get(0)?,
            operator_id: r.get(1)?,
            department: r.get(2)?,
            offline: r.get(3)?,
            first_response_ms: r.get(4)?,
            missed: r.get(5)?,
            duration_ms: r.get(6)?,
            handling_ms: r.get(7)?,
            responses: count(r.get(8)?),
            response_sum_ms: r.get(9)?,
            from_visitors: count(r.get(10)?),
            from_operators: count(r.get(11)?),
            last_unanswered: r.get(12)?,
            left_waiting: r.get(13)?,
            rating: (r.get::<_, Option<String>>(14)?.as_deref())
                .and_then(frontdesk_protocol::Rating::from_stored),
        })
    })?
    .collect()
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// The next window's facts (`None`: nothing new).
    async fn read_facts_batch(&self) -> Result<Option<FactsBatch>, ReadError> {
        bulk::read(&self.path, |conn| {
            let (from, head): (i64, i64) = conn.query_row(
                "SELECT (SELECT event_seq FROM chat_facts_progress),
                        (SELECT COALESCE(MAX(seq), 0) FROM events)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if head <= from {
                return Ok(None);
            }
            let to = head.min(from + EVENT_WINDOW);
            let (chats, messages) = chats_with_messages(conn, CLOSED_IN_WINDOW, from, to)?;
            // A chat is closed once; anything else closed in the window has no row.
            let closed: Vec<_> = chats
                .into_iter()
                .filter(|c| c.closed_at.is_some())
                .collect();
            Ok(Some(FactsBatch {
                chat_ids: closed.iter().map(|c| c.id).collect(),
                facts: all_facts(&closed, &messages),
                event_seq: to,
                behind: to < head,
            }))
        })
        .await
    }
}

/// The writer's side: the rows and the watermark, in two statements whatever the batch.
pub(super) fn apply(tx: &mut Tx<'_>, batch: &FactsBatch) -> Result<Reply, OpError> {
    let rows: Vec<serde_json::Value> = batch
        .chat_ids
        .iter()
        .zip(&batch.facts)
        .map(|(id, f)| {
            serde_json::json!([
                id,
                f.created_at,
                f.operator_id,
                f.department,
                f.offline,
                f.first_response_ms,
                f.missed,
                f.duration_ms,
                f.handling_ms,
                f.responses,
                f.response_sum_ms,
                f.from_visitors,
                f.from_operators,
                f.last_unanswered,
                f.left_waiting
            ])
        })
        .collect();
    let rows = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
    // A repeated batch (the watermark moved past it meanwhile) writes the same rows again.
    super::sql::exec(
        tx.conn,
        "INSERT OR REPLACE INTO chat_facts (chat_id, created_at, operator_id, department,
             offline, first_response_ms, missed, duration_ms, handling_ms, responses,
             response_sum_ms, from_visitors, from_operators, last_unanswered, left_waiting)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
                value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11,
                value ->> 12, value ->> 13, value ->> 14
         FROM json_each(?)",
        [rows],
    )?;
    super::sql::exec(
        tx.conn,
        "UPDATE chat_facts_progress SET event_seq = MAX(event_seq, ?)",
        [batch.event_seq],
    )?;
    Ok(Reply::Done)
}

/// One maintenance pass: a window, and more while behind (at most [`ROUNDS`]).
pub async fn pass(store: &Store) {
    for _ in 0..ROUNDS {
        let batch = match store.read_facts_batch().await {
            Ok(Some(batch)) => batch,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "reading chats for statistics summaries failed");
                return;
            }
        };
        let behind = batch.behind;
        if let Err(e) = store.run(Cmd::StoreChatFacts(Box::new(batch))).await {
            tracing::warn!(error = %e, "writing statistics summaries failed");
            return;
        }
        if !behind {
            return;
        }
    }
}
