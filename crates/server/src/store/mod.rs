//! Storage: one SQLite file, one writer task, a pool of readers.
//!
//! Every change goes through the [`Writer`]: it batches whatever is queued into one
//! transaction, gives each command its own savepoint (a refused command rolls back alone),
//! writes an `events` row with the next `seq` for every change, commits, and only then answers
//! the callers and hands the events to the hub. Reads use the pool and never block the writer.

mod apply;
mod apply_operator;
mod apply_visitor;
mod emit;
pub mod expiry;
mod lifecycle;
pub mod read;
mod rows;
pub mod snapshot;
mod visits;
mod writer;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use frontdesk_protocol::{
    ErrorCode, EventBody, Millis, OperatorRole, OperatorStatus, PrechatFields, Seq, VisitorOut,
};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

use crate::config::{StorageConfig, Synchronous};
pub use emit::event_frame;
pub use writer::{CommitSink, Writer};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A refused command: what the client is told. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct OpError {
    pub code: ErrorCode,
    pub message: String,
}

impl OpError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for OpError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        Self::new(
            ErrorCode::Internal,
            "the server could not store this; nothing was saved",
        )
    }
}

/// What an acknowledged command returns; also what a repeated command id gets again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub seq: Option<Seq>,
    pub chat_id: Option<i64>,
    pub message_id: Option<i64>,
}

/// A committed event, with its operator frame already encoded once for every socket.
#[derive(Debug)]
pub struct StoredEvent {
    pub seq: Seq,
    pub ts: Millis,
    pub body: EventBody,
    /// `OperatorOut::Event` as JSON text.
    pub operator_frame: Arc<str>,
    /// Frames for the visitor whose chat this is, if it concerns one.
    pub for_visitor: Option<(i64, Arc<str>)>,
}

/// The identity a visitor socket works under after `hello`.
#[derive(Debug, Clone)]
pub struct VisitorIdentity {
    pub visitor_id: i64,
    /// The token to give back: the presented one, or a new one.
    pub token: String,
    pub open_chat: Option<(i64, frontdesk_protocol::ChatStatus)>,
}

/// Who sends a command, for idempotency scoping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Visitor(i64),
    Operator(i64),
}

impl Actor {
    fn key(self) -> String {
        match self {
            Self::Visitor(id) => format!("v:{id}"),
            Self::Operator(id) => format!("o:{id}"),
        }
    }
}

/// A command with an id from a client: stored once, answered the same way every time.
#[derive(Debug, Clone)]
pub struct ClientCommand<A> {
    pub actor_id: i64,
    pub client_id: String,
    /// Hash of the command's canonical encoding: same id + other body = conflict.
    pub body_hash: String,
    pub action: A,
}

