//! Test support: a real server on 127.0.0.1 with a temporary SQLite file, and small
//! WebSocket clients speaking the real protocol.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod bash_completion;
mod binary;
pub mod browser;
pub mod offline_mail;
pub mod presence;
pub mod smtp;
mod visitor;

// Not every test binary that includes this module spawns the server.
#[allow(unused_imports)]
pub use binary::{listening_url, operator_command, serve_database, spawn_serve};

use std::time::Duration;

use frontdesk_protocol::rest::{LoginRequest, LoginResponse};
use frontdesk_protocol::{
    OperatorIn, OperatorOut, OperatorRole, VisitorIn, VisitorOut, decode, encode,
};
use frontdesk_server::{Config, RunningServer};
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::VariantNames;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub const WAIT: Duration = Duration::from_secs(10);

pub struct TestServer {
    pub server: RunningServer,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), tweak).await
    }

    /// Stops the server and starts another on the same database (a restart).
    pub async fn restart_with(self, tweak: impl FnOnce(&mut Config)) -> Self {
        self.server.shutdown().await;
        Self::start_in(self.dir, tweak).await
    }

    async fn start_in(dir: tempfile::TempDir, tweak: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config::local(dir.path().join("frontdesk.db"));
        tweak(&mut config);
        let server = frontdesk_server::start(config).await.unwrap();
        Self { server, dir }
    }

    /// A connection of the test's own to the server's SQLite file, to read what was stored or
    /// to move time (waiting behind the server's writer rather than failing on its lock).
    pub async fn db(&self) -> sqlx::SqliteConnection {
        use sqlx::ConnectOptions;
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(self.dir.path().join("frontdesk.db"))
            .busy_timeout(Duration::from_secs(5))
            .connect()
            .await
            .unwrap()
    }

    /// Runs one statement on the database from outside the server (a test moving time back).
    pub async fn execute(&self, sql: &'static str) {
        use sqlx::Connection;
        let mut db = self.db().await;
        sqlx::query(sql).execute(&mut db).await.unwrap();
        db.close().await.unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.ws_url())
    }

    /// Creates an operator and logs it in over REST; returns the session token.
    pub async fn operator_token(&self, name: &str) -> String {
        self.operator_token_as(name, &format!("{name} display"), OperatorRole::Operator)
            .await
    }

    /// [`TestServer::operator_token`] with the display name and role given.
    pub async fn operator_token_as(&self, name: &str, display: &str, role: OperatorRole) -> String {
        self.server
            .add_operator(name, display, "pw-секрет", role)
            .await
            .unwrap();
        login(&self.server.http_url(), name, "pw-секрет").await
    }
}

pub async fn login(http: &str, name: &str, password: &str) -> String {
    let res = try_login(http, name, password).await;
    assert!(res.status().is_success(), "login failed: {}", res.status());
    res.json::<LoginResponse>().await.unwrap().token
}

/// `POST /api/login`, whatever the answer.
pub async fn try_login(http: &str, name: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{http}/api/login"))
        .json(&LoginRequest {
            name: name.into(),
            password: password.into(),
        })
        .send()
        .await
        .unwrap()
}

/// A WebSocket speaking frames of type `In` and reading frames of type `Out`.
pub struct Client<In, Out> {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    pub _dir: std::marker::PhantomData<(In, Out)>,
}

pub type Visitor = Client<VisitorIn, VisitorOut>;
pub type Operator = Client<OperatorIn, OperatorOut>;

impl<In: Serialize, Out: DeserializeOwned + VariantNames> Client<In, Out> {
    pub async fn connect(url: &str) -> Self {
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        Self {
            ws,
            _dir: std::marker::PhantomData,
        }
    }

    pub async fn send(&mut self, frame: &In) {
        self.send_raw(&encode(frame)).await;
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.unwrap();
    }

    /// Next protocol frame (skipping pings); panics after [`WAIT`].
    pub async fn recv(&mut self) -> Out {
        self.try_recv(WAIT)
            .await
            .expect("a frame within the deadline")
    }

    pub async fn try_recv(&mut self, wait: Duration) -> Option<Out> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .ok()??;
            match next {
                Ok(Message::Text(t)) => {
                    return Some(decode::<Out>(t.as_str()).unwrap_or_else(|e| panic!("{e}: {t}")));
                }
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    /// Every frame received within `wait` (fewer if the socket ends).
    pub async fn frames_within(&mut self, wait: Duration) -> Vec<Out> {
        let deadline = tokio::time::Instant::now() + wait;
        let mut out = Vec::new();
        while let Some(frame) = self
            .try_recv(deadline.saturating_duration_since(tokio::time::Instant::now()))
            .await
        {
            out.push(frame);
        }
        out
    }

    /// Reads frames until `pick` returns something; `None` when the socket ends first,
    /// panics after [`WAIT`].
    pub async fn until_or_closed<T>(
        &mut self,
        mut pick: impl FnMut(&Out) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            assert!(!left.is_zero(), "no answer before the deadline");
            let frame = self.try_recv(left).await?;
            if let Some(t) = pick(&frame) {
                return Some(t);
            }
        }
    }

