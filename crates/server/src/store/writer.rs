//! The single writer: one write connection, and commands batched into its transactions.
//!
//! There is no writer thread to hand commands to. A caller queues its command and, if the
//! connection is free, leads: it takes the whole queue (its own command and whatever others
//! queued meanwhile) as one batch, commits it and answers every caller, and goes on while
//! more is queued. A caller that finds the connection busy just waits for its answer; the
//! leader takes its command in the next batch. So writes are still one at a time and a burst
//! still shares a commit, but an uncontended command is stored on the thread that received
//! it, with no hand-off to another thread and back: each hand-off was a wake-up of a sleeping
//! thread, the largest cost per message (docs/benchmarks.md, "Server CPU per stored message").
//!
//! Under steady load the batches are held together on purpose: a quick command that comes
//! within `commit_window` of the last commit waits for the window to end, and one timer task
//! then leads everything that came meanwhile as one batch. Most of a commit's cost (the WAL
//! frames of the pages it changed, the locks, the end of the transaction) is per batch, so at
//! 500 messages a second the default 25 ms window stores about twelve per commit. A command
//! that finds the writer quiet for longer than the window is committed at once: at a low rate
//! nothing waits. Acknowledged still means committed: each answer follows its batch's commit.
//! While commands wait for the window, consoles that pack their events are not told a burst
//! paused before that commit (`routes/packer.rs`, [`Writer::commit_due`]): a quiet gap
//! between two commits is not the end of a flood.
//!
//! Leading happens on a runtime thread only for quick commands with `synchronous = normal`
//! (a commit then writes to the WAL without waiting for the disk). Commands that may take
//! long (expiry, prune, presence reset, statistics facts), in an automatic routing mode those that
//! may route (a routing pass and its fan-out to the whole team), and every command with
//! `synchronous = full` (an fsync per commit) are led from the blocking pool instead, so
//! sockets never wait behind them. So is the checkpoint that restarts the WAL (it waits for
//! the disk): a runtime leader that finds one due hands the connection to the blocking pool,
//! which restarts the WAL. After either, quick commands that queued meanwhile go back to the
//! runtime and its window ([`Shared::hand_back`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::Duration;

use tokio::time::Instant;

use frontdesk_protocol::{ErrorCode, Seq};
use rusqlite::Connection;
use tokio::sync::oneshot;

use super::writer_batch::{commit_batch, e_internal};
use super::{Cmd, MailBatching, OpError, Reply, StoredEvent};
use crate::routing::RoutingConfig;

/// Receives the events of each committed batch, in `seq` order, before callers get answers.
pub type CommitSink = Arc<dyn Fn(Vec<Arc<StoredEvent>>) + Send + Sync>;

pub(super) type Answer = Result<Reply, OpError>;

/// A queued command and where its answer goes.
pub(super) type Job = (Cmd, oneshot::Sender<Answer>);

/// Handle to the writer. Cheap to clone.
#[derive(Clone)]
pub struct Writer {
    shared: Arc<Shared>,
}

struct Shared {
    /// Commands waiting for a leader. Bounded by its callers: each waits for its answer,
    /// and the sockets bound the commands each of them has in flight.
    queue: Mutex<Queue>,
    /// The connection, held by the leader for a batch; `None` once closed.
    conn: Mutex<Option<Conn>>,
    /// Whether a quick command may be led on a runtime thread (`synchronous = normal`).
    lead_on_runtime: bool,
    /// An automatic routing mode: a command that may route ends its batch with a routing
    /// pass and its fan-out to every console of the team, so it is led off the runtime.
    routing_passes: bool,
    max_batch: usize,
    /// How long after a commit quick commands wait to share the next one; zero: never.
    commit_window: Duration,
    /// When the last batch was committed.
    last_commit: Mutex<Option<Instant>>,
    /// A timer task will lead the commands held back by the window.
    flush_due: AtomicBool,
}

#[derive(Default)]
struct Queue {
    jobs: std::collections::VecDeque<Job>,
    closed: bool,
}

struct Conn {
    conn: Connection,
    head: Seq,
    setup: Setup,
}

/// What a batch needs besides the connection and its `seq` head.
pub(super) struct Setup {
    pub sink: CommitSink,
    pub wal_full: Arc<AtomicBool>,
    pub routing: Arc<RoutingConfig>,
    pub mail: Option<MailBatching>,
    pub new_chats: super::NewChatLimits,
}

/// How the writer is set up; see [`Writer::start`].
pub(super) struct WriterOptions {
    pub max_batch: usize,
    /// `synchronous = full`: every commit waits for the disk, so never on a runtime thread.
    pub sync_full: bool,
    /// See the module's notes; applies to commands led on the runtime.
    pub commit_window: Duration,
}

fn shutting_down() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server is shutting down; nothing was stored",
    )
}

