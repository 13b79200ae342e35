//! [`Store`]: the one handle the rest of the server holds. Commands go to the writer through
//! [`Store::run`]; reads are methods too (`read.rs`, `snapshot.rs`), so no route ever sees a
//! pool, a connection or a row.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

use super::search_db::{self, SearchDb};
use super::search_index::IndexReader;
use super::writer::{self, Writer};
use super::{Cmd, OpError, Reply};
use crate::config::{StorageConfig, Synchronous};
use crate::routing::RoutingConfig;

/// The database: a reader pool, and the writer.
#[derive(Clone)]
pub struct Store {
    pub(super) readers: SqlitePool,
    /// The database file, for large reads on their own connections (`bulk.rs`).
    pub(super) path: Arc<PathBuf>,
    pub(super) writer: Writer,
    /// The search index's own file, attached to every reader as `search`.
    pub(super) search_db: SearchDb,
    /// The search indexer's reader of this file (`search_index.rs`).
    pub(super) index_reader: Arc<IndexReader>,
    /// Set by the background checkpoint when the WAL should restart; read by the writer.
    pub(super) wal_full: Arc<AtomicBool>,
    /// [`WAL_RESTART_BYTES`] in this file's pages.
    wal_restart_frames: i64,
}

/// WAL size past which the writer completes a checkpoint so the WAL restarts from its
/// beginning instead of growing: 64 MiB (16,384 frames of 4 KiB pages, 65,536 of 1 KiB).
/// Each restart stalls the writer for one fsync (tens of ms on a virtual disk), so they
/// should be rare: at 1,000 messages/s this is one every ~10–15 s (a 16 MiB threshold put
/// p99 at 13 ms).
pub const WAL_RESTART_BYTES: i64 = 64 << 20;

fn connect_options(
    path: &Path,
    storage: &StorageConfig,
) -> Result<SqliteConnectOptions, sqlx::Error> {
    let sync = match storage.synchronous {
        Synchronous::Normal => SqliteSynchronous::Normal,
        Synchronous::Full => SqliteSynchronous::Full,
    };
    Ok(
        SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(sync)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            // SQLite's default, 4 KiB. Commits are shared (the commit window): a commit's few
            // messages land in the same leaf of each table and index, so bigger pages mean
            // fewer WAL frames, fewer leaf splits and fewer write calls than 1 KiB pages (which
            // paid when each message was its own commit). Applies when the file is created;
            // an older file keeps its pages. See docs/benchmarks.md.
            .page_size(4096)
            // Checkpoints stall the committing thread for tens of milliseconds; a timer task
            // runs them instead (see `Store::checkpoint`).
            .pragma("wal_autocheckpoint", "0")
            // After the WAL restarts, give back disk beyond this.
            .pragma("journal_size_limit", "67108864")
            .log_statements(tracing::log::LevelFilter::Trace),
    )
}

/// The writer's own connection (rusqlite, used by the leading caller; see `writer.rs`), set up like
/// the pool's: the same file, already created and migrated.
fn writer_connection(path: &Path, storage: &StorageConfig) -> anyhow::Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let sync = match storage.synchronous {
        Synchronous::Normal => "NORMAL",
        Synchronous::Full => "FULL",
    };
    // As `connect_options`: checkpoints are the timer's job, not the committing thread's.
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync}; PRAGMA foreign_keys = ON;
         PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;"
    ))?;
    // Every statement of the write path stays prepared (rusqlite keeps 16 by default).
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

impl Store {
    /// Opens (creating and migrating) the database and sets up the writer.
    pub async fn open(
        path: &Path,
        storage: &StorageConfig,
        routing: &RoutingConfig,
        mail: Option<super::MailBatching>,
        new_chats: super::NewChatLimits,
        on_commit: writer::CommitSink,
    ) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let options = connect_options(path, storage)?;
        let mut conn = options.connect().await?;
        sqlx::migrate!("./migrations").run(&mut conn).await?;
        let (last_message, last_event, page_size): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM messages),
                    (SELECT COALESCE(MAX(seq), 0) FROM events),
                    (SELECT page_size FROM pragma_page_size())",
        )
        .fetch_one(&mut conn)
        .await?;
        let search_path = search_db::path_for(path);
        let search_db = SearchDb::open(search_path.clone(), last_message, last_event).await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(4)
            .after_connect(move |conn, _| {
                let search_path = search_path.clone();
                Box::pin(async move {
                    sqlx::query("ATTACH DATABASE ? AS search")
                        .bind(search_path.to_string_lossy().into_owned())
                        .execute(conn)
                        .await
                        .map(drop)
                })
            })
            .connect_with(options.clone())
            .await?;
        sqlx::Connection::close(conn).await?;
        let wal_full = Arc::new(AtomicBool::new(false));
        let writer = Writer::start(
            writer_connection(path, storage)?,
            writer::WriterOptions {
                max_batch: storage.max_batch,
                sync_full: matches!(storage.synchronous, Synchronous::Full),
                commit_window: Duration::from_millis(storage.commit_window_ms),
            },
            writer::Setup {
                sink: on_commit,
                wal_full: wal_full.clone(),
                routing: Arc::new(routing.clone()),
                mail,
                new_chats,
            },
        )?;
        Ok(Self {
            readers,
            path: Arc::new(path.to_path_buf()),
            writer,
            search_db,
            index_reader: Arc::new(IndexReader::new(path.to_path_buf())),
            wal_full,
            wal_restart_frames: WAL_RESTART_BYTES / page_size.max(512),
        })
    }

    /// When the commands waiting for a commit are committed, if any wait (see
    /// `Writer::commit_due`).
    pub fn commit_due(&self) -> Option<tokio::time::Instant> {
        self.writer.commit_due()
    }

    /// Runs a command through the one writer; returns once it is committed (or refused), so
    /// an acknowledged command is a committed command.
    pub async fn run(&self, cmd: Cmd) -> Result<Reply, OpError> {
        self.writer.run(cmd).await
    }

    /// Moves committed WAL pages into the database file without blocking the writer.
    ///
    /// Under steady writes a checkpoint from another connection never catches up with the
    /// writer, so the WAL would never restart and would grow without bound. When it is past
    /// [`WAL_RESTART_BYTES`], the writer is asked to finish the job between two batches: by
    /// then only the frames written since this pass are left to copy.
    pub async fn checkpoint(&self) {
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&self.readers)
            .await
        {
            Ok((_, frames, _)) if frames > self.wal_restart_frames() => {
                self.wal_full.store(true, Ordering::Release);
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
        }
    }

    /// How many WAL frames make [`WAL_RESTART_BYTES`] in this file's pages.
    pub(super) fn wal_restart_frames(&self) -> i64 {
        self.wal_restart_frames
    }

    /// Finishes queued writes, then closes the database.
    pub async fn close(&self) {
        self.writer.close().await;
        self.checkpoint().await;
        self.readers.close().await;
    }
}
