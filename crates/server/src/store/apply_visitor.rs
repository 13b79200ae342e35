//! What visitor commands do to the database, and the events they leave.

use frontdesk_protocol::{
    Author, Chat, ChatStatus, ErrorCode, EventBody, MessageKind, PrechatFields, Role, SystemEvent,
};

use super::emit::{Refs, Tx};
use super::rows::{self, CHAT_COLUMNS, ChatRow};
use super::{Ack, NewFile, OpError, VisitorAction, VisitorIdentity};
use super::{bans, invitations, lifecycle, visits};
use crate::auth::{hash_token, new_token};
use crate::referrer;

/// What the server learns about a visitor when it connects.
pub struct Seen<'a> {
    pub site: &'a Option<String>,
    pub language: &'a Option<String>,
    pub user_agent: &'a Option<String>,
    pub ip: &'a Option<String>,
    pub city: &'a Option<String>,
    pub region: &'a Option<String>,
}

/// The visitor `token` names, or a new one when `may_create`.
pub async fn hello(
    tx: &mut Tx<'_>,
    token: Option<&str>,
    seen: &Seen<'_>,
    may_create: bool,
) -> Result<VisitorIdentity, OpError> {
    let known: Option<i64> = match token {
        Some(t) => {
            sqlx::query_scalar("SELECT id FROM visitors WHERE token_hash = ?")
                .bind(hash_token(t))
                .fetch_optional(&mut *tx.conn)
                .await?
        }
        None => None,
    };
    // A banned token, or any token (or none) from a banned network, gets no identity.
    bans::refuse_if_banned(tx, known, seen.ip.as_deref()).await?;
    let (visitor_id, token) = match (known, token) {
        (Some(id), Some(t)) => {
            sqlx::query(
                "UPDATE visitors SET
                    language = COALESCE(?, language), user_agent = COALESCE(?, user_agent),
                    ip = COALESCE(?, ip), city = COALESCE(?, city), region = COALESCE(?, region)
                 WHERE id = ?",
            )
            .bind(seen.language)
            .bind(seen.user_agent)
            .bind(seen.ip)
            .bind(seen.city)
            .bind(seen.region)
            .bind(id)
            .execute(&mut *tx.conn)
            .await?;
            visits::active(tx, id).await?;
            (id, t.to_owned())
        }
        _ if !may_create => {
            return Err(OpError::new(
                ErrorCode::NotFound,
                "no visitor has this token",
            ));
        }
        // No token, or one we do not know (e.g. the database was replaced): a new identity.
        _ => {
            let token = new_token();
            let id = sqlx::query_scalar(
                "INSERT INTO visitors
                    (token_hash, site, language, user_agent, ip, city, region, first_seen, last_seen)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(hash_token(&token))
            .bind(seen.site)
            .bind(seen.language)
            .bind(seen.user_agent)
            .bind(seen.ip)
            .bind(seen.city)
            .bind(seen.region)
            .bind(tx.now)
            .bind(tx.now)
            .fetch_one(&mut *tx.conn)
            .await?;
            (id, token)
        }
    };
    let open_chat = open_chat(tx, visitor_id).await?.map(|c| (c.id, c.status));
    Ok(VisitorIdentity {
        visitor_id,
        token,
        open_chat,
    })
}

pub async fn action(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    client_id: &str,
    action: &VisitorAction,
) -> Result<Ack, OpError> {
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
            sqlx::query(
                "INSERT INTO page_views (visitor_id, url, title, referrer, search_query, ts)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(visitor_id)
            .bind(url)
            .bind(title)
            .bind(from)
            .bind(&search)
            .bind(tx.now)
            .execute(&mut *tx.conn)
            .await?;
            // The referrer and search of the visit are those of its first external page.
            let external = from
                .as_deref()
                .is_some_and(|r| !referrer::same_site(r, url));
            sqlx::query(
                "UPDATE visitors SET last_seen = ?,
                    referrer = CASE WHEN ? THEN ? ELSE referrer END,
                    search_query = CASE WHEN ? AND ? IS NOT NULL THEN ? ELSE search_query END
                 WHERE id = ?",
            )
            .bind(tx.now)
            .bind(external)
            .bind(from)
            .bind(external)
            .bind(&search)
            .bind(&search)
            .bind(visitor_id)
            .execute(&mut *tx.conn)
            .await?;
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
        VisitorAction::Prechat(fields) => {
            let seq = update_fields(tx, visitor_id, fields).await?;
            Ok(Ack {
                seq: Some(seq),
                ..Ack::default()
            })
        }
        VisitorAction::StartChat { text, department } => {
            let (chat, name) =
                open_or_start(tx, visitor_id, department.as_deref(), ChatStatus::Waiting).await?;
            let mut ack = Ack {
                chat_id: Some(chat.id),
                ..Ack::default()
            };
            if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
                let author = Named { visitor_id, name };
                let (seq, message_id) = post(tx, &chat, author, text, client_id, None).await?;
                ack.seq = Some(seq);
                ack.message_id = Some(message_id);
            }
            Ok(ack)
        }
        VisitorAction::Message(text) => {
            let (chat, name) = open_or_start(tx, visitor_id, None, ChatStatus::Waiting).await?;
            let author = Named { visitor_id, name };
            let (seq, message_id) = post(tx, &chat, author, text, client_id, None).await?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
        VisitorAction::File(file) => {
            let (chat, name) = open_or_start(tx, visitor_id, None, ChatStatus::Waiting).await?;
            let author = Named { visitor_id, name };
            let (seq, message_id) =
                post(tx, &chat, author, &file.name, client_id, Some(file)).await?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
        VisitorAction::Close => {
            let Some(chat) = open_chat(tx, visitor_id).await? else {
                return Err(OpError::new(
                    ErrorCode::InvalidState,
                    "there is no open chat to close",
                ));
            };
            let seq = lifecycle::close(tx, &chat, None).await?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: None,
            })
        }
        VisitorAction::DismissInvitation(invitation_id) => {
            invitations::dismiss(tx, visitor_id, *invitation_id).await?;
            Ok(Ack::default())
        }
        VisitorAction::Offline { text, name, email } => {
            if name.is_some() || email.is_some() {
                let fields = PrechatFields {
                    name: name.clone(),
                    email: email.clone(),
                    ..PrechatFields::default()
                };
                update_fields(tx, visitor_id, &fields).await?;
            }
            let (chat, name) = start(tx, visitor_id, None, ChatStatus::Offline).await?;
            sqlx::query("UPDATE chats SET reply_email = ? WHERE id = ?")
                .bind(email)
                .bind(chat.id)
                .execute(&mut *tx.conn)
                .await?;
            let author = Named {
                visitor_id,
                name: Some(name),
            };
            let (seq, message_id) = post(tx, &chat, author, text, client_id, None).await?;
            Ok(Ack {
                seq: Some(seq),
                chat_id: Some(chat.id),
                message_id: Some(message_id),
            })
        }
    }
}

