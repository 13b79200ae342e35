//! Bans: made and lifted through the writer, checked where a visitor says `hello` and where a
//! new chat would start, listed from the readers.
//!
//! A ban is in force while it is not lifted and its `until` is ahead of the writer's clock (the
//! server's real time in ms, one value per batch), so one that runs out needs no pass of any
//! timer: the next check simply finds none.

use std::net::IpAddr;

use frontdesk_protocol::{
    Ban, Chat, ErrorCode, ErrorReason, EventBody, MAX_BANS_PAGE, Millis, OperatorInfo,
    OperatorRole, Replies, VisitorOut,
};
use rusqlite::params;
use sqlx::FromRow;

use super::emit::{Refs, Tx};
use super::rows::CHAT_COLUMNS;
use super::writer_rows::{self, chat_row};
use super::{Ack, OpError, ReadError, Store, lifecycle, now_ms, sql};
use crate::limits::network_of;

/// What a banned visitor is told: nothing of the reason.
pub const BANNED_MESSAGE: &str = "the chat is not available to you";

/// The rows of `bans` in force at `?` (the clock).
const IN_FORCE: &str = "lifted_at IS NULL AND (until IS NULL OR until > ?)";

/// The key an address is banned under: an IPv4 address, or the first address of an IPv6 /64
/// (one user gets a whole /64, as for the rate limits).
pub fn network_key(ip: &str) -> Option<String> {
    ip.parse::<IpAddr>()
        .ok()
        .map(|ip| network_of(ip).to_string())
}

fn banned() -> OpError {
    OpError::new(ErrorCode::Banned, BANNED_MESSAGE)
}

/// Refuses (`banned`) when a ban in force names this visitor or the network of `ip`.
pub fn refuse_if_banned(
    tx: &mut Tx<'_>,
    visitor_id: Option<i64>,
    ip: Option<&str>,
) -> Result<(), OpError> {
    let key = ip.and_then(network_key);
    if visitor_id.is_none() && key.is_none() {
        return Ok(());
    }
    let found: Option<i64> = sql::opt(
        tx.conn,
        &format!("SELECT id FROM bans WHERE {IN_FORCE} AND (visitor_id = ? OR ip = ?) LIMIT 1"),
        params![tx.now, visitor_id, key],
    )?;
    match found {
        Some(_) => Err(banned()),
        None => Ok(()),
    }
}

/// The address the visitor last connected from, if known.
pub fn visitor_ip(tx: &Tx<'_>, visitor_id: i64) -> Result<Option<String>, OpError> {
    Ok(sql::opt::<Option<String>>(
        tx.conn,
        "SELECT ip FROM visitors WHERE id = ?",
        [visitor_id],
    )?
    .flatten())
}

/// What `ban` asks for, bounds already checked by the socket.
#[derive(Debug, Clone)]
pub struct BanRequest {
    pub chat_id: i64,
    pub duration_secs: u32,
    pub reason: String,
    pub by_ip: bool,
}

/// Bans the visitor of a chat: closes their open chats, stores the ban and its event, whose
/// visitor frame (`error` `banned`) closes their sockets (see the hub).
pub fn ban(tx: &mut Tx<'_>, me: &OperatorInfo, req: &BanRequest) -> Result<Ack, OpError> {
    let chat = writer_rows::chat(tx.conn, req.chat_id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no chat {}", req.chat_id)))?;
    // A chat that is yours or nobody's; a supervisor, any chat.
    let mine_or_nobodys = chat.operator_id.is_none_or(|id| id == me.id);
    if !mine_or_nobodys && me.role != OperatorRole::Supervisor {
        return Err(super::apply_operator::not_yours(&chat));
    }
    let visitor_id = chat.visitor_id;
    let already: Option<i64> = sql::opt(
        tx.conn,
        &format!("SELECT id FROM bans WHERE {IN_FORCE} AND visitor_id = ? LIMIT 1"),
        params![tx.now, visitor_id],
    )?;
    if let Some(ban_id) = already {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("visitor {visitor_id} is already banned (ban {ban_id}); lift it first"),
        )
        .because(ErrorReason::AlreadyBanned));
    }
    let ip = if req.by_ip {
        let ip = visitor_ip(tx, visitor_id)?;
        Some(ip.as_deref().and_then(network_key).ok_or_else(|| {
            OpError::new(
                ErrorCode::InvalidState,
                format!("the address of visitor {visitor_id} is not known"),
            )
            .because(ErrorReason::AddressUnknown)
        })?)
    } else {
        None
    };
    for open in open_chats(tx, visitor_id)? {
        lifecycle::close(tx, &open, lifecycle::ClosedBy::Operator(me))?;
    }
    let until = tx.now + Millis::from(req.duration_secs) * 1000;
    let ban_id: i64 = sql::insert(
        tx.conn,
        "INSERT INTO bans (visitor_id, ip, reason, operator_id, created_at, until, chat_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        params![visitor_id, ip, req.reason, me.id, tx.now, until, chat.id],
    )?;
    let ban = Ban {
        id: ban_id,
        visitor_id,
        chat_id: Some(chat.id),
        by_ip: ip.is_some(),
        reason: req.reason.clone(),
        operator_id: me.id,
        created_at: tx.now,
        until,
    };
    let to_visitor = VisitorOut::error(None, ErrorCode::Banned, BANNED_MESSAGE.into(), None, None);
    let seq = tx.emit(
        EventBody::VisitorBanned { ban },
        Refs {
            chat_id: Some(chat.id),
            visitor_id: Some(visitor_id),
            operator_id: Some(me.id),
        },
        Some((visitor_id, to_visitor)),
    )?;
    Ok(Ack {
        seq: Some(seq),
        chat_id: Some(chat.id),
        message_id: None,
    })
}

