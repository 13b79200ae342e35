//! What visitor commands do to the database, and the events they leave.

use frontdesk_protocol::{
    Author, Chat, ChatStatus, ErrorCode, EventBody, MAX_EXTRA_FIELDS, MessageKind, PrechatFields,
    Role, SystemEvent,
};

use rusqlite::params;

use super::emit::{Refs, Tx};
use super::rows::{self, CHAT_COLUMNS, PAGES_KEPT};
use super::writer_rows::{self, chat_row};
use super::{Ack, NewFile, OpError, VisitorAction, sql};
use super::{bans, chat_starts, customers, invitations, lifecycle, ratings, seen};
use crate::referrer;

/// The visitor a command comes from, with the name when it was already read
/// (`visits::active` reads it on the way; `None`: read it when needed).
pub struct Visitor {
    pub id: i64,
    pub name: Option<Option<String>>,
}

pub fn action(
    tx: &mut Tx<'_>,
    visitor: &Visitor,
    client_id: &str,
    action: &VisitorAction,
) -> Result<Ack, OpError> {
    let visitor_id = visitor.id;
    // The name as it is now: read before this command, or by `start` when it opens a chat
    // (which it reads anyway). Only `Prechat` and `Offline` change it, and neither uses this.
    let known_name = |started: Option<Option<String>>| started.or_else(|| visitor.name.clone());
    let refs = Refs {
        visitor_id: Some(visitor_id),
        ..Refs::default()
    };
    match action {
        VisitorAction::PageView {
            url,
            title,
            referrer: from,
            search_query,
        } => {
            let search = search_query
                .clone()
                .or_else(|| from.as_deref().and_then(referrer::search_query));
            sql::exec(
                tx.conn,
                "INSERT INTO page_views (visitor_id, url, title, referrer, search_query, ts)
                 VALUES (?, ?, ?, ?, ?, ?)",
                params![visitor_id, url, title, from, search, tx.now],
            )?;
            sql::exec(tx.conn, TRIM_PAGE_VIEWS, params![visitor_id, OLDEST_KEPT])?;
            // The referrer and search of the visit are those of its first external page.
            let external = from
                .as_deref()
                .is_some_and(|r| !referrer::same_site(r, url));
            sql::exec(
                tx.conn,
                "UPDATE visitors SET last_seen = ?,
                    referrer = CASE WHEN ? THEN ? ELSE referrer END,
                    search_query = CASE WHEN ? AND ? IS NOT NULL THEN ? ELSE search_query END
                 WHERE id = ?",
                params![tx.now, external, from, external, search, search, visitor_id],
            )?;
            let page = frontdesk_protocol::PageView {
                url: url.clone(),
                title: title.clone(),
                referrer: from.clone(),
                search_query: search,
                ts: tx.now,
            };
            let seq = tx.emit(EventBody::PageViewed { visitor_id, page }, refs, None)?;
            Ok(Ack {
                seq: Some(seq),
                ..Ack::default()
            })
        }
        VisitorAction::Identify(customer_id) => customers::identify(tx, visitor_id, customer_id),
        VisitorAction::Rate {
            chat_id,
            rating,
            comment,
        } => ratings::rate(tx, visitor_id, *chat_id, *rating, comment.as_deref()),
        VisitorAction::Seen(message_id) => seen::seen(tx, visitor_id, *message_id),
        VisitorAction::Prechat(fields) => {
            let seq = update_fields(tx, visitor_id, fields)?;
            Ok(Ack {
                seq: Some(seq),
                ..Ack::default()
            })
        }
        VisitorAction::StartChat { text, department } => {
            let (chat, name) =
                open_or_start(tx, visitor_id, department.as_deref(), ChatStatus::Waiting)?;
            let mut ack = Ack {
                chat_id: Some(chat.id),
                ..Ack::default()
            };
            if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
                let author = Named {
                    visitor_id,
                    name: known_name(name),
                };
                let (seq, message_id) = post(tx, &chat, author, text, client_id, None)?;
                ack.seq = Some(seq);
                ack.message_id = Some(message_id);
            }
            Ok(ack)
        }
        VisitorAction::Message(text) => {
            let (chat, name) = open_or_start(tx, visitor_id, None, ChatStatus::Waiting)?;
            let author = Named {
                visitor_id,
                name: known_name(name),
            };
            let (seq, message_id) = post(tx, &chat, author, text, client_id, None)?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
        VisitorAction::File(file) => {
            let (chat, name) = open_or_start(tx, visitor_id, None, ChatStatus::Waiting)?;
            let author = Named {
                visitor_id,
                name: known_name(name),
            };
            let (seq, message_id) = post(tx, &chat, author, &file.name, client_id, Some(file))?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
        VisitorAction::Close => {
            let Some(chat) = open_chat(tx, visitor_id)? else {
                return Err(OpError::new(
                    ErrorCode::InvalidState,
                    "there is no open chat to close",
                ));
            };
            let seq = lifecycle::close(tx, &chat, lifecycle::ClosedBy::Visitor)?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: None,
            })
        }
        VisitorAction::DismissInvitation(invitation_id) => {
            invitations::dismiss(tx, visitor_id, *invitation_id)?;
            Ok(Ack::default())
        }
        VisitorAction::Offline { text, name, email } => {
            if name.is_some() || email.is_some() {
                let fields = PrechatFields {
                    name: name.clone(),
                    email: email.clone(),
                    ..PrechatFields::default()
                };
                update_fields(tx, visitor_id, &fields)?;
            }
            let (chat, name) = start(tx, visitor_id, None, ChatStatus::Offline)?;
            sql::exec(
                tx.conn,
                "UPDATE chats SET reply_email = ? WHERE id = ?",
                params![email, chat.id],
            )?;
            let author = Named {
                visitor_id,
                name: Some(name),
            };
            let (seq, message_id) = post(tx, &chat, author, text, client_id, None)?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
    }
}

