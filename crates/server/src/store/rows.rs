//! Loading rows into protocol types; shared by the writer and the readers.

use std::collections::BTreeMap;

use frontdesk_protocol::{
    Author, Chat, ChatStatus, Message, MessageKind, OperatorInfo, OperatorRole, OperatorStatus,
    PageView, PrechatFields, Role, Seq, VisitorProfile,
};
use sqlx::{FromRow, SqliteConnection};

/// How many recent pages a profile carries.
pub const PAGE_TRAIL: i64 = 20;

/// How many of a visitor's newest page views are stored: older ones are deleted as new ones
/// come, so a visitor who browses for days (or a script sending page views at the command
/// rate) grows the table by a bounded amount. Several times the trail shown.
pub const PAGES_KEPT: usize = 100;

pub fn chat_status(s: &str) -> ChatStatus {
    match s {
        "waiting" => ChatStatus::Waiting,
        "active" => ChatStatus::Active,
        "offline" => ChatStatus::Offline,
        _ => ChatStatus::Closed,
    }
}

pub fn chat_status_str(s: ChatStatus) -> &'static str {
    match s {
        ChatStatus::Waiting => "waiting",
        ChatStatus::Active => "active",
        ChatStatus::Closed => "closed",
        ChatStatus::Offline => "offline",
    }
}

pub fn message_kind(s: &str) -> MessageKind {
    match s {
        "note" => MessageKind::Note,
        "whisper" => MessageKind::Whisper,
        _ => MessageKind::Text,
    }
}

pub fn message_kind_str(k: MessageKind) -> &'static str {
    match k {
        MessageKind::Text => "text",
        MessageKind::Note => "note",
        MessageKind::Whisper => "whisper",
    }
}

pub fn operator_status(s: &str) -> OperatorStatus {
    match s {
        "online" => OperatorStatus::Online,
        "away" => OperatorStatus::Away,
        _ => OperatorStatus::Offline,
    }
}

pub fn operator_status_str(s: OperatorStatus) -> &'static str {
    match s {
        OperatorStatus::Online => "online",
        OperatorStatus::Away => "away",
        OperatorStatus::Offline => "offline",
    }
}

#[derive(FromRow)]
pub struct VisitorRow {
    pub id: i64,
    pub(super) name: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) department: Option<String>,
    pub(super) extra_fields: String,
    pub(super) referrer: Option<String>,
    pub(super) search_query: Option<String>,
    pub(super) user_agent: Option<String>,
    pub(super) language: Option<String>,
    pub(super) city: Option<String>,
    pub(super) region: Option<String>,
    pub(super) visits: i64,
    pub(super) chats: i64,
    pub(super) first_seen: i64,
    pub(super) last_seen: i64,
    pub(super) customer_id: Option<String>,
}

/// Columns for [`VisitorRow`], by name (as [`VISITOR_SELECT`] gives them).
pub const VISITOR_COLUMNS: &str = "id, name, email, phone, department, extra_fields, referrer,
    search_query, user_agent, language, city, region, visits, chats, first_seen, last_seen,
    customer_id";

/// [`VISITOR_COLUMNS`] from `visitors v`: a verified customer's visits and chats are counted
/// over every row (browser) of theirs, and their first visit is the earliest. An unverified
/// visitor's (`customer_id` NULL) are their row's, with no other row read.
pub const VISITOR_SELECT: &str = "v.id, v.name, v.email, v.phone, v.department, v.extra_fields,
    v.referrer, v.search_query, v.user_agent, v.language, v.city, v.region,
    v.visits + CASE WHEN v.customer_id IS NULL THEN 0 ELSE (SELECT COALESCE(SUM(o.visits), 0)
        FROM visitors o WHERE o.customer_id = v.customer_id AND o.id != v.id) END AS visits,
    v.chats + CASE WHEN v.customer_id IS NULL THEN 0 ELSE (SELECT COALESCE(SUM(o.chats), 0)
        FROM visitors o WHERE o.customer_id = v.customer_id AND o.id != v.id) END AS chats,
    CASE WHEN v.customer_id IS NULL THEN v.first_seen ELSE (SELECT MIN(o.first_seen)
        FROM visitors o WHERE o.customer_id = v.customer_id) END AS first_seen,
    v.last_seen, v.customer_id";

