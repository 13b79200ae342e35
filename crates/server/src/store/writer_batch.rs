//! One batch of the writer: a transaction with each command in it (run bare first, command
//! ids not looked up; in a savepoint each, ids looked up, when one is refused), the routing
//! pass after them, the commit, then the fan-out of the committed events and the answers.

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, Seq};
use rusqlite::Connection;

use super::apply::{Ids, Policy};
use super::writer::{Job, Setup};
use super::{Cmd, OpError, Reply, StoredEvent, apply, now_ms, sql};
use crate::routing::RoutingConfig;

pub(super) fn commit_batch(conn: &Connection, batch: &mut Vec<Job>, head: &mut Seq, setup: &Setup) {
    let policy = Policy {
        routing: &setup.routing,
        mail: setup.mail,
        new_chats: setup.new_chats,
    };
    let routing = policy.routing;
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
    let (results, routed) = match run_plain(conn, head, now, policy, batch, routes) {
        Plain::Ran(done, routed) => (done.into_iter().map(Ok).collect(), routed),
        // One command without a command id: its refusal is final. (One with an id may be a
        // repeat, refused only because its id was not looked up: it runs again below.)
        Plain::Refused(error) if batch.len() == 1 && !batch[0].0.has_client_id() => {
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
        // A refusal among several commands (or of a client command), or a routing pass that
        // failed: the batch runs again from the start, each command in a savepoint of its own
        // and its id looked up first.
        Plain::Refused(_) | Plain::RoutingFailed => {
            *head = start;
            let again = sql::exec(conn, "ROLLBACK", [])
                .and_then(|_| sql::exec(conn, "BEGIN IMMEDIATE", []));
            if let Err(e) = again {
                tracing::error!(error = %e, "cannot begin a write transaction");
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Err(e_internal()));
                }
                return;
            }
            let mut results = Vec::with_capacity(batch.len());
            for (cmd, _) in batch.iter() {
                results.push(apply_one(conn, head, now, policy, cmd));
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

/// How a batch ran without savepoints.
enum Plain {
    /// Every command and the routing pass after them ran; commit.
    Ran(Vec<(Reply, Vec<StoredEvent>)>, Vec<StoredEvent>),
    /// A command was refused: what the batch wrote must be rolled back.
    Refused(OpError),
    /// The routing pass failed: what the batch wrote must be rolled back.
    RoutingFailed,
}

/// The batch's commands one after another with no savepoint between them and no lookup of
/// their ids, then the routing pass. A savepoint costs two statements and a copy of each page
/// a command touches first, a lookup a search of the ids' index, and almost every command is
/// accepted and new; so a batch runs bare, and only one with a refusal in it (a repeated id
/// among them) pays for savepoints and lookups, by running again (`commit_batch`).
fn run_plain(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    policy: Policy<'_>,
    batch: &[Job],
    routes: bool,
) -> Plain {
    let mut done = Vec::with_capacity(batch.len());
    for (cmd, _) in batch {
        match apply::apply(conn, head, now, policy, cmd, Ids::OnInsert) {
            Ok(result) => done.push(result),
            Err(refused) => return Plain::Refused(refused),
        }
    }
    if !routes {
        return Plain::Ran(done, Vec::new());
    }
    match apply::route_pass(conn, head, now, policy.routing) {
        Ok(routed) => Plain::Ran(done, routed),
        Err(e) => {
            tracing::warn!(error = %e, "routing pass failed; running the batch in savepoints");
            Plain::RoutingFailed
        }
    }
}

/// One command inside its own savepoint: refused commands leave no trace.
fn apply_one(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    policy: Policy<'_>,
    cmd: &Cmd,
) -> Result<(Reply, Vec<StoredEvent>), OpError> {
    let before = *head;
    sql::exec(conn, "SAVEPOINT cmd", [])?;
    let result = apply::apply(conn, head, now, policy, cmd, Ids::LookUp);
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

pub(super) fn e_internal() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server could not store this; nothing was saved",
    )
}