/// Every open chat of a visitor: the waiting or active one, and offline messages.
fn open_chats(tx: &mut Tx<'_>, visitor_id: i64) -> Result<Vec<Chat>, OpError> {
    sql::all(
        tx.conn,
        &format!(
            "SELECT {CHAT_COLUMNS} FROM chats
             WHERE visitor_id = ? AND status IN ('waiting', 'active', 'offline') ORDER BY id"
        ),
        [visitor_id],
        chat_row,
    )
}

/// Lifts a ban in force (supervisors).
pub fn unban(tx: &mut Tx<'_>, me: &OperatorInfo, ban_id: i64) -> Result<Ack, OpError> {
    if me.role != OperatorRole::Supervisor {
        return Err(
            OpError::new(ErrorCode::Forbidden, "only a supervisor may lift a ban")
                .because(ErrorReason::SupervisorOnly),
        );
    }
    let row: Option<(i64, bool)> = sql::row(
        tx.conn,
        &format!("SELECT COALESCE(visitor_id, 0), {IN_FORCE} FROM bans WHERE id = ?"),
        params![tx.now, ban_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((visitor_id, in_force)) = row else {
        return Err(OpError::new(
            ErrorCode::NotFound,
            format!("no ban {ban_id}"),
        ));
    };
    if !in_force {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("ban {ban_id} is no longer in force"),
        )
        .because(ErrorReason::BanEnded));
    }
    sql::exec(
        tx.conn,
        "UPDATE bans SET lifted_at = ?, lifted_by = ? WHERE id = ?",
        params![tx.now, me.id, ban_id],
    )?;
    let seq = tx.emit(
        EventBody::VisitorUnbanned {
            ban_id,
            visitor_id,
            operator_id: me.id,
        },
        Refs {
            visitor_id: Some(visitor_id),
            operator_id: Some(me.id),
            ..Refs::default()
        },
        None,
    )?;
    Ok(Ack {
        seq: Some(seq),
        ..Ack::default()
    })
}

#[derive(FromRow)]
struct BanRow {
    id: i64,
    visitor_id: Option<i64>,
    chat_id: Option<i64>,
    by_ip: bool,
    reason: Option<String>,
    operator_id: Option<i64>,
    created_at: i64,
    until: Option<i64>,
}

impl From<BanRow> for Ban {
    fn from(r: BanRow) -> Self {
        Self {
            id: r.id,
            visitor_id: r.visitor_id.unwrap_or_default(),
            chat_id: r.chat_id,
            by_ip: r.by_ip,
            reason: r.reason.unwrap_or_default(),
            operator_id: r.operator_id.unwrap_or_default(),
            created_at: r.created_at,
            until: r.until.unwrap_or(Millis::MAX),
        }
    }
}

impl Store {
    /// Bans in force, newest first, below the ban id `before`; and whether more follow.
    pub async fn bans_in_force(&self, before: Option<i64>) -> Result<(Vec<Ban>, bool), ReadError> {
        let mut rows: Vec<BanRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, visitor_id, chat_id, ip IS NOT NULL AS by_ip, reason, operator_id,
                    created_at, until
             FROM bans WHERE {IN_FORCE} AND id < ? ORDER BY id DESC LIMIT ?"
        )))
        .bind(now_ms())
        .bind(before.unwrap_or(i64::MAX))
        .bind(MAX_BANS_PAGE + 1)
        .fetch_all(&self.readers)
        .await?;
        let more = rows.len() > MAX_BANS_PAGE as usize;
        rows.truncate(MAX_BANS_PAGE as usize);
        Ok((rows.into_iter().map(Ban::from).collect(), more))
    }
}