    /// Reads frames until `pick` returns something; panics after [`WAIT`].
    pub async fn until<T>(&mut self, mut pick: impl FnMut(&Out) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let frame = self
                .try_recv(left)
                .await
                .expect("the expected frame before the deadline");
            if let Some(t) = pick(&frame) {
                return t;
            }
        }
    }
}

impl<In: Serialize, Out: DeserializeOwned + VariantNames + Clone> Client<In, Out> {
    /// Every frame up to and including the first for which `stop` holds; panics after
    /// [`WAIT`]. With a `stop` frame sent after something that must not come, this says that
    /// it did not, without waiting for a fixed time.
    pub async fn frames_until(&mut self, mut stop: impl FnMut(&Out) -> bool) -> Vec<Out> {
        let mut seen = Vec::new();
        self.until(|f| {
            seen.push(f.clone());
            stop(f).then_some(())
        })
        .await;
        seen
    }
}

impl Operator {
    /// The id of the next chat opened (`chat_created`).
    pub async fn next_chat_id(&mut self) -> i64 {
        self.until(|f| match f {
            OperatorOut::Event {
                event: frontdesk_protocol::EventBody::ChatCreated { chat, .. },
                ..
            } => Some(chat.id),
            _ => None,
        })
        .await
    }

    /// Sends `command` (a message or a note whose id is `id`) and returns the stored
    /// message's id from its ack.
    pub async fn posted_id(&mut self, id: &str, command: OperatorIn) -> i64 {
        self.send(&command).await;
        self.until(|f| match f {
            OperatorOut::Ack {
                id: got,
                message_id: Some(m),
                ..
            } if got == id => Some(*m),
            _ => None,
        })
        .await
    }

    /// Who took chat `chat_id` and whether routing gave it, from this socket's events.
    pub async fn hears_accepted(&mut self, chat_id: i64) -> (i64, bool) {
        self.until(|f| match f {
            OperatorOut::Event {
                event:
                    frontdesk_protocol::EventBody::ChatAccepted {
                        chat_id: c,
                        operator_id,
                        routed,
                        ..
                    },
                ..
            } if *c == chat_id => Some((*operator_id, *routed)),
            _ => None,
        })
        .await
    }

    /// Joins and waits until in sync (the snapshot); returns the operator and their id.
    pub async fn in_sync(server: &TestServer, token: &str) -> (Self, i64) {
        let mut op = Self::join(server, token, None).await;
        let id = op
            .until(|f| match f {
                OperatorOut::Welcome { operator, .. } => Some(operator.id),
                _ => None,
            })
            .await;
        op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
            .await;
        (op, id)
    }

    /// The answer to command `id`: `Ok(())` for an ack, the error's code and message otherwise.
    pub async fn answer(
        &mut self,
        id: &str,
    ) -> Result<(), (frontdesk_protocol::ErrorCode, String)> {
        self.until(|f| match f {
            OperatorOut::Ack { id: got, .. } if got == id => Some(Ok(())),
            OperatorOut::Error {
                id: Some(got),
                code,
                message,
                ..
            } if got == id => Some(Err((*code, message.clone()))),
            _ => None,
        })
        .await
    }

    /// The error answering command `id`, with the case it names (panics on an ack).
    pub async fn refusal(
        &mut self,
        id: &str,
    ) -> (
        frontdesk_protocol::ErrorCode,
        String,
        Option<frontdesk_protocol::ErrorReason>,
    ) {
        self.until(|f| match f {
            OperatorOut::Ack { id: got, .. } if got == id => panic!("{id} was acknowledged"),
            OperatorOut::Error {
                id: Some(got),
                code,
                message,
                reason,
                ..
            } if got == id => Some((*code, message.clone(), reason.clone())),
            _ => None,
        })
        .await
    }

    /// Connects, says hello, and returns the frames up to and including the snapshot or the
    /// welcome (when resuming).
    pub async fn join(server: &TestServer, token: &str, since: Option<u64>) -> Self {
        Self::join_packed(server, token, since, None).await
    }

    /// [`Operator::join`] asking the server to pack live events during bursts.
    pub async fn join_packed(
        server: &TestServer,
        token: &str,
        since: Option<u64>,
        pack_ms: Option<u32>,
    ) -> Self {
        let mut o = Self::connect(&server.url("/ws/operator")).await;
        o.send(&OperatorIn::Hello {
            token: token.into(),
            since,
            pack_ms,
        })
        .await;
        o
    }
}

/// The text of a `message_posted` event, if the frame is one.
pub fn posted(frame: &OperatorOut) -> Option<(u64, frontdesk_protocol::Message)> {
    match frame {
        OperatorOut::Event {
            seq,
            event: frontdesk_protocol::EventBody::MessagePosted { message },
            ..
        } => Some((*seq, message.clone())),
        _ => None,
    }
}

/// The visitor id a welcome names.
pub fn visitor_id(welcome: &VisitorOut) -> i64 {
    match welcome {
        VisitorOut::Welcome { visitor_id, .. } => *visitor_id,
        other => panic!("not a welcome: {other:?}"),
    }
}