async fn open_chat(tx: &mut Tx<'_>, visitor_id: i64) -> Result<Option<Chat>, OpError> {
    let row: Option<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS} FROM chats WHERE visitor_id = ? AND status IN ('waiting', 'active')"
    )))
    .bind(visitor_id)
    .fetch_optional(&mut *tx.conn)
    .await?;
    Ok(row.map(Chat::from))
}

/// The visitor's open chat, or a new one; with the visitor's name when it was read on the way.
async fn open_or_start(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    department: Option<&str>,
    status: ChatStatus,
) -> Result<(Chat, Option<Option<String>>), OpError> {
    match open_chat(tx, visitor_id).await? {
        Some(chat) => Ok((chat, None)),
        None => {
            let (chat, name) = start(tx, visitor_id, department, status).await?;
            // A pending invitation makes this the answer to it: the inviter's chat at once.
            let chat = invitations::answer(tx, chat).await?;
            Ok((chat, Some(name)))
        }
    }
}

/// A new chat and the visitor's name. The unique index on open chats per visitor refuses a
/// second open one.
async fn start(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    department: Option<&str>,
    status: ChatStatus,
) -> Result<(Chat, Option<String>), OpError> {
    // Every new chat starts here: a banned visitor (or one from a banned network) gets none.
    bans::refuse_visitor(tx, visitor_id).await?;
    // Only a configured department is kept: the choice is visitor text.
    let department = department
        .and_then(|d| tx.routing.department_for(d))
        .map(|d| d.key.clone());
    let row: ChatRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO chats (visitor_id, status, department, created_at, queued_at)
         VALUES (?, ?, ?, ?, ?) RETURNING {CHAT_COLUMNS}"
    )))
    .bind(visitor_id)
    .bind(rows::chat_status_str(status))
    .bind(department)
    .bind(tx.now)
    .bind(tx.now)
    .fetch_one(&mut *tx.conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => OpError::new(
            ErrorCode::InvalidState,
            "this visitor already has an open chat",
        ),
        other => other.into(),
    })?;
    sqlx::query("UPDATE visitors SET chats = chats + 1, last_seen = ? WHERE id = ?")
        .bind(tx.now)
        .bind(visitor_id)
        .execute(&mut *tx.conn)
        .await?;
    let chat = Chat::from(row);
    let chat_id = chat.id;
    let visitor = rows::visitor_profile(tx.conn, visitor_id)
        .await?
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