impl Writer {
    pub(super) fn start(
        conn: Connection,
        options: WriterOptions,
        setup: Setup,
    ) -> anyhow::Result<Self> {
        let head = head_of(&conn)?;
        let routing_passes = setup.routing.automatic();
        Ok(Self {
            shared: Arc::new(Shared {
                queue: Mutex::new(Queue::default()),
                conn: Mutex::new(Some(Conn { conn, head, setup })),
                lead_on_runtime: !options.sync_full,
                routing_passes,
                max_batch: options.max_batch.max(1),
                commit_window: options.commit_window,
                last_commit: Mutex::new(None),
                flush_due: AtomicBool::new(false),
            }),
        })
    }

    /// Runs a command; returns once it is committed (or refused).
    pub async fn run(&self, cmd: Cmd) -> Answer {
        let quick = self.shared.lead_on_runtime && self.shared.for_runtime(&cmd);
        let (reply, answer) = oneshot::channel();
        {
            let mut queue = self.shared.lock_queue();
            if queue.closed {
                return Err(shutting_down());
            }
            queue.jobs.push_back((cmd, reply));
        }
        if quick {
            self.shared.lead_or_hold();
        } else {
            let shared = self.shared.clone();
            tokio::task::spawn_blocking(move || shared.lead(false));
        }
        // Dropped unanswered: the batch panicked (the connection was recovered for the
        // next one) or the writer closed.
        answer.await.map_err(|_| e_internal())?
    }

    /// When the commands waiting now are committed, if any wait (held by the commit window,
    /// or queued behind a batch): their events are on the way. The packer asks before it
    /// calls a burst paused. Commands not held by the window are due now.
    pub fn commit_due(&self) -> Option<Instant> {
        if self.shared.lock_queue().jobs.is_empty() {
            return None;
        }
        let now = Instant::now();
        let last = *self
            .shared
            .last_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Some(last.map_or(now, |last| (last + self.shared.commit_window).max(now)))
    }

    /// Finishes what is queued, then closes the connection. Later commands are refused.
    pub async fn close(&self) {
        self.shared.lock_queue().closed = true;
        let shared = self.shared.clone();
        let _ = tokio::task::spawn_blocking(move || {
            // Waits for a leader that is in a batch, then stores what is left.
            let mut conn = shared.lock_conn();
            while let Some(batch) = shared.take_batch(false) {
                shared.commit(&mut conn, batch);
            }
            restart_wal(&mut conn);
            if let Some(Conn { conn, .. }) = conn.take() {
                conn.flush_prepared_statement_cache();
                if let Err((_, e)) = conn.close() {
                    tracing::warn!(error = %e, "closing the writer connection");
                }
            }
        })
        .await;
    }
}