pub(super) fn open_chat(tx: &mut Tx<'_>, visitor_id: i64) -> Result<Option<Chat>, OpError> {
    sql::row(
        tx.conn,
        &format!(
            "SELECT {CHAT_COLUMNS} FROM chats WHERE visitor_id = ? AND status IN ('waiting', 'active')"
        ),
        [visitor_id],
        chat_row,
    )
}

/// The visitor's open chat, or a new one; with the visitor's name when it was read on the way.
fn open_or_start(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    department: Option<&str>,
    status: ChatStatus,
) -> Result<(Chat, Option<Option<String>>), OpError> {
    match open_chat(tx, visitor_id)? {
        Some(chat) => Ok((chat, None)),
        None => {
            let (chat, name) = start(tx, visitor_id, department, status)?;
            // A pending invitation makes this the answer to it: the inviter's chat at once.
            let chat = invitations::answer(tx, chat)?;
            Ok((chat, Some(name)))
        }
    }
}

/// A new chat and the visitor's name. The unique index on open chats per visitor refuses a
/// second open one.
fn start(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    department: Option<&str>,
    status: ChatStatus,
) -> Result<(Chat, Option<String>), OpError> {
    // Every new chat starts here: a banned visitor (or one from a banned network) gets none,
    // nor does one past the hour's bounds on new chats.
    let ip = bans::visitor_ip(tx, visitor_id)?;
    bans::refuse_if_banned(tx, Some(visitor_id), ip.as_deref())?;
    let network = ip.as_deref().and_then(bans::network_key);
    chat_starts::check(tx, visitor_id, network.as_deref())?;
    // Only a configured department is kept: the choice is visitor text.
    let department = department
        .and_then(|d| tx.routing.department_for(d))
        .map(|d| d.key.clone());
    let chat = tx
        .conn
        .prepare_cached(&format!(
            "INSERT INTO chats (visitor_id, status, department, created_at, queued_at, network)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING {CHAT_COLUMNS}"
        ))?
        .query_row(
            params![
                visitor_id,
                rows::chat_status_str(status),
                department,
                tx.now,
                tx.now,
                network
            ],
            chat_row,
        )
        .map_err(|e| {
            if sql::is_unique_violation(&e) {
                OpError::new(
                    ErrorCode::InvalidState,
                    "this visitor already has an open chat",
                )
            } else {
                e.into()
            }
        })?;
    sql::exec(
        tx.conn,
        "UPDATE visitors SET chats = chats + 1, last_seen = ? WHERE id = ?",
        params![tx.now, visitor_id],
    )?;
    let chat_id = chat.id;
    let visitor = writer_rows::visitor_profile(tx.conn, visitor_id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, "unknown visitor"))?;
    let name = visitor.fields.name.clone();
    // An offline message starts no conversation (nobody is there): no `started` line; the
    // widget says itself what happens to the message.
    let system = (status != ChatStatus::Offline)
        .then(|| lifecycle::system_line(tx, &chat, SystemEvent::Started, None));
    tx.emit(
        EventBody::ChatCreated {
            chat: chat.clone(),
            visitor,
        },
        Refs {
            chat_id: Some(chat_id),
            visitor_id: Some(visitor_id),
            operator_id: None,
        },
        system,
    )?;
    Ok((chat, name))
}

