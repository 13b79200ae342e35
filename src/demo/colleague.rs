//! The demo operator's colleague: a second operator account that held the returning
//! visitors' earlier chats, so that such a chat, opened later from the visitor card, reads as
//! the conversation it was — the visitor's questions and an operator's answers.
//!
//! She speaks over the real operator WebSocket, like any console: `hello`, then `accept`,
//! `message` and `close`, each waited on until the server's `ack` (a committed command) or
//! `error`. A shift lasts one chat: connected just before the visitor opens it, so she is on
//! line when it arrives, and gone once it is closed — an idle socket would only pile up events
//! nobody reads.

use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::{OperatorIn, OperatorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout, timeout_at};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Login name of the colleague's account: her name, since `:transfer ма` + Tab completes a
/// display name to the login, and «colleague» there read as a slip of the console.
pub const LOGIN: &str = "maria";

/// Longest wait for the server to answer a connection or a command; past it the shift ends
/// and the visitor goes on alone, rather than hang a demo whose server is in trouble.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// The colleague's logged-in account: enough to start a shift.
#[derive(Clone)]
pub struct Colleague {
    ws_url: String,
    token: String,
}

impl Colleague {
    /// `ws_url` is the server's `ws://host:port`; `token` the session from `POST /api/login`.
    pub fn new(ws_url: &str, token: String) -> Self {
        Self {
            ws_url: ws_url.to_owned(),
            token,
        }
    }

    /// Connects and says `hello`; she is on line (and shown so to others) until the shift ends.
    pub async fn start_shift(&self) -> anyhow::Result<Shift> {
        let url = format!("{}/ws/operator", self.ws_url);
        let (ws, _) = timeout(
            ANSWER_TIMEOUT,
            tokio_tungstenite::connect_async_with_config(url.as_str(), None, true),
        )
        .await
        .context("connecting the colleague timed out")?
        .context("connecting the colleague")?;
        let mut shift = Shift { ws, sent: 0 };
        let hello = OperatorIn::Hello {
            token: self.token.clone(),
            since: None,
            pack_ms: None,
        };
        shift.ws.send(Message::text(encode(&hello))).await?;
        // The snapshot that follows `welcome` is skipped with every other frame while
        // waiting for answers.
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        loop {
            match shift.next_frame(deadline).await? {
                OperatorOut::Welcome { .. } => return Ok(shift),
                OperatorOut::Error { code, message, .. } => bail!("hello: {code}: {message}"),
                _ => {}
            }
        }
    }
}

/// One connection of the colleague, holding one chat.
pub struct Shift {
    ws: Ws,
    /// Numbers the command ids; the server scopes them to this operator.
    sent: u64,
}

impl Shift {
    /// Takes the waiting chat; fails if someone else (say the console's operator) took it.
    pub async fn accept(&mut self, chat_id: i64) -> anyhow::Result<()> {
        self.command(|id| OperatorIn::Accept { id, chat_id }).await
    }

    /// Posts one answer into the chat and waits until it is stored.
    pub async fn say(&mut self, chat_id: i64, text: &str) -> anyhow::Result<()> {
        let text = text.to_owned();
        self.command(|id| OperatorIn::Message { id, chat_id, text })
            .await
    }

    /// Closes the chat and ends the shift.
    pub async fn close(mut self, chat_id: i64) -> anyhow::Result<()> {
        let closed = self.command(|id| OperatorIn::Close { id, chat_id }).await;
        // Going off line is best effort: the server notices a dropped socket anyway.
        let _ = self.ws.close(None).await;
        closed
    }

    /// Sends a command and reads until its `ack` or `error`.
    async fn command(&mut self, make: impl FnOnce(String) -> OperatorIn) -> anyhow::Result<()> {
        self.sent += 1;
        // Unique across shifts and demo runs, as a console's ids are.
        let id = format!("colleague-{:08x}-{}", fastrand::u32(..), self.sent);
        self.ws
            .send(Message::text(encode(&make(id.clone()))))
            .await?;
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        loop {
            match self.next_frame(deadline).await? {
                OperatorOut::Ack { id: acked, .. } if acked == id => return Ok(()),
                OperatorOut::Error {
                    id: Some(refused),
                    code,
                    message,
                    ..
                } if refused == id => bail!("{code}: {message}"),
                _ => {}
            }
        }
    }

    /// The next text frame, as long as it comes before `deadline`.
    async fn next_frame(&mut self, deadline: Instant) -> anyhow::Result<OperatorOut> {
        loop {
            let frame = timeout_at(deadline, self.ws.next())
                .await
                .context("no answer from the server")?
                .context("the server closed the colleague's socket")??;
            if let Message::Text(text) = frame {
                return decode::<OperatorOut>(&text).context("decoding an operator frame");
            }
        }
    }
}