/// Who writes a visitor's message: `name` is `None` until read (`Some(None)`: no name given).
struct Named {
    visitor_id: i64,
    name: Option<Option<String>>,
}

/// A visitor's message into `chat`; returns (seq, message id).
async fn post(
    tx: &mut Tx<'_>,
    chat: &Chat,
    author: Named,
    text: &str,
    client_id: &str,
    file: Option<&NewFile>,
) -> Result<(u64, i64), OpError> {
    let name = match author.name {
        Some(name) => name,
        None => {
            sqlx::query_scalar("SELECT name FROM visitors WHERE id = ?")
                .bind(author.visitor_id)
                .fetch_one(&mut *tx.conn)
                .await?
        }
    };
    let author = Author {
        role: Role::Visitor,
        operator_id: None,
        name,
    };
    lifecycle::post(tx, chat, author, MessageKind::Text, text, client_id, file).await
}

/// Merges pre-chat fields into the visitor (given fields replace, missing ones stay).
async fn update_fields(
    tx: &mut Tx<'_>,
    visitor_id: i64,
    fields: &PrechatFields,
) -> Result<u64, OpError> {
    let current: String = sqlx::query_scalar("SELECT extra_fields FROM visitors WHERE id = ?")
        .bind(visitor_id)
        .fetch_one(&mut *tx.conn)
        .await?;
    let mut extra: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&current).unwrap_or_default();
    extra.extend(fields.extra.clone());
    let extra = serde_json::to_string(&extra)
        .map_err(|e| OpError::new(ErrorCode::Internal, e.to_string()))?;
    sqlx::query(
        "UPDATE visitors SET name = COALESCE(?, name), email = COALESCE(?, email),
            phone = COALESCE(?, phone), department = COALESCE(?, department),
            extra_fields = ?, last_seen = ?
         WHERE id = ?",
    )
    .bind(&fields.name)
    .bind(&fields.email)
    .bind(&fields.phone)
    .bind(&fields.department)
    .bind(extra)
    .bind(tx.now)
    .bind(visitor_id)
    .execute(&mut *tx.conn)
    .await?;
    let visitor = rows::visitor_profile(tx.conn, visitor_id)
        .await?
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
