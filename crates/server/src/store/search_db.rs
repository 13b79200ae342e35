//! The search index's own database file, beside the main one (`frontdesk.db` →
//! `frontdesk.search.db`), written by the search indexer on a low-priority thread
//! (`background.rs`).
//!
//! Why a file of its own: SQLite has one writer lock per file. In the main file every index
//! batch (FTS5 writes a segment and merges older ones on each commit) held the one writer
//! for 7–10 ms per 2,000 messages, and every message that arrived meanwhile waited. Here
//! the index is written beside the writer, never in front of it. Its pages are always 4 KiB
//! (a main file made with 1 KiB pages, as older ones were, would split each 4 KiB FTS5 leaf
//! over four overflow pages), and its WAL is its own, so index pages never pass through the
//! main file's checkpoints.
//!
//! The file holds only what can be rebuilt from the main one: deleted, it is created empty
//! and the indexer fills it again from the first message. Reader connections see it
//! attached as `search` (`handle.rs`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, params};

use super::search_index::IndexBatch;
use super::{ReadError, background};

/// The schema, made idempotent; `user_version` is set to [`SCHEMA_VERSION`] after it.
///
/// The terms are our own words and stems, lower-cased and without accents
/// (`search/words.rs`), space-separated: FTS5's `ascii` tokenizer takes them as they are.
/// Version 1 had `unicode61 remove_diacritics 2` do the folding again, which looked up
/// every letter of every term in Unicode's tables: a tenth of the indexer's time.
const SCHEMA: &str = "
-- rowid = messages.id. Contentless: snippets are cut from the main file's messages.body.
CREATE VIRTUAL TABLE IF NOT EXISTS message_terms USING fts5(
    terms, content = '', tokenize = 'ascii'
);
-- rowid = visitors.id: stems of the visitor's name and e-mail. Re-written when they change,
-- so it keeps its content (a contentless table cannot delete a row).
CREATE VIRTUAL TABLE IF NOT EXISTS visitor_terms USING fts5(
    terms, tokenize = 'ascii'
);
-- Every term of the message index but numbers, so a query prefix is expanded into the
-- whole terms it stands for (store/search.rs `message_expression`).
CREATE TABLE IF NOT EXISTS search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID;
-- How far the index has got. `message_id`: every message up to it is indexed. `event_seq`:
-- visitors named by events up to it are re-indexed. `visitor_id`: the backfill of every
-- visitor, by id; -1 once done.
CREATE TABLE IF NOT EXISTS search_progress (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    message_id  INTEGER NOT NULL,
    event_seq   INTEGER NOT NULL,
    visitor_id  INTEGER NOT NULL
);
INSERT OR IGNORE INTO search_progress (id, message_id, event_seq, visitor_id)
VALUES (1, 0, 0, 0);
";

/// The schema's version. An index of an older one is dropped and built again from the main
/// file (it holds nothing else), in the background as after a deletion.
const SCHEMA_VERSION: i64 = 2;

/// An index file of an older schema made into an empty one of [`SCHEMA`]'s.
fn drop_if_older(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 || version >= SCHEMA_VERSION {
        return Ok(());
    }
    tracing::info!(
        version,
        "the search index is of an older kind; rebuilding it"
    );
    conn.execute_batch(
        "BEGIN;
         DROP TABLE IF EXISTS message_terms;
         DROP TABLE IF EXISTS visitor_terms;
         DROP TABLE IF EXISTS search_vocab;
         DROP TABLE IF EXISTS search_progress;
         COMMIT;",
    )
}

/// `frontdesk.db` → `frontdesk.search.db` (a name without an extension gets `.search.db`).
pub fn path_for(main: &Path) -> PathBuf {
    let stem = main.file_stem().unwrap_or_default().to_string_lossy();
    let name = match main.extension() {
        Some(ext) => format!("{stem}.search.{}", ext.to_string_lossy()),
        None => format!("{stem}.search.db"),
    };
    main.with_file_name(name)
}

/// The one connection that writes the index.
#[derive(Clone)]
pub struct SearchDb {
    conn: Arc<Mutex<Connection>>,
}

