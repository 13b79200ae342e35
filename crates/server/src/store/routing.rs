//! Routing in the database (rules in `crate::routing`): whether an operator may take a waiting
//! chat, the pass that gives waiting chats out in the automatic modes, and the fallback that
//! opens a department's chat to everyone.
//!
//! A department keeps its waiting chat while it is *reserved*: the chat names a configured
//! department, has waited less than `fallback_secs` since it was queued, and at least one of
//! that department's operators is online. Otherwise anyone online may take it.

use std::collections::HashSet;

use frontdesk_protocol::{
    Chat, ChatStatus, ErrorCode, ErrorReason, EventBody, OperatorInfo, OperatorRole,
};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};

use super::apply_operator::{accept, refs};
use super::emit::Tx;
use super::writer_rows::{chat_row, operator_row};
use super::{OpError, rows, sql, writer_rows};
use crate::routing::RoutingMode;

/// Waiting chats one routing pass looks at, oldest first.
const PASS_CHATS: i64 = 500;

/// Refuses `me` taking a waiting chat its department still keeps, or a chat beyond the cap.
pub fn may_take(tx: &mut Tx<'_>, chat: &Chat, me: &OperatorInfo) -> Result<(), OpError> {
    if chat.status == ChatStatus::Waiting
        && me.role != OperatorRole::Supervisor
        && let Some(key) = chat.department.as_deref()
        && !tx.routing.is_member(key, &me.name)
        && let Some(left_ms) = reserved_for(tx, chat.id, key)?
    {
        let secs = u64::try_from(left_ms / 1000).unwrap_or(0).max(1);
        let name = tx
            .routing
            .department(key)
            .map_or(key, |d| d.shown_name())
            .to_owned();
        return Err(OpError::new(
            ErrorCode::Forbidden,
            format!(
                "chat {} waits for {name} for {secs} s more: its operators come first",
                chat.id
            ),
        )
        .because(ErrorReason::HeldForDepartment {
            department: name,
            secs,
        }));
    }
    let max = tx.routing.max_chats;
    if max > 0 {
        let load = load(tx, me.id)?;
        if load >= i64::from(max) {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                format!("you have {load} active chats, the most allowed; close one first"),
            )
            .because(ErrorReason::TooManyChats { max }));
        }
    }
    Ok(())
}

/// Milliseconds department `key` still keeps chat `chat_id`; `None` when it is open to all.
fn reserved_for(tx: &mut Tx<'_>, chat_id: i64, key: &str) -> Result<Option<i64>, OpError> {
    if tx.routing.department(key).is_none() {
        return Ok(None);
    }
    let (open_to_all, queued_at): (bool, i64) = sql::row(
        tx.conn,
        "SELECT open_to_all, queued_at FROM chats WHERE id = ?",
        [chat_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?
    .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no chat {chat_id}")))?;
    let Some(left) = time_left(tx, open_to_all, queued_at) else {
        return Ok(None);
    };
    Ok(member_online(tx, key)?.then_some(left))
}

/// Milliseconds left of a department's hold on a chat queued at `queued_at`; `None` once it
/// is open to all or its time ran out.
fn time_left(tx: &Tx<'_>, open_to_all: bool, queued_at: i64) -> Option<i64> {
    let left = queued_at + tx.routing.fallback_ms() - tx.now;
    (!open_to_all && left > 0).then_some(left)
}

/// Someone of department `key` is online.
fn member_online(tx: &mut Tx<'_>, key: &str) -> Result<bool, OpError> {
    let logins = tx
        .routing
        .department(key)
        .map(|d| d.operators.clone())
        .unwrap_or_default();
    any_online(tx, &logins)
}

fn any_online(tx: &mut Tx<'_>, logins: &[String]) -> Result<bool, OpError> {
    if logins.is_empty() {
        return Ok(false);
    }
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM operators WHERE status = 'online' AND disabled = 0
         AND name IN ({}))",
        placeholders(logins.len())
    );
    sql::one(tx.conn, &sql, params_from_iter(logins))
}

