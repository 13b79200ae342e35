//! The search index, filled off the write path. A maintenance pass reads what is new since
//! the watermarks in `search_progress` through a reader (messages by id; visitors named by
//! events since `event_seq`, whose name or e-mail may have changed; and, once, every visitor
//! who was there before the index), stems it on the low-priority background thread
//! (`background.rs`), and writes the rows with the new watermarks into the index's own file
//! (`search_db.rs`) in one transaction of a bounded size. The main file's writer never waits
//! for it: a message costs its command nothing extra.

use sqlx::SqliteConnection;

use super::{ReadError, Store, background};
use crate::search;

/// Messages (and visitors) indexed per transaction.
pub const BATCH: i64 = 2_000;
/// Events looked at per pass for visitors to re-index.
const EVENT_WINDOW: i64 = 5_000;
/// Batches per maintenance pass while behind (a backfill): each is its own transaction.
const ROUNDS: usize = 8;

/// Rows for the index and where it will have got to; see `search_progress`.
#[derive(Debug, Clone, Default)]
pub struct IndexBatch {
    /// (message id, stems)
    pub messages: Vec<(i64, String)>,
    /// The distinct stems of `messages` that a prefix may be expanded into (not numbers),
    /// for `search_vocab`.
    pub vocab: Vec<String>,
    /// (visitor id, stems of name and e-mail); each replaces the visitor's row.
    pub visitors: Vec<(i64, String)>,
    pub message_id: i64,
    pub event_seq: i64,
    /// The visitor backfill's next start; -1 once done.
    pub visitor_id: i64,
    /// Whether a full batch was read: there may be more.
    pub full: bool,
}

#[derive(sqlx::FromRow)]
struct Progress {
    message_id: i64,
    event_seq: i64,
    visitor_id: i64,
}

impl Store {
    /// What is new since the watermarks, read and stemmed (`None`: nothing).
    async fn read_index_batch(&self) -> Result<Option<IndexBatch>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let p: Progress =
            sqlx::query_as("SELECT message_id, event_seq, visitor_id FROM search.search_progress")
                .fetch_one(&mut *tx)
                .await?;
        let found: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, body FROM messages WHERE id > ? ORDER BY id LIMIT ?")
                .bind(p.message_id)
                .bind(BATCH)
                .fetch_all(&mut *tx)
                .await?;
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events")
            .fetch_one(&mut *tx)
            .await?;
        let event_seq = head.min(p.event_seq + EVENT_WINDOW);
        let mut ids: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT COALESCE(e.visitor_id, c.visitor_id) FROM events e
             LEFT JOIN chats c ON c.id = e.chat_id
             WHERE e.seq > ? AND e.seq <= ? AND e.kind IN ('visitor_updated', 'chat_created')
               AND COALESCE(e.visitor_id, c.visitor_id) IS NOT NULL",
        )
        .bind(p.event_seq)
        .bind(event_seq)
        .fetch_all(&mut *tx)
        .await?;
        let mut visitor_id = p.visitor_id;
        if visitor_id >= 0 {
            let old: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM visitors WHERE id > ? ORDER BY id LIMIT ?")
                    .bind(visitor_id)
                    .bind(BATCH)
                    .fetch_all(&mut *tx)
                    .await?;
            visitor_id = if old.len() < BATCH as usize {
                -1
            } else {
                old.last().copied().unwrap_or(-1)
            };
            ids.extend(old);
        }
        let visitors = visitor_rows(&mut tx, &ids).await?;
        tx.commit().await?;
        // Stemming 2,000 messages takes 15-20 ms of CPU: not on the async threads, which serve
        // every socket, and below them in priority.
        let (messages, visitors, vocab) = background::run(move || {
            let stem = |rows: Vec<(i64, String)>| -> Vec<(i64, String)> {
                rows.into_iter()
                    .map(|(id, text)| (id, search::terms(&text)))
                    .collect()
            };
            let messages = stem(found);
            let vocab: std::collections::BTreeSet<String> = messages
                .iter()
                .flat_map(|(_, terms)| terms.split_whitespace())
                .filter(|term| search::words::expandable(term))
                .map(str::to_owned)
                .collect();
            (messages, stem(visitors), vocab)
        })
        .await?;
        let full = messages.len() == BATCH as usize || event_seq < head || visitor_id >= 0;
        let batch = IndexBatch {
            message_id: messages.last().map_or(p.message_id, |m| m.0),
            vocab: vocab.into_iter().collect(),
            messages,
            visitors,
            event_seq,
            visitor_id,
            full,
        };
        let moved = batch.message_id != p.message_id
            || batch.event_seq != p.event_seq
            || batch.visitor_id != p.visitor_id;
        Ok(moved.then_some(batch))
    }
}

/// Name and e-mail (unstemmed) of those of `ids` who have a chat (a hit names a chat, so the
/// others need no row).
async fn visitor_rows(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT v.id, v.name, v.email FROM visitors v
         WHERE v.id IN (SELECT value FROM json_each(?))
           AND EXISTS (SELECT 1 FROM chats c WHERE c.visitor_id = v.id)",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email)| {
            let text = format!("{} {}", name.unwrap_or_default(), email.unwrap_or_default());
            (id, text)
        })
        .collect())
}

/// One maintenance pass: a batch, and more while behind (at most [`ROUNDS`]).
pub async fn pass(store: &Store) {
    for _ in 0..ROUNDS {
        let batch = match store.read_index_batch().await {
            Ok(Some(batch)) => batch,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "reading for the search index failed");
                return;
            }
        };
        let full = batch.full;
        if let Err(e) = store.search_db.write(batch).await {
            tracing::warn!(error = %e, "writing the search index failed");
            return;
        }
        if !full {
            return;
        }
    }
}
