//! One batch of the writer: a transaction with each command in it (in a savepoint when
//! there are several), the routing pass after them, the commit, then the fan-out of the
//! committed events and the answers.

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, Seq};
use rusqlite::Connection;

use super::writer::{Job, Setup};
use super::{Cmd, MailBatching, OpError, Reply, StoredEvent, apply, now_ms, sql};
use crate::routing::RoutingConfig;

pub(super) fn commit_batch(conn: &Connection, batch: &mut Vec<Job>, head: &mut Seq, setup: &Setup) {
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

pub(super) fn e_internal() -> OpError {
    OpError::new(
        ErrorCode::Internal,
        "the server could not store this; nothing was saved",
    )
}
