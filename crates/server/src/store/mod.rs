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

mod apply;
mod apply_hello;
mod apply_operator;
mod apply_visitor;
mod audience;
mod background;
mod bans;
mod bulk;
pub mod chat_facts;
mod emit;
pub mod expiry;
mod files;
mod handle;
mod invitations;
mod lifecycle;
mod mail_outbox;
pub mod prune;
mod read;
mod routing;
mod rows;
mod search;
pub mod search_db;
pub mod search_index;
mod snapshot;
mod sql;
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
pub(crate) mod test_store;

use std::sync::Arc;

use frontdesk_protocol::{
    ErrorCode, ErrorReason, EventBody, Millis, OperatorRole, OperatorStatus, PrechatFields, Seq,
    VisitorOut,
};
use serde::{Deserialize, Serialize};

pub use audience::{Audience, Reader};
pub use bans::{BANNED_MESSAGE, BanRequest};
pub use emit::event_frame;
pub use files::{FileRead, FileReader, NewFile, StoredFile};
pub use handle::Store;
pub use invitations::{InviteRequest, Invited};
pub use mail_outbox::{MailBatching, MailJob, MailOutcome};
pub use read::Replayed;
pub use rows::PAGES_KEPT;
pub use search::Searcher;
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
}

impl OpError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            reason: None,
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
    /// A file received from the visitor (`routes/files.rs`), posted as a message of their
    /// open chat, or of a new one.
    File(NewFile),
    Close,
    Offline {
        text: String,
        name: Option<String>,
        email: Option<String>,
    },
    /// The visitor closed their pending invitation (its id).
    DismissInvitation(i64),
}

#[derive(Debug, Clone)]
pub enum OperatorAction {
    Accept(i64),
    Message {
        chat_id: i64,
        text: String,
        note: bool,
    },
    /// A file received from the operator, posted as their answer in the chat (as `Message`).
    File {
        chat_id: i64,
        file: NewFile,
    },
    /// A supervisor's line for the chat's operator only.
    Whisper {
        chat_id: i64,
        text: String,
    },
    /// A line of the team room (`to` none) or to one colleague.
    TeamMessage {
        to: Option<i64>,
        text: String,
    },
    Transfer {
        chat_id: i64,
        to: i64,
        note: Option<String>,
    },
    /// Back to the queue for a department (its key, as typed).
    TransferToDepartment {
        chat_id: i64,
        department: String,
        note: Option<String>,
    },
    /// Take a chat offered to me.
    AcceptTransfer(i64),
    /// Turn an offered chat down.
    DeclineTransfer {
        chat_id: i64,
        reason: Option<String>,
    },
    Close(i64),
    SetStatus(OperatorStatus),
    Ban(BanRequest),
    /// Lift a ban (its id).
    Unban(i64),
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
    /// Deletes the events no one reads past the replay window, and old command ids, a
    /// window of each (see `prune.rs`).
    Prune(prune::Order),
    AddOperator {
        name: String,
        display_name: String,
        password_hash: String,
        role: OperatorRole,
    },
    /// Every second: department chats past `[routing] fallback_secs` open to everyone.
    RouteTick,
    /// Summary rows of finished chats and their watermark (`chat_facts.rs`).
    StoreChatFacts(Box<chat_facts::FactsBatch>),
    /// The mailer tried e-mail `mail_id` (`mail_outbox.rs`).
    MailOutcome {
        mail_id: i64,
        outcome: MailOutcome,
    },
    /// An invitation to chat for a visitor on the site (`invitations.rs`).
    Invite(Box<InviteRequest>),
    /// The visitor left the site: their pending invitation lapses.
    LapseInvitation {
        visitor_id: i64,
    },
    /// The visitor of open chat `chat_id` left the site at `left_at` or came back (`None`):
    /// while gone, operators' answers there also go by e-mail (`mail_outbox.rs`).
    VisitorGone {
        chat_id: i64,
        left_at: Option<Millis>,
    },
}

impl Cmd {
    /// Whether the command may hold the connection for long (many rows at once), so it is
    /// never run on a runtime thread, where sockets would wait behind it.
    fn may_take_long(&self) -> bool {
        matches!(
            self,
            Self::ResetPresence
                | Self::ExpireVisitors { .. }
                | Self::Prune(_)
                | Self::StoreChatFacts(_)
        )
    }

    /// Whether the command may change who waits or who has room, so the automatic routing
    /// modes should look at the queue after its batch.
    pub(super) fn may_route(&self) -> bool {
        match self {
            Self::Visitor(c) => matches!(
                c.action,
                VisitorAction::StartChat { .. }
                    | VisitorAction::Message(_)
                    | VisitorAction::File(_)
                    | VisitorAction::Close
            ),
            Self::Operator(c) => !matches!(c.action, OperatorAction::Message { .. }),
            Self::Presence { .. } | Self::RouteTick => true,
            _ => false,
        }
    }
}

/// The writer's answer to a [`Cmd`].
#[derive(Debug, Clone)]
pub enum Reply {
    Ack(Ack),
    Visitor(VisitorIdentity),
    Id(i64),
    Done,
    Invited(Invited),
    /// A visitor sweep: the last id looked at (`None`: the table's end) and how many went.
    Swept {
        last_id: Option<i64>,
        deleted: u64,
    },
    /// A prune step (`prune.rs`).
    Pruned(prune::Pruned),
}

/// Frames the writer addressed to a visitor, encoded.
pub(crate) fn visitor_frame(visitor_id: i64, frame: &VisitorOut) -> Option<(i64, Arc<str>)> {
    Some((visitor_id, Arc::from(frontdesk_protocol::encode(frame))))
}
