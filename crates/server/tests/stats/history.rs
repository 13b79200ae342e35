//! A week of history with chosen timestamps, written straight into the real SQLite file the
//! server made (its migrations), then read back through `GET /api/stats` and
//! `GET /api/staffing`: the store's read and the computation, with the clock under control.
//!
//! Monday 2025-12-01 00:00 UTC is `T0`; the period is `[T0, T0 + 7 days)`. Departments: sales
//! (anna), support (boris); irina is a supervisor.
//!
//! | chat | dept | starts (UTC) | what happens | first response |
//! |---|---|---|---|---|
//! | 1 | sales | Mon 10:00 | V, anna at +60 s, V at +120 s, anna at +150 s, closed +600 s | 60 s |
//! | 2 | sales | Mon 11:00 | V, anna at +61 s, closed +300 s | 61 s |
//! | 3 | support | Mon 12:00 | V, boris's note and irina's whisper only, closed +120 s | missed |
//! | 4 | support | Mon 23:50 | V, boris at +20 s, closed Tue 00:20 (across midnight) | 20 s |
//! | 5 | sales | Tue 05:00 | offline message, anna answers after an hour, closed | offline |
//! | 6 | sales | Sun before T0 | V, anna at +5 s: outside the period | — |
//!
//! Presence: anna online T0−1h…T0+2h, away until T0+3h, offline; online again from one hour
//! before the period ends to one after it. boris online Mon 12:00–13:00.

use frontdesk_protocol::OperatorRole;
use sqlx::{Connection, SqliteConnection};

use super::common::TestServer;
use super::sales_and_support;

pub const T0: i64 = 1_764_547_200_000;
pub const S: i64 = 1000;
pub const MIN: i64 = 60 * S;
pub const HOUR: i64 = 60 * MIN;
pub const DAY: i64 = 24 * HOUR;

/// A server with the history above, and the tokens of anna, boris and irina.
pub struct History {
    pub server: TestServer,
    pub anna: String,
    pub boris: String,
    pub irina: String,
}

pub async fn history() -> History {
    history_with(|_| {}).await
}

/// [`history`] on a server with more of its config changed.
pub async fn history_with(tweak: impl FnOnce(&mut frontdesk_server::Config)) -> History {
    let server = TestServer::start_with(|c| {
        sales_and_support(c);
        tweak(c);
    })
    .await;
    // Logins first: the rows below take `seq`s far ahead of the writer's, and a login writes
    // no event, so nothing the server stores afterwards can collide with them.
    let anna = server
        .operator_token_as("anna", "Анна Петрова", OperatorRole::Operator)
        .await;
    let boris = server
        .operator_token_as("boris", "Борис", OperatorRole::Operator)
        .await;
    let irina = server
        .operator_token_as("irina", "Ирина", OperatorRole::Supervisor)
        .await;
    let mut w = Rows::open(&server).await;
    let (a, b, i) = (w.op("anna").await, w.op("boris").await, w.op("irina").await);

    let c1 = w
        .chat(
            Some("sales"),
            Some(a),
            T0 + 10 * HOUR,
            Some(T0 + 10 * HOUR + 600 * S),
            false,
        )
        .await;
    w.msg(c1, T0 + 10 * HOUR, "visitor", None, "text").await;
    w.msg(c1, T0 + 10 * HOUR + 60 * S, "operator", Some(a), "text")
        .await;
    w.msg(c1, T0 + 10 * HOUR + 120 * S, "visitor", None, "text")
        .await;
    w.msg(c1, T0 + 10 * HOUR + 150 * S, "operator", Some(a), "text")
        .await;

    let c2 = w
        .chat(
            Some("sales"),
            Some(a),
            T0 + 11 * HOUR,
            Some(T0 + 11 * HOUR + 300 * S),
            false,
        )
        .await;
    w.msg(c2, T0 + 11 * HOUR, "visitor", None, "text").await;
    w.msg(c2, T0 + 11 * HOUR + 61 * S, "operator", Some(a), "text")
        .await;
    // Her visitor had closed the site 40 s in, before the answer (and came back for it).
    sqlx::query("UPDATE chats SET left_waiting_at = ? WHERE id = ?")
        .bind(T0 + 11 * HOUR + 40 * S)
        .bind(c2)
        .execute(&mut w.conn)
        .await
        .unwrap();

    let c3 = w
        .chat(
            Some("support"),
            Some(b),
            T0 + 12 * HOUR,
            Some(T0 + 12 * HOUR + 120 * S),
            false,
        )
        .await;
    w.msg(c3, T0 + 12 * HOUR, "visitor", None, "text").await;
    w.msg(c3, T0 + 12 * HOUR + 30 * S, "operator", Some(b), "note")
        .await;
    w.msg(c3, T0 + 12 * HOUR + 40 * S, "operator", Some(i), "whisper")
        .await;

    let c4_start = T0 + 23 * HOUR + 50 * MIN;
    let c4 = w
        .chat(
            Some("support"),
            Some(b),
            c4_start,
            Some(T0 + DAY + 20 * MIN),
            false,
        )
        .await;
    w.msg(c4, c4_start, "visitor", None, "text").await;
    w.msg(c4, c4_start + 20 * S, "operator", Some(b), "text")
        .await;

    let c5_start = T0 + DAY + 5 * HOUR;
    let c5 = w
        .chat(
            Some("sales"),
            Some(a),
            c5_start,
            Some(c5_start + 2 * HOUR),
            true,
        )
        .await;
    w.msg(c5, c5_start, "visitor", None, "text").await;
    w.msg(c5, c5_start + HOUR, "operator", Some(a), "text")
        .await;

    let c6 = w
        .chat(
            Some("sales"),
            Some(a),
            T0 - 2 * HOUR,
            Some(T0 - HOUR),
            false,
        )
        .await;
    w.msg(c6, T0 - 2 * HOUR, "visitor", None, "text").await;
    w.msg(c6, T0 - 2 * HOUR + 5 * S, "operator", Some(a), "text")
        .await;

    w.status(a, T0 - HOUR, "online").await;
    w.status(a, T0 + 2 * HOUR, "away").await;
    w.status(a, T0 + 3 * HOUR, "offline").await;
    w.status(b, T0 + 12 * HOUR, "online").await;
    w.status(b, T0 + 13 * HOUR, "offline").await;
    w.status(a, T0 + 7 * DAY - HOUR, "online").await;
    w.status(a, T0 + 7 * DAY + HOUR, "offline").await;
    w.conn.close().await.unwrap();
    History {
        server,
        anna,
        boris,
        irina,
    }
}

