//! The single writer: batches queued commands into one transaction, one savepoint each.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use frontdesk_protocol::{ErrorCode, Seq};
use sqlx::{Connection, Executor, SqliteConnection};
use tokio::sync::{Mutex, mpsc, oneshot};
use tokio::task::JoinHandle;

use super::{Cmd, MailBatching, OpError, Reply, StoredEvent, apply, now_ms};
use crate::routing::RoutingConfig;

/// Receives the events of each committed batch, in `seq` order, before callers get answers.
pub type CommitSink = Arc<dyn Fn(Vec<Arc<StoredEvent>>) + Send + Sync>;

type Answer = Result<Reply, OpError>;

enum Msg {
    Job(Cmd, oneshot::Sender<Answer>),
    Close(oneshot::Sender<()>),
}

/// Handle to the writer task. Cheap to clone.
#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Msg>,
    task: Arc<Mutex<Option<JoinHandle<()>>>>,
}

fn shutting_down() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server is shutting down; nothing was stored",
    )
}

impl Writer {
    pub(super) async fn start(
        mut conn: SqliteConnection,
        max_batch: usize,
        sink: CommitSink,
        wal_full: Arc<AtomicBool>,
        routing: Arc<RoutingConfig>,
        mail: Option<MailBatching>,
    ) -> anyhow::Result<Self> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events")
            .fetch_one(&mut conn)
            .await?;
        let head = Seq::try_from(head)?;
        // Deep enough to absorb a burst from thousands of sockets; callers wait when full.
        let (tx, rx) = mpsc::channel(8192);
        let task = tokio::spawn(run(
            conn,
            rx,
            max_batch.max(1),
            sink,
            head,
            wal_full,
            (routing, mail),
        ));
        Ok(Self {
            tx,
            task: Arc::new(Mutex::new(Some(task))),
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
        if let Some(task) = self.task.lock().await.take() {
            let _ = task.await;
        }
    }
}

async fn run(
    mut conn: SqliteConnection,
    mut rx: mpsc::Receiver<Msg>,
    max_batch: usize,
    sink: CommitSink,
    mut head: Seq,
    wal_full: Arc<AtomicBool>,
    (routing, mail): (Arc<RoutingConfig>, Option<MailBatching>),
) {
    let mut batch = Vec::with_capacity(max_batch);
    while let Some(first) = rx.recv().await {
        let mut close = None;
        match first {
            Msg::Job(cmd, reply) => batch.push((cmd, reply)),
            Msg::Close(done) => close = Some(done),
        }
        // Whatever queued up while the last commit ran goes into this transaction.
        while close.is_none() && batch.len() < max_batch {
            match rx.try_recv() {
                Ok(Msg::Job(cmd, reply)) => batch.push((cmd, reply)),
                Ok(Msg::Close(done)) => close = Some(done),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            commit_batch(&mut conn, &mut batch, &mut head, &sink, &routing, mail).await;
        }
        if wal_full.swap(false, Ordering::AcqRel) {
            // The background pass copied most frames; copying the rest here, with no new ones
            // arriving, lets the next transaction restart the WAL at its beginning.
            if let Err(e) = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
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
            if let Err(e) = conn.close().await {
                tracing::warn!(error = %e, "closing the writer connection");
            }
            let _ = done.send(());
            return;
        }
    }
}

async fn commit_batch(
    conn: &mut SqliteConnection,
    batch: &mut Vec<(Cmd, oneshot::Sender<Answer>)>,
    head: &mut Seq,
    sink: &CommitSink,
    routing: &RoutingConfig,
    mail: Option<MailBatching>,
) {
    let start = *head;
    let now = now_ms();
    if let Err(e) = conn.execute("BEGIN IMMEDIATE").await {
        tracing::error!(error = %e, "cannot begin a write transaction");
        for (_, reply) in batch.drain(..) {
            let _ = reply.send(Err(e_internal()));
        }
        return;
    }
    let routes = routing.automatic() && batch.iter().any(|(cmd, _)| cmd.may_route());
    let alone = match batch.as_slice() {
        [(cmd, _)] => run_alone(conn, head, now, (routing, mail), cmd, routes).await,
        _ => Alone::InSavepoints,
    };
    let (results, routed) = match alone {
        Alone::Ran(result, routed) => (vec![Ok(result)], routed),
        Alone::Refused(error) => {
            // Nothing of it may stay: the whole transaction goes, as a savepoint would.
            if let Err(e) = conn.execute("ROLLBACK").await {
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
                results.push(apply_one(conn, head, now, (routing, mail), cmd).await);
            }
            let routed = if routes {
                route_pass(conn, head, now, routing).await
            } else {
                Vec::new()
            };
            (results, routed)
        }
    };
    if let Err(e) = conn.execute("COMMIT").await {
        tracing::error!(error = %e, "commit failed; the batch is lost and refused");
        let _ = conn.execute("ROLLBACK").await;
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
        sink(events);
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
/// and the savepoints would cost four of a new chat's ~twenty round trips to SQLite's thread.
async fn run_alone(
    conn: &mut SqliteConnection,
    head: &mut Seq,
    now: i64,
    (routing, mail): (&RoutingConfig, Option<MailBatching>),
    cmd: &Cmd,
    routes: bool,
) -> Alone {
    let start = *head;
    let result = match apply::apply(conn, head, now, routing, mail, cmd).await {
        Ok(done) => done,
        Err(refused) => return Alone::Refused(refused),
    };
    if !routes {
        return Alone::Ran(result, Vec::new());
    }
    match apply::route_pass(conn, head, now, routing).await {
        Ok(routed) => Alone::Ran(result, routed),
        Err(e) => {
            tracing::warn!(error = %e, "routing pass failed; running the command alone");
            *head = start;
            let again = async {
                conn.execute("ROLLBACK").await?;
                conn.execute("BEGIN IMMEDIATE").await
            };
            match again.await {
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
async fn apply_one(
    conn: &mut SqliteConnection,
    head: &mut Seq,
    now: i64,
    (routing, mail): (&RoutingConfig, Option<MailBatching>),
    cmd: &Cmd,
) -> Result<(Reply, Vec<StoredEvent>), OpError> {
    let before = *head;
    conn.execute("SAVEPOINT cmd").await?;
    let result = apply::apply(conn, head, now, routing, mail, cmd).await;
    if result.is_err() {
        *head = before;
        conn.execute("ROLLBACK TO cmd").await?;
    }
    conn.execute("RELEASE cmd").await?;
    result
}

/// The routing pass after a batch, in its own savepoint: if it fails, the batch's commands
/// still commit and the chats simply keep waiting for the next pass.
async fn route_pass(
    conn: &mut SqliteConnection,
    head: &mut Seq,
    now: i64,
    routing: &RoutingConfig,
) -> Vec<StoredEvent> {
    let before = *head;
    let attempt = async {
        conn.execute("SAVEPOINT route").await?;
        let result = apply::route_pass(conn, head, now, routing).await;
        if result.is_err() {
            conn.execute("ROLLBACK TO route").await?;
        }
        conn.execute("RELEASE route").await?;
        result
    };
    match attempt.await {
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
