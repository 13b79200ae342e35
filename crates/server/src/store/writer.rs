//! The single writer: batches queued commands into one transaction, one savepoint each.
//!
//! It is a thread of its own that owns the write connection (rusqlite, see `sql.rs`): a
//! caller's command crosses threads once on the way in and its answer once on the way out,
//! and everything in between, a whole batch, runs on this thread without another hand-off.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use frontdesk_protocol::{ErrorCode, Seq};
use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::{Cmd, MailBatching, OpError, Reply, StoredEvent, apply, now_ms, sql};
use crate::routing::RoutingConfig;

/// Receives the events of each committed batch, in `seq` order, before callers get answers.
pub type CommitSink = Arc<dyn Fn(Vec<Arc<StoredEvent>>) + Send + Sync>;

type Answer = Result<Reply, OpError>;

enum Msg {
    Job(Cmd, oneshot::Sender<Answer>),
    Close(oneshot::Sender<()>),
}

/// Handle to the writer thread. Cheap to clone.
#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Msg>,
    thread: Arc<std::sync::Mutex<Option<std::thread::JoinHandle<()>>>>,
}

fn shutting_down() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server is shutting down; nothing was stored",
    )
}

/// What the writer thread is given besides its connection and queue.
struct Setup {
    max_batch: usize,
    sink: CommitSink,
    wal_full: Arc<AtomicBool>,
    routing: Arc<RoutingConfig>,
    mail: Option<MailBatching>,
}

impl Writer {
    pub(super) fn start(
        conn: Connection,
        max_batch: usize,
        sink: CommitSink,
        wal_full: Arc<AtomicBool>,
        routing: Arc<RoutingConfig>,
        mail: Option<MailBatching>,
    ) -> anyhow::Result<Self> {
        let head: i64 =
            conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?;
        let head = Seq::try_from(head)?;
        // Deep enough to absorb a burst from thousands of sockets; callers wait when full.
        let (tx, rx) = mpsc::channel(8192);
        let setup = Setup {
            max_batch: max_batch.max(1),
            sink,
            wal_full,
            routing,
            mail,
        };
        let thread = std::thread::Builder::new()
            .name("frontdesk-writer".into())
            .spawn(move || run(conn, rx, head, &setup))?;
        Ok(Self {
            tx,
            thread: Arc::new(std::sync::Mutex::new(Some(thread))),
        })
    }

    /// Runs a command; returns once it is committed (or refused).
    pub async fn run(&self, cmd: Cmd) -> Answer {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Msg::Job(cmd, reply))
            .await
            .map_err(|_| shutting_down())?;
        answer.await.map_err(|_| shutting_down())?
    }

    /// Finishes what is queued, then stops. Later commands are refused.
    pub async fn close(&self) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Msg::Close(done)).await.is_ok() {
            let _ = wait.await;
        }
        let thread = self.thread.lock().ok().and_then(|mut t| t.take());
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

fn run(conn: Connection, mut rx: mpsc::Receiver<Msg>, mut head: Seq, setup: &Setup) {
    let mut batch = Vec::with_capacity(setup.max_batch);
    while let Some(first) = rx.blocking_recv() {
        let mut close = None;
        match first {
            Msg::Job(cmd, reply) => batch.push((cmd, reply)),
            Msg::Close(done) => close = Some(done),
        }
        // Whatever queued up while the last commit ran goes into this transaction.
        while close.is_none() && batch.len() < setup.max_batch {
            match rx.try_recv() {
                Ok(Msg::Job(cmd, reply)) => batch.push((cmd, reply)),
                Ok(Msg::Close(done)) => close = Some(done),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            commit_batch(&conn, &mut batch, &mut head, setup);
        }
        if setup.wal_full.swap(false, Ordering::AcqRel) {
            // The background pass copied most frames; copying the rest here, with no new ones
            // arriving, lets the next transaction restart the WAL at its beginning.
            if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                tracing::warn!(error = %e, "writer-side checkpoint failed");
            }
        }
        if let Some(done) = close {
            rx.close();
            while let Ok(msg) = rx.try_recv() {
                if let Msg::Job(_, reply) = msg {
                    let _ = reply.send(Err(shutting_down()));
                }
            }
            conn.flush_prepared_statement_cache();
            if let Err((_, e)) = conn.close() {
                tracing::warn!(error = %e, "closing the writer connection");
            }
            let _ = done.send(());
            return;
        }
    }
}