/// Writes rows as the server would have, with the times given.
struct Rows {
    conn: SqliteConnection,
    seq: i64,
}

impl Rows {
    async fn open(server: &TestServer) -> Self {
        let conn = server.db().await;
        Self {
            conn,
            seq: 1_000_000,
        }
    }

    async fn op(&mut self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM operators WHERE name = ?")
            .bind(name)
            .fetch_one(&mut self.conn)
            .await
            .unwrap()
    }

    async fn event(
        &mut self,
        ts: i64,
        kind: &str,
        chat: Option<i64>,
        op: Option<i64>,
        payload: String,
    ) {
        self.seq += 1;
        sqlx::query(
            "INSERT INTO events (seq, ts, kind, chat_id, operator_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(self.seq)
        .bind(ts)
        .bind(kind)
        .bind(chat)
        .bind(op)
        .bind(payload)
        .execute(&mut self.conn)
        .await
        .unwrap();
    }

    /// A chat of its own visitor, and its `chat_created` event.
    async fn chat(
        &mut self,
        department: Option<&str>,
        operator: Option<i64>,
        created: i64,
        closed: Option<i64>,
        offline: bool,
    ) -> i64 {
        // The visitor and its chat in one transaction: a server whose maintenance timer runs
        // often would otherwise expire the visitor (long unseen, no chat yet) in between.
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut self.conn)
            .await
            .unwrap();
        let visitor: i64 = sqlx::query_scalar(
            "INSERT INTO visitors (token_hash, first_seen, last_seen) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(format!("visitor-{created}"))
        .bind(created)
        .bind(created)
        .fetch_one(&mut self.conn)
        .await
        .unwrap();
        let status = if closed.is_some() { "closed" } else { "active" };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO chats (visitor_id, status, operator_id, department, created_at, closed_at, queued_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(visitor)
        .bind(status)
        .bind(operator)
        .bind(department)
        .bind(created)
        .bind(closed)
        .bind(created)
        .fetch_one(&mut self.conn)
        .await
        .unwrap();
        sqlx::query("COMMIT").execute(&mut self.conn).await.unwrap();
        let began = if offline { "offline" } else { "waiting" };
        let payload = format!(
            r#"{{"kind":"chat_created","chat":{{"id":{id},"visitor_id":{visitor},"status":"{began}","created_at":{created}}},"visitor":{{"id":{visitor},"fields":{{}},"visits":1,"chats":1,"first_seen":{created},"last_seen":{created}}}}}"#
        );
        self.event(created, "chat_created", Some(id), None, payload)
            .await;
        // As the server does: closing a chat always stores its `chat_closed` event.
        if let Some(closed) = closed {
            let payload = format!(r#"{{"kind":"chat_closed","chat_id":{id},"by":"visitor"}}"#);
            self.event(closed, "chat_closed", Some(id), None, payload)
                .await;
        }
        id
    }

    async fn msg(&mut self, chat: i64, ts: i64, role: &str, op: Option<i64>, kind: &str) {
        self.seq += 1;
        sqlx::query(
            "INSERT INTO messages (chat_id, seq, ts, author_role, operator_id, kind, body) VALUES (?, ?, ?, ?, ?, ?, 'text')",
        )
        .bind(chat)
        .bind(self.seq)
        .bind(ts)
        .bind(role)
        .bind(op)
        .bind(kind)
        .execute(&mut self.conn)
        .await
        .unwrap();
    }

    async fn status(&mut self, op: i64, ts: i64, status: &str) {
        let payload = format!(
            r#"{{"kind":"operator_status_changed","operator_id":{op},"status":"{status}"}}"#
        );
        self.event(ts, "operator_status_changed", None, Some(op), payload)
            .await;
    }
}