impl SearchDb {
    /// Opens (creating) the file. `last_message` and `last_event` are the main file's newest
    /// message id and event seq. An index that claims more messages belongs to another main
    /// file (one restored from a backup, say) and is emptied, to be rebuilt. A new or emptied
    /// index starts its event watermark at `last_event`: the visitor backfill reads every
    /// visitor as they are now, so only later events can have renamed one.
    pub async fn open(
        path: PathBuf,
        last_message: i64,
        last_event: i64,
    ) -> Result<Self, ReadError> {
        let conn = blocking(move || {
            let conn = Connection::open(&path)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            drop_if_older(&conn)?;
            conn.execute_batch(SCHEMA)?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            let indexed: i64 =
                conn.query_row("SELECT message_id FROM search_progress", [], |r| r.get(0))?;
            if indexed > last_message {
                tracing::warn!(
                    indexed,
                    last_message,
                    "the search index is ahead of the database; rebuilding it"
                );
                empty(&conn)?;
            }
            conn.execute(
                "UPDATE search_progress SET event_seq = ?1
                 WHERE message_id = 0 AND event_seq = 0 AND visitor_id = 0",
                [last_event],
            )?;
            Ok(conn)
        })
        .await?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Writes a batch and its watermarks in one transaction, on the low-priority thread.
    pub async fn write(&self, batch: IndexBatch) -> Result<(), ReadError> {
        let conn = self.conn.clone();
        background::run(move || {
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tx = conn.transaction()?;
            write(&tx, &batch)?;
            tx.commit()
        })
        .await?
        .map_err(|e| ReadError::Bulk(e.to_string()))
    }
}

/// Runs `work` off the async threads.
async fn blocking<T, F>(work: F) -> Result<T, ReadError>
where
    T: Send + 'static,
    F: FnOnce() -> rusqlite::Result<T> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ReadError::Bulk(format!("the search index write stopped: {e}")))?
        .map_err(|e| ReadError::Bulk(e.to_string()))
}

/// Every row gone and the watermarks back at the start.
fn empty(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "BEGIN;
         INSERT INTO message_terms (message_terms) VALUES ('delete-all');
         DELETE FROM visitor_terms;
         DELETE FROM search_vocab;
         UPDATE search_progress SET message_id = 0, event_seq = 0, visitor_id = 0;
         COMMIT;",
    )
}

