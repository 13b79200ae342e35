//! Dispatches a writer command to its handler, with command-id idempotency around it.

use frontdesk_protocol::{ErrorCode, Seq};
use rusqlite::{Connection, params};

use super::accounts::Change;
use super::emit::Tx;
use super::sql;
use super::{
    Ack, Actor, ClientCommand, Cmd, MailBatching, NewChatLimits, OpError, Reply, StoredEvent,
};
use super::{
    accounts, apply_hello, apply_operator, apply_visitor, chat_facts, expiry, invitations,
    mail_outbox, presence, prune, quiet_close, release, routing, visits,
};
use crate::routing::RoutingConfig;

/// How a client command's id is checked against the ids remembered (`commands`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ids {
    /// Looked up before the command runs: a repeat gets its first answer, a different command
    /// under a used id a conflict. A batch's second run, in savepoints, does this.
    LookUp,
    /// Not looked up: a repeat runs and is then refused by the unique index as its id is
    /// remembered, and the batch runs again with [`Ids::LookUp`]. Almost every id is new, so
    /// the bare first run saves a lookup a command (`writer_batch.rs`).
    OnInsert,
}

/// The server's rules a command is applied under, besides the data.
#[derive(Debug, Clone, Copy)]
pub(super) struct Policy<'a> {
    pub routing: &'a RoutingConfig,
    pub mail: Option<MailBatching>,
    pub new_chats: NewChatLimits,
}

pub(super) fn apply(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    policy: Policy<'_>,
    cmd: &Cmd,
    ids: Ids,
) -> Result<(Reply, Vec<StoredEvent>), OpError> {
    let mut tx = Tx::new(conn, head, now, policy.routing);
    tx.mail = policy.mail;
    tx.new_chats = policy.new_chats;
    let reply = match cmd {
        Cmd::VisitorHello {
            token,
            site,
            language,
            user_agent,
            ip,
            city,
            region,
            may_create,
        } => {
            let seen = apply_hello::Seen {
                site,
                language,
                user_agent,
                ip,
                city,
                region,
            };
            Reply::Visitor(apply_hello::hello(
                &mut tx,
                token.as_deref(),
                &seen,
                *may_create,
            )?)
        }
        Cmd::Visitor(c) => {
            let actor = Actor::Visitor(c.actor_id);
            Reply::Ack(match seen_before(&mut tx, actor, c, ids)? {
                Some(ack) => ack,
                None => {
                    let name = visits::active(&mut tx, c.actor_id)?;
                    let visitor = apply_visitor::Visitor {
                        id: c.actor_id,
                        name,
                    };
                    let ack = apply_visitor::action(&mut tx, &visitor, &c.client_id, &c.action)?;
                    remember(&mut tx, actor, c, ack)?
                }
            })
        }
        Cmd::Operator(c) => {
            let actor = Actor::Operator(c.actor_id);
            Reply::Ack(match seen_before(&mut tx, actor, c, ids)? {
                Some(ack) => ack,
                None => {
                    let ack = apply_operator::action(&mut tx, c.actor_id, &c.client_id, &c.action)?;
                    remember(&mut tx, actor, c, ack)?
                }
            })
        }
        Cmd::Presence {
            operator_id,
            status,
            release_chats,
        } => {
            apply_operator::set_status(&mut tx, *operator_id, *status)?;
            if *release_chats {
                release::release_chats(&mut tx, *operator_id)?;
            }
            Reply::Done
        }
        Cmd::CreateSession {
            operator_id,
            token_hash,
            expires_at,
        } => {
            sql::exec(
                tx.conn,
                "INSERT INTO sessions (token_hash, operator_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                params![token_hash, operator_id, tx.now, expires_at],
            )?;
            Reply::Done
        }
        Cmd::DeleteSession { token_hash } => {
            sql::exec(
                tx.conn,
                "DELETE FROM sessions WHERE token_hash = ?",
                [token_hash],
            )?;
            Reply::Done
        }
        Cmd::AddOperator {
            name,
            display_name,
            password_hash,
            role,
        } => accounts::add(&mut tx, name, display_name, password_hash, *role)?,
        Cmd::SetOperatorPassword {
            name,
            password_hash,
        } => accounts::change(&mut tx, name, Change::Password(password_hash))?,
        Cmd::SetOperatorDisabled { name, disabled } => {
            accounts::change(&mut tx, name, Change::Disabled(*disabled))?
        }
        Cmd::SetOperatorRole { name, role } => {
            accounts::change(&mut tx, name, Change::Role(*role))?
        }
        Cmd::SetOperatorDisplayName { name, display_name } => {
            accounts::change(&mut tx, name, Change::DisplayName(display_name))?
        }
        Cmd::TellAccount { operator_id } => super::roster::tell(&mut tx, *operator_id)?,
        Cmd::ResetPresence => {
            apply_operator::reset_presence(&mut tx)?;
            // Nobody is on the site after a restart: no invitation is shown any more, and
            // every open chat's visitor is gone until their widget connects again.
            invitations::lapse(&mut tx, None)?;
            presence::all_visitors_gone(&mut tx)?;
            Reply::Holding(release::holders(&mut tx)?)
        }
        Cmd::Invite(request) => invitations::invite(&mut tx, request)?,
        Cmd::LapseInvitation { visitor_id } => {
            invitations::lapse(&mut tx, Some(*visitor_id))?;
            Reply::Done
        }
        Cmd::VisitorGone { chat_id, left_at } => {
            presence::visitor_gone(&mut tx, *chat_id, *left_at)?;
            Reply::Done
        }
        Cmd::VisitorAwayWhenTaken { chat_id } => {
            presence::away_when_taken(&mut tx, *chat_id)?;
            Reply::Done
        }
        Cmd::ExpireVisitors {
            after_id,
            window,
            seen_before,
        } => expiry::sweep(&mut tx, *after_id, *window, *seen_before)?,
        Cmd::Prune(order) => prune::apply(&mut tx, order)?,
        Cmd::RouteTick => {
            routing::open_expired(&mut tx)?;
            Reply::Done
        }
        Cmd::CloseQuiet(rule) => Reply::Id(quiet_close::close_quiet(&mut tx, *rule)?),
        Cmd::StoreChatFacts(batch) => chat_facts::apply(&mut tx, batch)?,
        Cmd::MailOutcome { mail_id, outcome } => mail_outbox::record(&mut tx, *mail_id, outcome)?,
    };
    Ok((reply, tx.events))
}