#[derive(Debug, Clone)]
pub enum VisitorAction {
    PageView {
        url: String,
        title: Option<String>,
        referrer: Option<String>,
        search_query: Option<String>,
    },
    Prechat(PrechatFields),
    StartChat {
        text: Option<String>,
        department: Option<String>,
    },
    Message(String),
    Close,
    Offline {
        text: String,
        name: Option<String>,
        email: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum OperatorAction {
    Accept(i64),
    Message {
        chat_id: i64,
        text: String,
        note: bool,
    },
    Transfer {
        chat_id: i64,
        to: i64,
        note: Option<String>,
    },
    Close(i64),
    SetStatus(OperatorStatus),
}

/// Everything the writer can be asked to do.
#[derive(Debug, Clone)]
pub enum Cmd {
    VisitorHello {
        token: Option<String>,
        site: Option<String>,
        language: Option<String>,
        user_agent: Option<String>,
        ip: Option<String>,
        city: Option<String>,
        region: Option<String>,
        /// `false`: a token we do not know is refused (`not_found`) instead of becoming a
        /// new identity, so the socket can rate-limit new identities first.
        may_create: bool,
    },
    Visitor(ClientCommand<VisitorAction>),
    Operator(ClientCommand<OperatorAction>),
    /// An operator's first socket connected or last one closed.
    Presence {
        operator_id: i64,
        status: OperatorStatus,
    },
    CreateSession {
        operator_id: i64,
        token_hash: String,
        expires_at: Millis,
    },
    DeleteSession {
        token_hash: String,
    },
    /// At start-up: nobody is connected yet, whatever the last run left behind.
    ResetPresence,
    /// Deletes visitors unseen since `seen_before` who never chatted, among the `window`
    /// visitor rows after `after_id` (see `expiry.rs`).
    ExpireVisitors {
        after_id: i64,
        window: u32,
        seen_before: Millis,
    },
    AddOperator {
        name: String,
        display_name: String,
        password_hash: String,
        role: OperatorRole,
    },
}

/// The writer's answer to a [`Cmd`].
#[derive(Debug, Clone)]
pub enum Reply {
    Ack(Ack),
    Visitor(VisitorIdentity),
    Id(i64),
    Done,
    /// A visitor sweep: the last id looked at (`None`: the table's end) and how many went.
    Swept {
        last_id: Option<i64>,
        deleted: u64,
    },
}

/// Frames the writer addressed to a visitor, encoded.
pub(crate) fn visitor_frame(visitor_id: i64, frame: &VisitorOut) -> Option<(i64, Arc<str>)> {
    Some((visitor_id, Arc::from(frontdesk_protocol::encode(frame))))
}

/// The database: a reader pool, and the writer.
#[derive(Clone)]
pub struct Store {
    pub read: SqlitePool,
    pub writer: Writer,
    /// Set by the background checkpoint when the WAL should restart; read by the writer.
    wal_full: Arc<AtomicBool>,
}

/// WAL length (in pages) past which the writer completes a checkpoint so the WAL restarts
/// from its beginning instead of growing: 65536 pages of 1 KiB = 64 MiB. Each restart stalls
/// the writer for one fsync (tens of ms on a virtual disk), so they should be rare: at
/// 1,000 messages/s this is one every ~13 s (a 16 MiB threshold put p99 at 13 ms).
pub const WAL_RESTART_FRAMES: i64 = 65536;

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
            // Each message dirties ~5 pages (table and index leaves); every dirty page is written
            // whole to the WAL and again at checkpoint. 1 KiB pages cut that traffic 4× against
            // the 4 KiB default, and checkpoint stalls with it. Applies when the file is created.
            .page_size(1024)
            // Checkpoints stall the committing thread for tens of milliseconds; a timer task
            // runs them instead (see `Store::checkpoint`).
            .pragma("wal_autocheckpoint", "0")
            // After the WAL restarts, give back disk beyond this.
            .pragma("journal_size_limit", "67108864")
            .log_statements(tracing::log::LevelFilter::Trace),
    )
}

impl Store {
    /// Opens (creating and migrating) the database and starts the writer task.
    pub async fn open(
        path: &Path,
        storage: &StorageConfig,
        on_commit: writer::CommitSink,
    ) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let options = connect_options(path, storage)?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations").run(&read).await?;
        let conn = options.connect().await?;
        let wal_full = Arc::new(AtomicBool::new(false));
        let writer = Writer::start(conn, storage.max_batch, on_commit, wal_full.clone()).await?;
        Ok(Self {
            read,
            writer,
            wal_full,
        })
    }

    /// Moves committed WAL pages into the database file without blocking the writer.
    ///
    /// Under steady writes a checkpoint from another connection never catches up with the
    /// writer, so the WAL would never restart and would grow without bound. When it is past
    /// [`WAL_RESTART_FRAMES`], the writer is asked to finish the job between two batches: by
    /// then only the frames written since this pass are left to copy.
    pub async fn checkpoint(&self) {
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&self.read)
            .await
        {
            Ok((_, frames, _)) if frames > WAL_RESTART_FRAMES => {
                self.wal_full.store(true, Ordering::Release);
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
        }
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.checkpoint().await;
        self.read.close().await;
    }
}
