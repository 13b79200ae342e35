//! What both WebSockets share: buffer sizing, sending frames, reading the first frame,
//! input bounds.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use frontdesk_protocol::{ErrorCode, decode};
use futures_util::stream::FuturesOrdered;
use serde::de::DeserializeOwned;
use strum::VariantNames;
use tokio::time::{Instant, Interval};

use super::AppState;
use crate::config::{ConnectionLimits, Limits};
use crate::store::{Ack, Cmd, Reply};

/// Answers still being worked on (writer commands, history reads), sent in arrival order.
pub type Pending = FuturesOrdered<Pin<Box<dyn Future<Output = String> + Send>>>;

pub const BINARY_REFUSED: &str = "binary frames are not accepted; send JSON text";

/// Why a frame was refused before it reached the writer.
pub struct Refusal {
    pub id: Option<String>,
    pub code: ErrorCode,
    pub message: String,
}

/// Size check, then decode.
pub fn parse<T: DeserializeOwned + VariantNames>(
    text: &str,
    limits: &Limits,
) -> Result<T, Refusal> {
    if text.len() > limits.max_frame_bytes {
        return Err(Refusal {
            id: None,
            code: ErrorCode::FrameTooLarge,
            message: format!(
                "frame of {} bytes; at most {} are allowed",
                text.len(),
                limits.max_frame_bytes
            ),
        });
    }
    decode::<T>(text).map_err(|e| Refusal {
        id: e.id,
        code: e.code,
        message: e.message,
    })
}

/// Queues a command for the writer; its answer (an ack or an error frame, built by the
/// socket's own frame types) joins `pending`.
pub fn submit(
    pending: &mut Pending,
    app: &Arc<AppState>,
    client_id: String,
    cmd: Cmd,
    ack_frame: fn(String, Ack) -> String,
    error_frame: fn(Option<String>, ErrorCode, String) -> String,
) {
    let app = app.clone();
    pending.push_back(Box::pin(async move {
        match app.store.run(cmd).await {
            Ok(Reply::Ack(ack)) => ack_frame(client_id, ack),
            Ok(_) => error_frame(
                Some(client_id),
                ErrorCode::Internal,
                "unexpected answer".into(),
            ),
            Err(e) => error_frame(Some(client_id), e.code, e.message),
        }
    }));
}

/// What came in on a socket, sorted by what the session loop does with it.
pub enum Incoming {
    Text(Utf8Bytes),
    Binary,
    /// Ping or pong: proof of life, nothing to do.
    Control,
    Closed,
}

/// Sorts what came in. A read error ends the socket; one for a frame over the transport's
/// hard limit is first answered with close 1009.
pub async fn incoming(
    socket: &mut WebSocket,
    message: Option<Result<Message, axum::Error>>,
) -> Incoming {
    match message {
        Some(Ok(Message::Text(text))) => Incoming::Text(text),
        Some(Ok(Message::Binary(_))) => Incoming::Binary,
        Some(Ok(Message::Ping(_) | Message::Pong(_))) => Incoming::Control,
        Some(Err(e)) => {
            // Boxed: this rare path (a close frame and a linger timer) would otherwise size
            // every long-lived session future that awaits `incoming` (~1.7 KB an idle socket).
            Box::pin(close_if_too_large(socket, &e)).await;
            Incoming::Closed
        }
        Some(Ok(Message::Close(_))) | None => Incoming::Closed,
    }
}

/// How long a socket closed for an oversized frame stays open after the close frame: its
/// unread rest would make closing at once a reset, which may reach the client before the
/// close frame does.
const CLOSE_LINGER: Duration = Duration::from_millis(250);

/// Sends close 1009 when `error` is a frame over the transport's hard limit (nothing of it
/// beyond its header has been read).
async fn close_if_too_large(socket: &mut WebSocket, error: &axum::Error) {
    let too_large = std::error::Error::source(error)
        .and_then(|e| e.downcast_ref::<tungstenite::Error>())
        .is_some_and(|e| matches!(e, tungstenite::Error::Capacity(_)));
    if too_large {
        close(socket, 1009, "frame too large").await;
        tokio::time::sleep(CLOSE_LINGER).await;
    }
}

/// Liveness: a ping every third of the idle timeout; a socket silent for the whole timeout
/// is closed.
pub struct Heartbeat {
    idle: Duration,
    ticks: Interval,
    last_heard: Instant,
}

