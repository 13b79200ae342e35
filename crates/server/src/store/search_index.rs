//! The search index, filled off the write path. A maintenance pass reads what is new since
//! the watermarks in `search_progress` (messages by id; visitors named by events since
//! `event_seq`, whose name or e-mail may have changed; and, once, every visitor who was there
//! before the index), stems it, and writes the rows with the new watermarks into the index's
//! own file (`search_db.rs`) in one transaction of a bounded size. The main file's writer never
//! waits for it: a message costs its command nothing extra.
//!
//! Reading and stemming are one job on the low-priority background thread (`background.rs`),
//! through a read-only rusqlite connection the indexer keeps: sqlx's reader pool handed each of
//! a pass's rows across threads through a channel, and in the load run those hand-offs cost
//! more than the reading. Stems are remembered by word (`search/stem_memo.rs`).

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction, params};

use super::{ReadError, Store, background, bulk, search_db};
use crate::search;

/// Messages (and visitors) indexed per transaction.
pub const BATCH: i64 = 2_000;
/// Events looked at per pass for visitors to re-index.
const EVENT_WINDOW: i64 = 5_000;
/// Batches per maintenance pass while behind (a backfill): each is its own transaction.
pub const ROUNDS: usize = 8;

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

/// The indexer's read-only connection to the main file (the index's file attached as
/// `search`), opened at the first pass and again after a failed one.
pub struct IndexReader {
    main: PathBuf,
    conn: Mutex<Option<Connection>>,
    /// Stems of the words seen lately (bounded): most of a message's words were stemmed before.
    memo: Mutex<search::StemMemo>,
}

/// What a pass read, before stemming.
struct Unstemmed {
    messages: Vec<(i64, String)>,
    visitors: Vec<(i64, String)>,
    /// The watermarks read, and the new event watermark and backfill start.
    before: (i64, i64, i64),
    event_seq: i64,
    visitor_id: i64,
    /// Whether events were left past `event_seq`.
    more_events: bool,
}

impl IndexReader {
    pub fn new(main: PathBuf) -> Self {
        Self {
            main,
            conn: Mutex::new(None),
            memo: Mutex::new(search::StemMemo::default()),
        }
    }

    /// What is new since the watermarks, read and stemmed (`None`: nothing). Blocks: for the
    /// background thread.
    fn next_batch(&self) -> rusqlite::Result<Option<IndexBatch>> {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        let read = match conn.as_mut() {
            Some(open) => read_new(open),
            None => open_reader(&self.main).and_then(|open| read_new(conn.insert(open))),
        };
        if read.is_err() {
            *conn = None; // a fresh connection next time
        }
        drop(conn);
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(stem(read?, &mut memo))
    }
}

fn open_reader(main: &std::path::Path) -> rusqlite::Result<Connection> {
    let conn = bulk::open_read_only(main)?;
    let search = search_db::path_for(main);
    conn.execute(
        "ATTACH DATABASE ? AS search",
        [search.to_string_lossy().as_ref()],
    )?;
    Ok(conn)
}