impl VisitorRow {
    /// The profile, with its page trail (oldest first).
    pub fn profile(self, pages: Vec<PageView>) -> VisitorProfile {
        let extra: BTreeMap<String, String> =
            serde_json::from_str(&self.extra_fields).unwrap_or_default();
        VisitorProfile {
            id: self.id,
            fields: PrechatFields {
                name: self.name,
                email: self.email,
                phone: self.phone,
                department: self.department,
                extra,
            },
            pages,
            referrer: self.referrer,
            search_query: self.search_query,
            user_agent: self.user_agent,
            language: self.language,
            city: self.city,
            region: self.region,
            visits: u32::try_from(self.visits).unwrap_or(u32::MAX),
            chats: u32::try_from(self.chats).unwrap_or(u32::MAX),
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            customer_id: self.customer_id,
        }
    }
}

/// One page view; columns [`PAGE_COLUMNS`] (`page_views` as `p`).
#[derive(FromRow)]
pub struct PageRow {
    pub visitor_id: i64,
    url: String,
    title: Option<String>,
    referrer: Option<String>,
    search_query: Option<String>,
    ts: i64,
}

pub const PAGE_COLUMNS: &str = "p.visitor_id, p.url, p.title, p.referrer, p.search_query, p.ts";

impl From<PageRow> for PageView {
    fn from(r: PageRow) -> Self {
        PageView {
            url: r.url,
            title: r.title,
            referrer: r.referrer,
            search_query: r.search_query,
            ts: r.ts,
        }
    }
}

/// A visitor with one page of their trail (none when they have no pages), so the profile
/// is one statement: each statement on the pool is a round trip to SQLite's thread.
#[derive(FromRow)]
struct ProfileRow {
    #[sqlx(flatten)]
    visitor: VisitorRow,
    page_url: Option<String>,
    page_title: Option<String>,
    page_referrer: Option<String>,
    page_search_query: Option<String>,
    page_ts: Option<i64>,
}

/// One statement for a visitor and their page trail (`?1` the visitor, `?2` the trail's
/// length): the visitor's [`VISITOR_COLUMNS`], then the page's five columns, NULL when none.
pub fn profile_sql() -> String {
    format!(
        "SELECT {VISITOR_COLUMNS}, page_url, page_title, page_referrer, page_search_query, page_ts
         FROM (SELECT {VISITOR_SELECT} FROM visitors v WHERE v.id = ?1)
         LEFT JOIN (SELECT id AS page_id, url AS page_url, title AS page_title,
                           referrer AS page_referrer, search_query AS page_search_query,
                           ts AS page_ts
                    FROM page_views WHERE visitor_id = ?1 ORDER BY id DESC LIMIT ?2) ON 1
         ORDER BY page_id"
    )
}

/// The profile from the rows of [`profile_sql`]: the visitor, with a page each (or none).
/// Its pages are the newest within the snapshot's budget, as everywhere a profile goes: the
/// card, and the events that carry it (a chat opened, a card changed), stored with them.
pub fn profile_of(rows: Vec<(VisitorRow, Option<PageView>)>) -> Option<VisitorProfile> {
    let mut visitor = None;
    let mut pages = Vec::with_capacity(rows.len());
    for (row, page) in rows {
        pages.extend(page);
        visitor.get_or_insert(row);
    }
    visitor.map(|v| v.profile(super::snapshot::latest_pages(pages)))
}

pub async fn visitor_profile(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<VisitorProfile>, sqlx::Error> {
    let rows: Vec<ProfileRow> = sqlx::query_as(sqlx::AssertSqlSafe(profile_sql()))
        .bind(id)
        .bind(PAGE_TRAIL)
        .fetch_all(&mut *conn)
        .await?;
    Ok(profile_of(
        rows.into_iter()
            .map(|row| {
                let page = match (row.page_url, row.page_ts) {
                    (Some(url), Some(ts)) => Some(PageView {
                        url,
                        title: row.page_title,
                        referrer: row.page_referrer,
                        search_query: row.page_search_query,
                        ts,
                    }),
                    _ => None,
                };
                (row.visitor, page)
            })
            .collect(),
    ))
}

#[derive(FromRow)]
pub struct ChatRow {
    pub id: i64,
    pub visitor_id: Option<i64>,
    pub status: String,
    pub operator_id: Option<i64>,
    pub department: Option<String>,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub queued_at: i64,
}

pub const CHAT_COLUMNS: &str = concat!(
    "id, visitor_id, status, operator_id, department, created_at, accepted_at, closed_at, ",
    "queued_at"
);

impl From<ChatRow> for Chat {
    fn from(r: ChatRow) -> Self {
        // Said only of a chat back in the queue: one queued when it started waits since then.
        let went_back = r.status == "waiting" && r.queued_at > r.created_at;
        Chat {
            id: r.id,
            visitor_id: r.visitor_id.unwrap_or_default(),
            status: chat_status(&r.status),
            operator_id: r.operator_id,
            department: r.department,
            created_at: r.created_at,
            accepted_at: r.accepted_at,
            closed_at: r.closed_at,
            queued_at: went_back.then_some(r.queued_at),
        }
    }
}

pub async fn chat(conn: &mut SqliteConnection, id: i64) -> Result<Option<Chat>, sqlx::Error> {
    let row: Option<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS} FROM chats WHERE id = ?"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Chat::from))
}

