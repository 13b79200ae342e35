//! Stores a planned year the way the server would have: `chats`, `messages` and `visitors`
//! rows, and an `events` row with the exact payload the server emits for each change, in
//! `seq` order by time. Multi-row `INSERT`s inside one transaction per day.

use frontdesk_protocol::{ChatStatus, EventBody, Message, MessageKind, Millis, Role};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::shape::{ChatRow, Ev, VisitorRow, What};

/// Rows per `INSERT` (at most 11 parameters each, far below SQLite's limit).
const ROWS: usize = 500;

/// Ids handed out so far; `seq` and message ids grow with time.
#[derive(Debug, Default)]
pub struct Counters {
    pub seq: i64,
    pub message_id: i64,
    pub events: u64,
    pub messages: u64,
}

struct EventRow {
    seq: i64,
    ts: Millis,
    kind: &'static str,
    chat_id: Option<i64>,
    visitor_id: Option<i64>,
    operator_id: Option<i64>,
    payload: String,
}

struct MessageRow {
    id: i64,
    chat_id: i64,
    seq: i64,
    ts: Millis,
    role: &'static str,
    operator_id: Option<i64>,
    body: String,
}

pub async fn chats(conn: &mut SqliteConnection, rows: &[ChatRow]) -> sqlx::Result<()> {
    for chunk in rows.chunks(ROWS) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO chats (id, kind, visitor_id, status, operator_id, department, created_at,
             accepted_at, first_response_at, closed_at, queued_at) ",
        );
        q.push_values(chunk, |mut v, c| {
            v.push_bind(c.id)
                .push_bind("visitor")
                .push_bind(c.visitor_id)
                .push_bind(status_word(c.status))
                .push_bind(c.operator_id)
                .push_bind(c.department.as_str())
                .push_bind(c.created_at)
                .push_bind(c.accepted_at)
                .push_bind(c.first_response_at)
                .push_bind(c.closed_at)
                .push_bind(c.created_at);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Stores `events` (sorted by time here), giving each its `seq` and each message its id.
pub async fn events(
    conn: &mut SqliteConnection,
    mut evs: Vec<Ev>,
    n: &mut Counters,
) -> anyhow::Result<()> {
    evs.sort_by_key(|e| e.ts);
    let mut events = Vec::with_capacity(evs.len());
    let mut messages = Vec::new();
    for ev in evs {
        n.seq += 1;
        let (body, chat_id, visitor_id, operator_id) = match ev.what {
            What::Status {
                operator_id,
                status,
            } => (
                EventBody::OperatorStatusChanged {
                    operator_id,
                    status,
                    operator: None,
                },
                None,
                None,
                Some(operator_id),
            ),
            What::Created { chat, visitor } => {
                let (id, v) = (chat.id, chat.visitor_id);
                (
                    EventBody::ChatCreated {
                        chat,
                        visitor: *visitor,
                    },
                    Some(id),
                    Some(v),
                    None,
                )
            }
            What::Accepted {
                chat_id,
                operator_id,
                operator_name,
            } => (
                EventBody::ChatAccepted {
                    chat_id,
                    operator_id,
                    operator_name,
                    routed: true,
                },
                Some(chat_id),
                None,
                Some(operator_id),
            ),
            What::Message {
                chat_id,
                visitor_id,
                author,
                text,
            } => {
                n.message_id += 1;
                n.messages += 1;
                let operator_id = author.operator_id;
                messages.push(MessageRow {
                    id: n.message_id,
                    chat_id,
                    seq: n.seq,
                    ts: ev.ts,
                    role: if author.role == Role::Visitor {
                        "visitor"
                    } else {
                        "operator"
                    },
                    operator_id,
                    body: text.clone(),
                });
                let message = Message {
                    id: n.message_id,
                    chat_id,
                    seq: n.seq as u64,
                    ts: ev.ts,
                    author,
                    kind: MessageKind::Text,
                    text,
                    client_id: None,
                    attachment: None,
                };
                (
                    EventBody::MessagePosted { message },
                    Some(chat_id),
                    Some(visitor_id),
                    operator_id,
                )
            }
            What::Closed {
                chat_id,
                by,
                operator_id,
            } => (
                EventBody::ChatClosed {
                    chat_id,
                    by,
                    operator_id,
                },
                Some(chat_id),
                None,
                operator_id,
            ),
        };
        events.push(EventRow {
            seq: n.seq,
            ts: ev.ts,
            kind: body.kind(),
            chat_id,
            visitor_id,
            operator_id,
            payload: serde_json::to_string(&body)?,
        });
    }
    n.events += events.len() as u64;
    for chunk in messages.chunks(ROWS) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO messages (id, chat_id, seq, ts, author_role, operator_id, kind, body) ",
        );
        q.push_values(chunk, |mut v, m| {
            v.push_bind(m.id)
                .push_bind(m.chat_id)
                .push_bind(m.seq)
                .push_bind(m.ts)
                .push_bind(m.role)
                .push_bind(m.operator_id)
                .push_bind("text")
                .push_bind(m.body.as_str());
        });
        q.build().execute(&mut *conn).await?;
    }
    for chunk in events.chunks(ROWS) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO events (seq, ts, kind, chat_id, visitor_id, operator_id, payload) ",
        );
        q.push_values(chunk, |mut v, e| {
            v.push_bind(e.seq)
                .push_bind(e.ts)
                .push_bind(e.kind)
                .push_bind(e.chat_id)
                .push_bind(e.visitor_id)
                .push_bind(e.operator_id)
                .push_bind(e.payload.as_str());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn visitors(conn: &mut SqliteConnection, rows: &[VisitorRow]) -> sqlx::Result<()> {
    for chunk in rows.chunks(ROWS) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO visitors (id, token_hash, name, email, language, visits, chats,
             first_seen, last_seen) ",
        );
        q.push_values(chunk, |mut v, r| {
            v.push_bind(r.id)
                .push_bind(format!("year-visitor-{}", r.id))
                .push_bind(r.name)
                .push_bind(r.email.as_deref())
                .push_bind(if r.english { "en" } else { "ru" })
                .push_bind(i64::from(r.visits))
                .push_bind(i64::from(r.chats))
                .push_bind(r.first_seen)
                .push_bind(r.last_seen);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

fn status_word(s: ChatStatus) -> &'static str {
    match s {
        ChatStatus::Waiting => "waiting",
        ChatStatus::Active => "active",
        ChatStatus::Closed => "closed",
        ChatStatus::Offline => "offline",
    }
}