/// Active chats an operator holds now.
fn load(tx: &mut Tx<'_>, operator_id: i64) -> Result<i64, OpError> {
    sql::one(
        tx.conn,
        "SELECT count(*) FROM chats WHERE operator_id = ? AND status = 'active'",
        [operator_id],
    )
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// A waiting chat as the routing pass reads it: the chat, and how its department keeps it.
struct Queued {
    chat: Chat,
    open_to_all: bool,
    queued_at: i64,
}

/// Gives waiting chats out, oldest first, in the automatic modes: each to the best online
/// operator who may take it and is below the cap. A group (a department, or everyone) found
/// full is skipped for the rest of the pass, so a long queue costs a query per group. The
/// usual case (a new chat, someone in its department has room) reads the queue once and picks
/// once.
pub fn route_waiting(tx: &mut Tx<'_>) -> Result<(), OpError> {
    if !tx.routing.automatic() {
        return Ok(());
    }
    let waiting: Vec<Queued> = sql::all(
        tx.conn,
        &format!(
            "SELECT {}, open_to_all, queued_at FROM chats WHERE status = 'waiting'
             ORDER BY queued_at, id LIMIT ?",
            rows::CHAT_COLUMNS
        ),
        [PASS_CHATS],
        |r| {
            Ok(Queued {
                chat: chat_row(r)?,
                open_to_all: r.get(9)?,
                queued_at: r.get(10)?,
            })
        },
    )?;
    // `None`: anyone online; `Some(key)`: that department's operators.
    let mut full: HashSet<Option<String>> = HashSet::new();
    for queued in waiting {
        let in_time = time_left(tx, queued.open_to_all, queued.queued_at).is_some();
        let chat = queued.chat;
        let mut group = chat
            .department
            .clone()
            .filter(|key| in_time && tx.routing.department(key).is_some());
        if full.contains(&group) {
            continue;
        }
        let mut choice = pick(tx, group.as_deref())?;
        // Nobody of the department has room: it keeps the chat only while one of them is
        // online; otherwise anyone may have it.
        if choice.is_none()
            && let Some(key) = group.clone()
        {
            if member_online(tx, &key)? {
                full.insert(Some(key));
                continue;
            }
            group = None;
            if full.contains(&group) {
                continue;
            }
            choice = pick(tx, None)?;
        }
        match choice {
            Some(operator) => assign(tx, &chat, &operator)?,
            // Nobody anywhere has room: no other chat can be placed either.
            None => return Ok(()),
        }
    }
    Ok(())
}

/// The operator the mode prefers among those online, in the group and below the cap.
fn pick(tx: &mut Tx<'_>, department: Option<&str>) -> Result<Option<OperatorInfo>, OpError> {
    let members = match department {
        Some(key) => match tx.routing.department(key) {
            Some(d) if !d.operators.is_empty() => Some(d.operators.clone()),
            _ => return Ok(None),
        },
        None => None,
    };
    let only = members
        .as_ref()
        .map(|m| format!("AND o.name IN ({})", placeholders(m.len())))
        .unwrap_or_default();
    let order = match tx.routing.mode {
        RoutingMode::LeastLoaded => "load, last_routed_seq, id",
        RoutingMode::RoundRobin | RoutingMode::Manual => "last_routed_seq, id",
    };
    let sql = format!(
        "SELECT {columns} FROM (
            SELECT o.*,
                (SELECT count(*) FROM chats c WHERE c.operator_id = o.id AND c.status = 'active')
                AS load
            FROM operators o WHERE o.status = 'online' AND o.disabled = 0 {only}
         ) WHERE ? = 0 OR load < ? ORDER BY {order} LIMIT 1",
        columns = rows::OPERATOR_COLUMNS
    );
    let max = Value::Integer(i64::from(tx.routing.max_chats));
    let values = members
        .iter()
        .flatten()
        .map(|login| Value::Text(login.clone()))
        .chain([max.clone(), max]);
    sql::row(tx.conn, &sql, params_from_iter(values), operator_row)
}

/// Routing's choice takes the chat, as if the operator had accepted it.
fn assign(tx: &mut Tx<'_>, chat: &Chat, operator: &OperatorInfo) -> Result<(), OpError> {
    let seq = accept(tx, chat, operator, true)?;
    sql::exec(
        tx.conn,
        "UPDATE operators SET last_routed_seq = ? WHERE id = ?",
        params![seq.map_or(i64::MAX, sql::seq_column), operator.id],
    )?;
    Ok(())
}

/// Chats a department kept past `fallback_secs`: now open to every online operator, each
/// told with a `chat_unclaimed` event.
pub fn open_expired(tx: &mut Tx<'_>) -> Result<(), OpError> {
    if tx.routing.departments.is_empty() {
        return Ok(());
    }
    let due: Vec<(i64, String)> = sql::all(
        tx.conn,
        "SELECT id, department FROM chats WHERE status = 'waiting' AND department IS NOT NULL
         AND open_to_all = 0 AND queued_at <= ? ORDER BY queued_at, id LIMIT ?",
        params![tx.now - tx.routing.fallback_ms(), PASS_CHATS],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (chat_id, department) in due {
        sql::exec(
            tx.conn,
            "UPDATE chats SET open_to_all = 1 WHERE id = ?",
            [chat_id],
        )?;
        let Some(chat) = writer_rows::chat(tx.conn, chat_id)? else {
            continue;
        };
        tx.emit(
            EventBody::ChatUnclaimed {
                chat_id,
                department,
            },
            refs(&chat, None),
            None,
        )?;
    }
    Ok(())
}
