//! Dispatches a writer command to its handler, with command-id idempotency around it.

use frontdesk_protocol::{ErrorCode, OperatorRole, Seq};
use sqlx::SqliteConnection;

use super::emit::Tx;
use super::{Ack, Actor, ClientCommand, Cmd, MailBatching, OpError, Reply, StoredEvent};
use super::{
    apply_operator, apply_visitor, chat_facts, expiry, invitations, mail_outbox, routing, visits,
};
use crate::routing::RoutingConfig;

pub(super) async fn apply(
    conn: &mut SqliteConnection,
    head: &mut Seq,
    now: i64,
    routing: &RoutingConfig,
    mail: Option<MailBatching>,
    cmd: &Cmd,
) -> Result<(Reply, Vec<StoredEvent>), OpError> {
    let mut tx = Tx::new(conn, head, now, routing);
    tx.mail = mail;
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
            let seen = apply_visitor::Seen {
                site,
                language,
                user_agent,
                ip,
                city,
                region,
            };
            Reply::Visitor(
                apply_visitor::hello(&mut tx, token.as_deref(), &seen, *may_create).await?,
            )
        }
        Cmd::Visitor(c) => {
            let actor = Actor::Visitor(c.actor_id);
            Reply::Ack(match seen_before(&mut tx, actor, c).await? {
                Some(ack) => ack,
                None => {
                    visits::active(&mut tx, c.actor_id).await?;
                    let ack =
                        apply_visitor::action(&mut tx, c.actor_id, &c.client_id, &c.action).await?;
                    remember(&mut tx, actor, c, ack).await?
                }
            })
        }
        Cmd::Operator(c) => {
            let actor = Actor::Operator(c.actor_id);
            Reply::Ack(match seen_before(&mut tx, actor, c).await? {
                Some(ack) => ack,
                None => {
                    let ack = apply_operator::action(&mut tx, c.actor_id, &c.client_id, &c.action)
                        .await?;
                    remember(&mut tx, actor, c, ack).await?
                }
            })
        }
        Cmd::Presence {
            operator_id,
            status,
        } => {
            apply_operator::set_status(&mut tx, *operator_id, *status).await?;
            Reply::Done
        }
        Cmd::CreateSession {
            operator_id,
            token_hash,
            expires_at,
        } => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, operator_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            )
            .bind(token_hash)
            .bind(operator_id)
            .bind(tx.now)
            .bind(expires_at)
            .execute(&mut *tx.conn)
            .await?;
            Reply::Done
        }
        Cmd::DeleteSession { token_hash } => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
                .bind(token_hash)
                .execute(&mut *tx.conn)
                .await?;
            Reply::Done
        }
        Cmd::AddOperator {
            name,
            display_name,
            password_hash,
            role,
        } => {
            let role = match role {
                OperatorRole::Operator => "operator",
                OperatorRole::Supervisor => "supervisor",
            };
            let id = sqlx::query_scalar(
                "INSERT INTO operators (name, display_name, password_hash, role, created_at)
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(name)
            .bind(display_name)
            .bind(password_hash)
            .bind(role)
            .bind(tx.now)
            .fetch_one(&mut *tx.conn)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => OpError::new(
                    ErrorCode::Conflict,
                    format!("an operator named `{name}` already exists"),
                ),
                other => other.into(),
            })?;
            Reply::Id(id)
        }
        Cmd::ResetPresence => {
            apply_operator::reset_presence(&mut tx).await?;
            // Nobody is on the site after a restart: no invitation is shown any more.
            invitations::lapse(&mut tx, None).await?;
            Reply::Done
        }
        Cmd::Invite(request) => invitations::invite(&mut tx, request).await?,
        Cmd::LapseInvitation { visitor_id } => {
            invitations::lapse(&mut tx, Some(*visitor_id)).await?;
            Reply::Done
        }
        Cmd::ExpireVisitors {
            after_id,
            window,
            seen_before,
        } => expiry::sweep(&mut tx, *after_id, *window, *seen_before).await?,
        Cmd::RouteTick => {
            routing::open_expired(&mut tx).await?;
            Reply::Done
        }
        Cmd::StoreChatFacts(batch) => chat_facts::apply(&mut tx, batch).await?,
        Cmd::MailOutcome { mail_id, outcome } => {
            mail_outbox::record(&mut tx, *mail_id, outcome).await?
        }
    };
    tx.flush().await?;
    Ok((reply, tx.events))
}

/// After a batch in an automatic routing mode: gives waiting chats out, when the batch may
/// have changed who waits or who has room (see [`Cmd::may_route`]).
pub(super) async fn route_pass(
    conn: &mut SqliteConnection,
    head: &mut Seq,
    now: i64,
    routing: &RoutingConfig,
) -> Result<Vec<StoredEvent>, OpError> {
    let mut tx = Tx::new(conn, head, now, routing);
    routing::route_waiting(&mut tx).await?;
    tx.flush().await?;
    Ok(tx.events)
}

/// The first answer to this actor's command id, if it was used before: the same answer for
/// the same body, a conflict for a different one. `None`: a new command.
async fn seen_before<A>(
    tx: &mut Tx<'_>,
    actor: Actor,
    cmd: &ClientCommand<A>,
) -> Result<Option<Ack>, OpError> {
    let seen: Option<(String, String)> = sqlx::query_as(
        "SELECT body_hash, response FROM commands WHERE actor = ? AND client_id = ?",
    )
    .bind(actor.key())
    .bind(&cmd.client_id)
    .fetch_optional(&mut *tx.conn)
    .await?;
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
        .map_err(|e| OpError::new(ErrorCode::Internal, e.to_string()))
}

/// Records the answer to a new command id, in the same transaction as its effects.
async fn remember<A>(
    tx: &mut Tx<'_>,
    actor: Actor,
    cmd: &ClientCommand<A>,
    ack: Ack,
) -> Result<Ack, OpError> {
    let response = serde_json::to_string(&ack)
        .map_err(|e| OpError::new(ErrorCode::Internal, e.to_string()))?;
    sqlx::query(
        "INSERT INTO commands (actor, client_id, body_hash, response, ts) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(actor.key())
    .bind(&cmd.client_id)
    .bind(&cmd.body_hash)
    .bind(response)
    .bind(tx.now)
    .execute(&mut *tx.conn)
    .await?;
    Ok(ack)
}