impl Heartbeat {
    pub fn new(limits: &Limits) -> Self {
        let idle = Duration::from_secs(limits.idle_timeout_secs.max(3));
        Self {
            idle,
            ticks: tokio::time::interval(idle / 3),
            last_heard: Instant::now(),
        }
    }

    pub fn heard(&mut self) {
        self.last_heard = Instant::now();
    }

    pub async fn tick(&mut self) {
        self.ticks.tick().await;
    }

    /// After a tick: pings and returns `true`, or closes an idle socket and returns `false`.
    pub async fn beat(&self, socket: &mut WebSocket) -> Result<bool, axum::Error> {
        if self.last_heard.elapsed() > self.idle {
            close(socket, 1000, "idle timeout").await;
            return Ok(false);
        }
        socket.send(Message::Ping(Default::default())).await?;
        Ok(true)
    }
}

/// Longest URL, referrer or title kept; longer ones are cut.
pub const MAX_URL_CHARS: usize = 2048;
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_FIELD_CHARS: usize = 500;
pub const MAX_EXTRA_FIELDS: usize = 20;

/// Small buffers: tungstenite's defaults cost ~136 KB per idle socket. A 512-byte read
/// buffer fits nearly every visitor frame and still reads larger ones (more reads, same
/// result); it keeps tens of thousands of idle sockets cheap. The
/// transport refuses frames over 4× the configured limit outright (close 1009); frames
/// between the limit and that get a `frame_too_large` error and the socket lives on.
pub fn sized(ws: WebSocketUpgrade, limits: &Limits) -> WebSocketUpgrade {
    let hard = limits.max_frame_bytes.saturating_mul(4).max(1024);
    ws.read_buffer_size(512)
        .write_buffer_size(0)
        .max_write_buffer_size(4 * 1024 * 1024)
        .max_message_size(hard)
        .max_frame_size(hard)
}

pub async fn send(socket: &mut WebSocket, text: &str) -> Result<(), axum::Error> {
    socket.send(Message::text(text)).await
}

pub async fn close(socket: &mut WebSocket, code: u16, reason: &str) {
    let _ = socket
        .send(Message::Close(Some(CloseFrame {
            code,
            reason: reason.into(),
        })))
        .await;
}

/// Reads text frames until one arrives; `None` on close or error, and after closing the
/// socket with 1008 when nothing came within the `hello` deadline.
pub async fn first_text(socket: &mut WebSocket, limits: &ConnectionLimits) -> Option<String> {
    let deadline = Duration::from_secs(limits.hello_timeout_secs.max(1));
    let first = tokio::time::timeout(deadline, async {
        loop {
            let message = socket.recv().await;
            match incoming(socket, message).await {
                Incoming::Text(t) => return Some(t.as_str().to_owned()),
                Incoming::Control => {}
                Incoming::Binary | Incoming::Closed => return None,
            }
        }
    })
    .await;
    match first {
        Ok(text) => text,
        Err(_) => {
            close(socket, 1008, "hello timeout").await;
            None
        }
    }
}

/// Checks a message text against the limits: not blank, not too long.
pub fn check_text(text: &str, limits: &Limits) -> Result<(), (ErrorCode, String)> {
    if text.trim().is_empty() {
        return Err((ErrorCode::InvalidFrame, "the message is empty".into()));
    }
    let chars = text.chars().count();
    if chars > limits.max_message_chars {
        return Err((
            ErrorCode::MessageTooLong,
            format!(
                "the message has {chars} characters; at most {} are allowed",
                limits.max_message_chars
            ),
        ));
    }
    Ok(())
}

/// Cuts visitor-supplied metadata to a bound instead of refusing the whole frame.
pub fn bound(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text.to_owned(),
    }
}

pub fn bound_opt(text: Option<&str>, max_chars: usize) -> Option<String> {
    text.map(|t| bound(t, max_chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_cuts_on_char_boundaries() {
        assert_eq!(bound("привет", 3), "при");
        assert_eq!(bound("hi", 3), "hi");
    }

    #[test]
    fn text_checks() {
        let limits = Limits {
            max_message_chars: 5,
            ..Limits::default()
        };
        assert!(check_text("абвгд", &limits).is_ok());
        assert_eq!(
            check_text("абвгде", &limits).map_err(|e| e.0),
            Err(ErrorCode::MessageTooLong)
        );
        assert_eq!(
            check_text("  \n", &limits).map_err(|e| e.0),
            Err(ErrorCode::InvalidFrame)
        );
    }
}
