//! Storage: one SQLite file, one write connection (rusqlite, see `writer.rs`), a pool of
//! readers (sqlx).
//!
//! The rest of the server holds a [`Store`] and calls its methods: no pool, connection or row
//! type leaves this module, so another database would be another module like this one.
//!
//! Every change goes through the one writer ([`Store::run`]): it batches whatever is queued
//! into one transaction (a refused command rolls back alone: `writer_batch.rs`),
//! writes an `events` row with the next `seq` for every change, commits, and only then answers
//! the callers and hands the events to the hub. Reads use the pool and never block the writer.

pub mod accounts;
mod apply;
mod apply_hello;
mod apply_operator;
mod apply_visitor;
mod audience;
mod background;
mod bans;
mod bulk;
pub mod chat_facts;
mod chat_starts;
mod commands;
mod customers;
mod emit;
pub mod expiry;
mod files;
mod handle;
mod invitations;
mod lifecycle;
mod mail_outbox;
mod presence;
pub mod prune;
pub mod quiet_close;
mod ratings;
mod read;
mod release;
pub mod roster;
mod routing;
mod rows;
mod search;
pub mod search_db;
pub mod search_index;
mod seen;
mod snapshot;
mod sql;
mod stamped;
mod stats;
mod team;
mod transcripts;
mod transfers;
mod visits;
mod writer;
mod writer_batch;
mod writer_rows;

#[cfg(test)]
mod handle_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod prune_tests;
#[cfg(test)]
mod quiet_close_tests;
#[cfg(test)]
pub(crate) mod test_store;

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, ErrorReason, EventBody, Millis, Seq, VisitorOut};
use serde::{Deserialize, Serialize};

pub use audience::{Audience, Reader};
pub use bans::{BANNED_MESSAGE, BanRequest};
pub use chat_starts::NewChatLimits;
pub use commands::{Actor, ClientCommand, Cmd, OperatorAction, Reply, VisitorAction};
pub use emit::event_frame;
pub use files::{FileRead, FileReader, NewFile, StoredFile};
pub use handle::Store;
pub use invitations::{InviteRequest, Invited};
pub use mail_outbox::{MailBatching, MailJob, MailOutcome};
pub use read::Replayed;
pub use rows::PAGES_KEPT;
pub use search::{SearchPeriod, Searcher};
pub use snapshot::Item as SnapshotItem;
pub use transcripts::{ChatQuery, TranscriptRead};
pub use writer::CommitSink;

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
    /// The case, for the console's own words (`message` stays English, for logs and tools).
    pub reason: Option<ErrorReason>,
    /// For `rate_limited`: how long until the command may succeed.
    pub retry_after_ms: Option<u64>,
}

impl OpError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            reason: None,
            retry_after_ms: None,
        }
    }

    /// The same error, saying when to try again.
    pub fn retry_after(self, ms: u64) -> Self {
        Self {
            retry_after_ms: Some(ms),
            ..self
        }
    }

    /// The same error, naming its case.
    pub fn because(self, reason: ErrorReason) -> Self {
        Self {
            reason: Some(reason),
            ..self
        }
    }

    /// JSON that could not be written or read back (a stored answer, a payload).
    pub fn json(e: serde_json::Error) -> Self {
        Self::new(ErrorCode::Internal, e.to_string())
    }
}

impl OpError {
    /// A database error: logged in full, told to the client only as "nothing was saved".
    fn database(e: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %e, "database error");
        Self::new(
            ErrorCode::Internal,
            "the server could not store this; nothing was saved",
        )
    }
}

impl From<sqlx::Error> for OpError {
    fn from(e: sqlx::Error) -> Self {
        Self::database(&e)
    }
}

impl From<rusqlite::Error> for OpError {
    fn from(e: rusqlite::Error) -> Self {
        Self::database(&e)
    }
}

/// A read that failed. It says what went wrong (its text is the database's) but names no
/// database type, so callers outside the store stay free of them.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    /// A large read on its own thread (`bulk.rs`) failed.
    #[error("{0}")]
    Bulk(String),
}

impl From<ReadError> for OpError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Sql(e) => e.into(),
            ReadError::Bulk(message) => {
                tracing::error!(error = %message, "a database read failed");
                OpError::new(ErrorCode::Internal, "the server could not read this")
            }
        }
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
    /// The operators it is for (stored with it; see `audience.rs`).
    pub audience: Audience,
}

/// The identity a visitor socket works under after `hello`.
#[derive(Debug, Clone)]
pub struct VisitorIdentity {
    pub visitor_id: i64,
    /// The token to give back: the presented one, or a new one.
    pub token: String,
    pub open_chat: Option<(i64, frontdesk_protocol::ChatStatus)>,
}

/// Frames the writer addressed to a visitor, encoded.
pub(crate) fn visitor_frame(visitor_id: i64, frame: &VisitorOut) -> Option<(i64, Arc<str>)> {
    Some((visitor_id, Arc::from(frontdesk_protocol::encode(frame))))
}