#[derive(FromRow)]
pub struct MessageRow {
    id: i64,
    chat_id: i64,
    seq: i64,
    ts: i64,
    author_role: String,
    operator_id: Option<i64>,
    kind: String,
    body: String,
    client_id: Option<String>,
    author_name: Option<String>,
    /// The attachment as a JSON object (`attachment_json`), when the message carries a file.
    attachment: Option<String>,
}

/// Columns for [`MessageRow`]: messages as `m`, `operators o` joined on the author and
/// `visitors v` on the chat's visitor.
macro_rules! message_columns {
    () => {
        "m.id, m.chat_id, m.seq, m.ts, m.author_role, m.operator_id, m.kind, m.body, m.client_id,
        CASE m.author_role WHEN 'operator' THEN o.display_name WHEN 'visitor' THEN v.name END
            AS author_name,
        (SELECT json_object('id', a.id, 'name', a.file_name, 'size', a.size, 'mime', a.mime)
            FROM attachments a WHERE a.id = m.attachment_id) AS attachment"
    };
}
pub const MESSAGE_COLUMNS: &str = message_columns!();
/// [`MESSAGE_COLUMNS`] with their joins; add the `WHERE`.
pub const MESSAGE_SELECT: &str = concat!(
    "SELECT ",
    message_columns!(),
    " FROM messages m JOIN chats c ON c.id = m.chat_id
     LEFT JOIN operators o ON o.id = m.operator_id
     LEFT JOIN visitors v ON v.id = c.visitor_id"
);

/// `AND …` keeping, of messages `m`, the whispers a reader may read: bind whether the reader
/// is a supervisor, then their operator id.
pub const WHISPERS_FOR_READER: &str = "AND (m.kind != 'whisper' OR ? OR m.for_operator_id = ?)";

impl From<MessageRow> for Message {
    fn from(r: MessageRow) -> Self {
        Message {
            id: r.id,
            chat_id: r.chat_id,
            seq: Seq::try_from(r.seq).unwrap_or_default(),
            ts: r.ts,
            author: Author {
                role: match r.author_role.as_str() {
                    "visitor" => Role::Visitor,
                    "operator" => Role::Operator,
                    _ => Role::System,
                },
                operator_id: r.operator_id,
                name: r.author_name,
            },
            kind: message_kind(&r.kind),
            text: r.body,
            client_id: r.client_id,
            // Written by SQLite's json_object from our own row: it always parses.
            attachment: r
                .attachment
                .and_then(|json| serde_json::from_str(&json).ok()),
        }
    }
}

#[derive(FromRow)]
pub struct OperatorRow {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: String,
    pub status: String,
    pub status_since: Option<i64>,
}

pub const OPERATOR_COLUMNS: &str = "id, name, display_name, role, status, status_since";

impl From<OperatorRow> for OperatorInfo {
    fn from(r: OperatorRow) -> Self {
        OperatorInfo {
            id: r.id,
            name: r.name,
            display_name: r.display_name,
            role: if r.role == "supervisor" {
                OperatorRole::Supervisor
            } else {
                OperatorRole::Operator
            },
            status: operator_status(&r.status),
            status_since: r.status_since,
        }
    }
}

pub async fn operator(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<OperatorInfo>, sqlx::Error> {
    let row: Option<OperatorRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OPERATOR_COLUMNS} FROM operators WHERE id = ? AND disabled = 0"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(OperatorInfo::from))
}