fn write(conn: &Connection, batch: &IndexBatch) -> rusqlite::Result<()> {
    let indexed: i64 =
        conn.query_row("SELECT message_id FROM search_progress", [], |r| r.get(0))?;
    // A message at or below the watermark is indexed already (a repeated batch).
    let mut insert = conn.prepare("INSERT INTO message_terms (rowid, terms) VALUES (?, ?)")?;
    for (id, terms) in batch.messages.iter().filter(|(id, _)| *id > indexed) {
        insert.execute(params![id, terms])?;
    }
    let mut vocab = conn.prepare("INSERT OR IGNORE INTO search_vocab (term) VALUES (?)")?;
    for term in &batch.vocab {
        vocab.execute([term])?;
    }
    let mut forget = conn.prepare("DELETE FROM visitor_terms WHERE rowid = ?")?;
    let mut add = conn.prepare("INSERT INTO visitor_terms (rowid, terms) VALUES (?, ?)")?;
    for (id, terms) in &batch.visitors {
        forget.execute([id])?;
        if !terms.is_empty() {
            add.execute(params![id, terms])?;
        }
    }
    conn.execute(
        "UPDATE search_progress SET message_id = MAX(message_id, ?1),
         event_seq = MAX(event_seq, ?2), visitor_id = ?3",
        params![batch.message_id, batch.event_seq, batch.visitor_id],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_file_sits_beside_the_database() {
        assert_eq!(
            path_for(Path::new("/data/frontdesk.db")),
            Path::new("/data/frontdesk.search.db")
        );
        assert_eq!(path_for(Path::new("chats")), Path::new("chats.search.db"));
    }

    fn batch(ids: &[i64], words: &str) -> IndexBatch {
        IndexBatch {
            messages: ids.iter().map(|id| (*id, words.to_owned())).collect(),
            vocab: words.split(' ').map(str::to_owned).collect(),
            visitors: vec![(7, "ольг".into())],
            message_id: ids.iter().copied().max().unwrap_or(0),
            event_seq: 40,
            visitor_id: -1,
            full: false,
        }
    }

    fn count(path: &Path, sql: &str) -> i64 {
        Connection::open(path)
            .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
            .unwrap()
    }

    /// An index of schema 1 (its tokenizer folded accents itself) is dropped and started
    /// again; one of the current schema is kept.
    #[tokio::test]
    async fn an_index_of_the_older_schema_is_built_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.search.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "CREATE VIRTUAL TABLE message_terms USING fts5(
                     terms, content = '', tokenize = 'unicode61 remove_diacritics 2');
                 CREATE VIRTUAL TABLE visitor_terms USING fts5(
                     terms, tokenize = 'unicode61 remove_diacritics 2');
                 CREATE TABLE search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID;
                 CREATE TABLE search_progress (id INTEGER PRIMARY KEY CHECK (id = 1),
                     message_id INTEGER NOT NULL, event_seq INTEGER NOT NULL,
                     visitor_id INTEGER NOT NULL);
                 INSERT INTO message_terms (rowid, terms) VALUES (1, 'cafe');
                 INSERT INTO visitor_terms (rowid, terms) VALUES (7, 'ольг');
                 INSERT INTO search_vocab VALUES ('cafe');
                 INSERT INTO search_progress VALUES (1, 1, 30, -1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        drop(SearchDb::open(path.clone(), 1, 30).await.unwrap());
        let tables = "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%tokenize = ''ascii''%'";
        assert_eq!(count(&path, tables), 2);
        assert_eq!(count(&path, "PRAGMA user_version"), SCHEMA_VERSION);
        assert_eq!(count(&path, "SELECT count(*) FROM visitor_terms"), 0);
        assert_eq!(count(&path, "SELECT count(*) FROM search_vocab"), 0);
        assert_eq!(
            count(&path, "SELECT message_id + visitor_id FROM search_progress"),
            0,
            "from the first message and the first visitor"
        );
        assert_eq!(count(&path, "SELECT event_seq FROM search_progress"), 30);

        let db = SearchDb::open(path.clone(), 1, 30).await.unwrap();
        db.write(batch(&[1], "cafe")).await.unwrap();
        drop(db);
        drop(SearchDb::open(path.clone(), 1, 30).await.unwrap());
        let hits = "SELECT count(*) FROM message_terms WHERE message_terms MATCH 'cafe'";
        assert_eq!(count(&path, hits), 1, "the current schema is kept");
    }

    #[tokio::test]
    async fn a_repeated_batch_adds_nothing_and_an_index_ahead_of_its_database_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.search.db");
        let db = SearchDb::open(path.clone(), 0, 0).await.unwrap();
        db.write(batch(&[1, 2], "заказ доставк")).await.unwrap();
        db.write(batch(&[1, 2, 3], "заказ доставк")).await.unwrap();
        let hits = "SELECT count(*) FROM message_terms WHERE message_terms MATCH 'заказ'";
        assert_eq!(count(&path, hits), 3);
        assert_eq!(count(&path, "SELECT count(*) FROM search_vocab"), 2);
        assert_eq!(count(&path, "SELECT count(*) FROM visitor_terms"), 1);
        drop(db);

        // Opened again for a database whose newest message is 3: kept.
        drop(SearchDb::open(path.clone(), 3, 50).await.unwrap());
        assert_eq!(count(&path, hits), 3);
        // For one whose newest message is 2 (another file): emptied, from the start again,
        // events from that file's head.
        drop(SearchDb::open(path.clone(), 2, 9).await.unwrap());
        assert_eq!(count(&path, hits), 0);
        assert_eq!(count(&path, "SELECT count(*) FROM visitor_terms"), 0);
        assert_eq!(
            count(&path, "SELECT message_id + visitor_id FROM search_progress"),
            0
        );
        assert_eq!(count(&path, "SELECT event_seq FROM search_progress"), 9);
    }
}