/// One consistent picture of what is new, in a read transaction.
fn read_new(conn: &mut Connection) -> rusqlite::Result<Unstemmed> {
    let tx = conn.transaction()?;
    let before: (i64, i64, i64) = tx.query_row(
        "SELECT message_id, event_seq, visitor_id FROM search.search_progress",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (message_id, old_event_seq, old_visitor_id) = before;
    let messages = rows(
        &tx,
        "SELECT id, body FROM main.messages WHERE id > ? ORDER BY id LIMIT ?",
        params![message_id, BATCH],
    )?;
    let head: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM main.events", [], |r| {
        r.get(0)
    })?;
    let event_seq = head.min(old_event_seq + EVENT_WINDOW);
    let mut ids = column(
        &tx,
        "SELECT DISTINCT COALESCE(e.visitor_id, c.visitor_id) FROM main.events e
         LEFT JOIN main.chats c ON c.id = e.chat_id
         WHERE e.seq > ? AND e.seq <= ? AND e.kind IN ('visitor_updated', 'chat_created')
           AND COALESCE(e.visitor_id, c.visitor_id) IS NOT NULL",
        params![old_event_seq, event_seq],
    )?;
    let mut visitor_id = old_visitor_id;
    if visitor_id >= 0 {
        let old = column(
            &tx,
            "SELECT id FROM main.visitors WHERE id > ? ORDER BY id LIMIT ?",
            params![visitor_id, BATCH],
        )?;
        visitor_id = if old.len() < BATCH as usize {
            -1
        } else {
            old.last().copied().unwrap_or(-1)
        };
        ids.extend(old);
    }
    let visitors = visitor_rows(&tx, &ids)?;
    tx.commit()?;
    Ok(Unstemmed {
        messages,
        visitors,
        before,
        event_seq,
        visitor_id,
        more_events: event_seq < head,
    })
}

fn rows(
    tx: &Transaction<'_>,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut statement = tx.prepare_cached(sql)?;
    let rows = statement.query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn column(
    tx: &Transaction<'_>,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<i64>> {
    let mut statement = tx.prepare_cached(sql)?;
    let ids = statement.query_map(params, |r| r.get(0))?;
    ids.collect()
}

/// Name and e-mail (unstemmed) of those of `ids` who have a chat (a hit names a chat, so the
/// others need no row).
fn visitor_rows(tx: &Transaction<'_>, ids: &[i64]) -> rusqlite::Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut statement = tx.prepare_cached(
        "SELECT v.id, v.name, v.email FROM main.visitors v
         WHERE v.id IN (SELECT value FROM json_each(?))
           AND EXISTS (SELECT 1 FROM main.chats c WHERE c.visitor_id = v.id)",
    )?;
    let rows = statement.query_map([ids], |r| {
        let (id, name, email): (i64, Option<String>, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?);
        let text = format!("{} {}", name.unwrap_or_default(), email.unwrap_or_default());
        Ok((id, text))
    })?;
    rows.collect()
}

/// Stems what was read; `None` when no watermark would move.
fn stem(read: Unstemmed, memo: &mut search::StemMemo) -> Option<IndexBatch> {
    let mut stem = |rows: Vec<(i64, String)>| -> Vec<(i64, String)> {
        rows.into_iter()
            .map(|(id, text)| (id, memo.terms(&text)))
            .collect()
    };
    let (message_id, event_seq, visitor_id) = read.before;
    let messages = stem(read.messages);
    let vocab: std::collections::BTreeSet<String> = messages
        .iter()
        .flat_map(|(_, terms)| terms.split_whitespace())
        .filter(|term| search::words::expandable(term))
        .map(str::to_owned)
        .collect();
    let full = messages.len() == BATCH as usize || read.more_events || read.visitor_id >= 0;
    let batch = IndexBatch {
        message_id: messages.last().map_or(message_id, |m| m.0),
        vocab: vocab.into_iter().collect(),
        messages,
        visitors: stem(read.visitors),
        event_seq: read.event_seq,
        visitor_id: read.visitor_id,
        full,
    };
    let moved = batch.message_id != message_id
        || batch.event_seq != event_seq
        || batch.visitor_id != visitor_id;
    moved.then_some(batch)
}

impl Store {
    /// What is new since the watermarks, read and stemmed on the background thread (`None`:
    /// nothing). Stemming 2,000 messages takes 15-20 ms of CPU: not on the async threads,
    /// which serve every socket, and below them in priority.
    async fn read_index_batch(&self) -> Result<Option<IndexBatch>, ReadError> {
        let reader = self.index_reader.clone();
        background::run(move || reader.next_batch())
            .await?
            .map_err(|e| ReadError::Bulk(e.to_string()))
    }
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