/// Keeps a visitor's newest `PAGES_KEPT` page views (`?1` the visitor, `?2` the offset of the
/// oldest kept): a walk of at most that many entries of the `(visitor_id, id)` index per page
/// view, and a row deleted once the visitor has that many (`plan_tests.rs`).
pub(super) const TRIM_PAGE_VIEWS: &str = "DELETE FROM page_views WHERE visitor_id = ?1 AND id < (
     SELECT id FROM page_views WHERE visitor_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)";
const OLDEST_KEPT: i64 = PAGES_KEPT as i64 - 1;

/// Who writes a visitor's message: `name` is `None` until read (`Some(None)`: no name given).
struct Named {
    visitor_id: i64,
    name: Option<Option<String>>,
}

/// A visitor's message into `chat`; returns (seq, message id).
fn post(
    tx: &mut Tx<'_>,
    chat: &Chat,
    author: Named,
    text: &str,
    client_id: &str,
    file: Option<&NewFile>,
) -> Result<(u64, i64), OpError> {
    let name = match author.name {
        Some(name) => name,
        None => sql::one(
            tx.conn,
            "SELECT name FROM visitors WHERE id = ?",
            [author.visitor_id],
        )?,
    };
    let author = Author {
        role: Role::Visitor,
        operator_id: None,
        name,
    };
    lifecycle::post(tx, chat, author, MessageKind::Text, text, client_id, file)
}

/// Merges pre-chat fields into the visitor (given fields replace, missing ones stay).
fn update_fields(tx: &mut Tx<'_>, visitor_id: i64, fields: &PrechatFields) -> Result<u64, OpError> {
    let current: String = sql::one(
        tx.conn,
        "SELECT extra_fields FROM visitors WHERE id = ?",
        [visitor_id],
    )?;
    let mut extra: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&current).unwrap_or_default();
    // Forms add up: a field already held is updated, a new one kept while there is room.
    for (key, value) in &fields.extra {
        if extra.len() < MAX_EXTRA_FIELDS || extra.contains_key(key) {
            extra.insert(key.clone(), value.clone());
        }
    }
    let extra = serde_json::to_string(&extra).map_err(OpError::json)?;
    sql::exec(
        tx.conn,
        "UPDATE visitors SET name = COALESCE(?, name), email = COALESCE(?, email),
            phone = COALESCE(?, phone), department = COALESCE(?, department),
            extra_fields = ?, last_seen = ?
         WHERE id = ?",
        params![
            fields.name,
            fields.email,
            fields.phone,
            fields.department,
            extra,
            tx.now,
            visitor_id
        ],
    )?;
    let visitor = writer_rows::visitor_profile(tx.conn, visitor_id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, "unknown visitor"))?;
    tx.emit(
        EventBody::VisitorUpdated { visitor },
        Refs {
            visitor_id: Some(visitor_id),
            ..Refs::default()
        },
        None,
    )
}

#[cfg(test)]
#[path = "apply_visitor_tests.rs"]
mod tests;