/// After a batch in an automatic routing mode: gives waiting chats out, when the batch may
/// have changed who waits or who has room (see [`Cmd::may_route`]).
pub(super) fn route_pass(
    conn: &Connection,
    head: &mut Seq,
    now: i64,
    routing: &RoutingConfig,
) -> Result<Vec<StoredEvent>, OpError> {
    let mut tx = Tx::new(conn, head, now, routing);
    routing::route_waiting(&mut tx)?;
    Ok(tx.events)
}

/// The first answer to this actor's command id, if it was used before: the same answer for
/// the same body, a conflict for a different one. `None`: a new command (or, with
/// [`Ids::OnInsert`], not looked up).
fn seen_before<A>(
    tx: &mut Tx<'_>,
    actor: Actor,
    cmd: &ClientCommand<A>,
    ids: Ids,
) -> Result<Option<Ack>, OpError> {
    if ids == Ids::OnInsert {
        return Ok(None);
    }
    let seen: Option<(String, String)> = sql::row(
        tx.conn,
        "SELECT body_hash, response FROM commands WHERE actor = ? AND client_id = ?",
        params![actor.key(), cmd.client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((hash, response)) = seen else {
        return Ok(None);
    };
    if hash != cmd.body_hash {
        return Err(OpError::new(
            ErrorCode::Conflict,
            format!(
                "command id `{}` was already used for a different command",
                cmd.client_id
            ),
        ));
    }
    serde_json::from_str(&response)
        .map(Some)
        .map_err(OpError::json)
}

/// Keeps a command id's answer; run for every client command (see `plan_tests.rs`).
pub(super) const REMEMBER_COMMAND: &str =
    "INSERT INTO commands (actor, client_id, body_hash, response, ts) VALUES (?, ?, ?, ?, ?)";

/// Records the answer to a new command id, in the same transaction as its effects.
fn remember<A>(
    tx: &mut Tx<'_>,
    actor: Actor,
    cmd: &ClientCommand<A>,
    ack: Ack,
) -> Result<Ack, OpError> {
    let response = serde_json::to_string(&ack).map_err(OpError::json)?;
    tx.conn
        .prepare_cached(REMEMBER_COMMAND)?
        .execute(params![
            actor.key(),
            cmd.client_id,
            cmd.body_hash,
            response,
            tx.now
        ])
        .map_err(|e| {
            // A repeat not looked up first (`Ids::OnInsert`): refused quietly, and the batch's
            // second run answers it from memory.
            if sql::is_unique_violation(&e) {
                OpError::new(ErrorCode::Conflict, "command id seen before")
            } else {
                e.into()
            }
        })?;
    Ok(ack)
}