impl Shared {
    fn lock_queue(&self) -> MutexGuard<'_, Queue> {
        // The queue is only pushed to and drained: nothing is half done if a holder panicked.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The connection, waiting for the leader; recovered if a batch panicked.
    fn lock_conn(&self) -> MutexGuard<'_, Option<Conn>> {
        self.conn.lock().unwrap_or_else(|poisoned| {
            self.conn.clear_poison();
            recover(poisoned.into_inner())
        })
    }

    /// Whether a runtime thread may run `cmd`: not one that may take long, nor (in an
    /// automatic routing mode) one whose batch ends with a routing pass.
    fn for_runtime(&self, cmd: &Cmd) -> bool {
        let routes = self.routing_passes && cmd.may_route();
        !(cmd.may_take_long() || routes)
    }

    /// Leads batches while commands are queued and nobody else leads.
    fn lead(self: &Arc<Self>, on_runtime: bool) {
        loop {
            let mut conn = match self.conn.try_lock() {
                Ok(guard) => guard,
                // Someone leads: they take this command in their next batch.
                Err(TryLockError::WouldBlock) => return,
                Err(TryLockError::Poisoned(poisoned)) => {
                    self.conn.clear_poison();
                    recover(poisoned.into_inner())
                }
            };
            match self.take_batch(on_runtime) {
                Some(batch) => {
                    self.commit(&mut conn, batch);
                    if !on_runtime {
                        restart_wal(&mut conn);
                        if self.lead_on_runtime {
                            drop(conn);
                            return self.hand_back();
                        }
                    } else if wal_restart_due(&conn) {
                        // The restart waits for the disk: the blocking pool does it, then
                        // what queued meanwhile goes where it belongs.
                        drop(conn);
                        let me = self.clone();
                        tokio::task::spawn_blocking(move || {
                            restart_wal(&mut me.lock_conn());
                            me.hand_back();
                        });
                        return;
                    } else if !self.commit_window.is_zero() {
                        // What queued meanwhile waits for the window, then goes as one batch.
                        drop(conn);
                        if !self.lock_queue().jobs.is_empty() {
                            self.lead_or_hold();
                        }
                        return;
                    }
                }
                None => {
                    drop(conn);
                    // A command queued after the batch was taken, before the connection
                    // was let go, found it busy: it is this leader's to take.
                    let queue = self.lock_queue();
                    let Some((next, _)) = queue.jobs.front() else {
                        return;
                    };
                    if on_runtime && !self.for_runtime(next) {
                        drop(queue);
                        let me = self.clone();
                        tokio::task::spawn_blocking(move || me.lead(false));
                        return;
                    }
                }
            }
        }
    }

    /// After the blocking pool's batch (or WAL restart), with quick commands allowed on the
    /// runtime: what queued meanwhile goes on where it belongs. Quick commands go back to the
    /// runtime and its commit window; a pool leader that kept taking them would, under steady
    /// load, commit each as it came (no window) and answer each across threads, a wake-up of
    /// the runtime per message. A long command stays in the pool. The connection is let go
    /// before the queue is read: a command queued earlier found it busy and is seen here, one
    /// queued later finds it free and leads itself.
    fn hand_back(self: &Arc<Self>) {
        let quick = match self.lock_queue().jobs.front() {
            None => return,
            Some((next, _)) => self.for_runtime(next),
        };
        if quick {
            self.lead_or_hold();
        } else {
            self.lead(false);
        }
    }

    /// Leads now, or, within the commit window after the last commit, leaves it to a timer
    /// task that leads when the window ends (one such task at a time).
    fn lead_or_hold(self: &Arc<Self>) {
        let due = self
            .last_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map(|last| last + self.commit_window)
            .filter(|due| *due > Instant::now());
        let Some(due) = due else {
            return self.lead(true);
        };
        if self.flush_due.swap(true, Ordering::AcqRel) {
            return; // the timer task takes this command too
        }
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep_until(due).await;
            me.flush_due.store(false, Ordering::Release);
            me.lead(true);
        });
    }

    /// The next batch: up to `max_batch` queued commands; on a runtime thread it stops
    /// before one that may take long. `None` when there is nothing to take.
    fn take_batch(&self, on_runtime: bool) -> Option<Vec<Job>> {
        let mut queue = self.lock_queue();
        let mut batch = Vec::new();
        while batch.len() < self.max_batch {
            match queue.jobs.front() {
                Some((cmd, _)) if on_runtime && !self.for_runtime(cmd) => break,
                Some(_) => batch.extend(queue.jobs.pop_front()),
                None => break,
            }
        }
        (!batch.is_empty()).then_some(batch)
    }

    fn commit(&self, conn: &mut Option<Conn>, mut batch: Vec<Job>) {
        let Some(Conn { conn, head, setup }) = conn else {
            for (_, reply) in batch {
                let _ = reply.send(Err(shutting_down()));
            }
            return;
        };
        commit_batch(conn, &mut batch, head, setup);
        *self
            .last_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
    }
}

/// The threads the WAL restarts ran on, for the test that none ran on the runtime.
#[cfg(test)]
static WAL_RESTART_THREADS: Mutex<Vec<std::thread::ThreadId>> = Mutex::new(Vec::new());

/// Whether the background checkpoint asked for the WAL to restart (`Store::checkpoint`).
fn wal_restart_due(conn: &Option<Conn>) -> bool {
    conn.as_ref()
        .is_some_and(|c| c.setup.wal_full.load(Ordering::Acquire))
}

/// Copies the WAL's last frames between two batches, if asked: the background pass copied
/// most of them, and finishing here, with no new ones arriving, lets the next transaction
/// restart the WAL at its beginning. It waits for the disk, so never on a runtime thread.
fn restart_wal(conn: &mut Option<Conn>) {
    let Some(Conn { conn, setup, .. }) = conn else {
        return;
    };
    if setup.wal_full.swap(false, Ordering::AcqRel) {
        #[cfg(test)]
        WAL_RESTART_THREADS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(std::thread::current().id());
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(error = %e, "writer-side checkpoint failed");
        }
    }
}

/// The connection after a batch panicked halfway: its transaction is rolled back and the
/// `seq` head read again, so the next batch starts clean. The panicked batch's callers got
/// no answer (their senders were dropped): nothing of it was committed.
fn recover(mut guard: MutexGuard<'_, Option<Conn>>) -> MutexGuard<'_, Option<Conn>> {
    if let Some(state) = guard.as_mut() {
        tracing::error!("a write batch panicked; rolling back and going on");
        if !state.conn.is_autocommit()
            && let Err(e) = state.conn.execute_batch("ROLLBACK")
        {
            tracing::error!(error = %e, "rolling back after a panic failed");
        }
        match head_of(&state.conn) {
            Ok(head) => state.head = head,
            Err(e) => tracing::error!(error = %e, "reading the event head after a panic failed"),
        }
    }
    guard
}

fn head_of(conn: &Connection) -> anyhow::Result<Seq> {
    let head: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?;
    Ok(Seq::try_from(head)?)
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