fn commit_batch(
    conn: &Connection,
    batch: &mut Vec<(Cmd, oneshot::Sender<Answer>)>,
    head: &mut Seq,
    setup: &Setup,
) {
    let (routing, mail) = (&*setup.routing, setup.mail);
    let start = *head;
    let now = now_ms();
    if let Err(e) = sql::exec(conn, "BEGIN IMMEDIATE", []) {
        tracing::error!(error = %e, "cannot begin a write transaction");
        for (_, reply) in batch.drain(..) {
            let _ = reply.send(Err(e_internal()));
        }
        return;
    }
    let routes = routing.automatic() && batch.iter().any(|(cmd, _)| cmd.may_route());
    let alone = match batch.as_slice() {
        [(cmd, _)] => run_alone(conn, head, now, (routing, mail), cmd, routes),
        _ => Alone::InSavepoints,
    };
    let (results, routed) = match alone {
        Alone::Ran(result, routed) => (vec![Ok(result)], routed),
        Alone::Refused(error) => {
            // Nothing of it may stay: the whole transaction goes, as a savepoint would.
            if let Err(e) = sql::exec(conn, "ROLLBACK", []) {
                tracing::error!(error = %e, "rolling back a refused command failed");
            }
            *head = start;
            for (_, reply) in batch.drain(..) {
                let _ = reply.send(Err(error.clone()));
            }
            return;
        }
        Alone::InSavepoints => {
            let mut results = Vec::with_capacity(batch.len());
            for (cmd, _) in batch.iter() {
                results.push(apply_one(conn, head, now, (routing, mail), cmd));
            }
            let routed = if routes {
                route_pass(conn, head, now, routing)
            } else {
                Vec::new()
            };
            (results, routed)
        }
    };
    if let Err(e) = sql::exec(conn, "COMMIT", []) {
        tracing::error!(error = %e, "commit failed; the batch is lost and refused");
        let _ = sql::exec(conn, "ROLLBACK", []);
        *head = start;
        for (_, reply) in batch.drain(..) {
            let _ = reply.send(Err(e_internal()));
        }
        return;
    }
    let mut events = Vec::new();
    let mut answers = Vec::with_capacity(batch.len());
    for ((_, reply), result) in batch.drain(..).zip(results) {
        answers.push((
            reply,
            result.map(|(answer, evs)| {
                events.extend(evs.into_iter().map(Arc::new));
                answer
            }),
        ));
    }
    events.extend(routed.into_iter().map(Arc::new));
    // Fan out first, so a client that sees its ack can rely on the event being on its way.
    if !events.is_empty() {
        (setup.sink)(events);
    }
    for (reply, answer) in answers {
        let _ = reply.send(answer);
    }
}

enum Alone {
    /// The command and the routing pass after it ran; commit.
    Ran((Reply, Vec<StoredEvent>), Vec<StoredEvent>),
    /// The command was refused; roll the transaction back.
    Refused(OpError),
    /// The routing pass failed: the transaction was rolled back and begun again, to run the
    /// command in a savepoint so it commits without the pass. (Also: more than one command.)
    InSavepoints,
}

/// A batch of one command without savepoints: a refusal rolls the whole transaction back,
/// so the savepoint statements are not needed.
fn run_alone(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    (routing, mail): (&RoutingConfig, Option<MailBatching>),
    cmd: &Cmd,
    routes: bool,
) -> Alone {
    let start = *head;
    let result = match apply::apply(conn, head, now, routing, mail, cmd) {
        Ok(done) => done,
        Err(refused) => return Alone::Refused(refused),
    };
    if !routes {
        return Alone::Ran(result, Vec::new());
    }
    match apply::route_pass(conn, head, now, routing) {
        Ok(routed) => Alone::Ran(result, routed),
        Err(e) => {
            tracing::warn!(error = %e, "routing pass failed; running the command alone");
            *head = start;
            let again = sql::exec(conn, "ROLLBACK", [])
                .and_then(|_| sql::exec(conn, "BEGIN IMMEDIATE", []));
            match again {
                Ok(_) => Alone::InSavepoints,
                Err(e) => {
                    tracing::error!(error = %e, "cannot begin a write transaction");
                    Alone::Refused(e_internal())
                }
            }
        }
    }
}

/// One command inside its own savepoint: refused commands leave no trace.
fn apply_one(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    (routing, mail): (&RoutingConfig, Option<MailBatching>),
    cmd: &Cmd,
) -> Result<(Reply, Vec<StoredEvent>), OpError> {
    let before = *head;
    sql::exec(conn, "SAVEPOINT cmd", [])?;
    let result = apply::apply(conn, head, now, routing, mail, cmd);
    if result.is_err() {
        *head = before;
        sql::exec(conn, "ROLLBACK TO cmd", [])?;
    }
    sql::exec(conn, "RELEASE cmd", [])?;
    result
}

/// The routing pass after a batch, in its own savepoint: if it fails, the batch's commands
/// still commit and the chats simply keep waiting for the next pass.
fn route_pass(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    routing: &RoutingConfig,
) -> Vec<StoredEvent> {
    let before = *head;
    let mut attempt = || {
        sql::exec(conn, "SAVEPOINT route", [])?;
        let result = apply::route_pass(conn, head, now, routing);
        if result.is_err() {
            sql::exec(conn, "ROLLBACK TO route", [])?;
        }
        sql::exec(conn, "RELEASE route", [])?;
        result
    };
    match attempt() {
        Ok(events) => events,
        Err(e) => {
            *head = before;
            tracing::error!(error = %e, "routing pass failed; chats keep waiting");
            Vec::new()
        }
    }
}

fn e_internal() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server could not store this; nothing was saved",
    )
}
