//! What both WebSockets share: buffer sizing, sending frames, reading `hello` and the frames
//! after it, input bounds.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use frontdesk_protocol::{
    DecodeError, ErrorCode, MAX_BAN_REASON_CHARS, MAX_BAN_SECS, MIN_BAN_SECS, Replies, decode,
    encode,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::VariantNames;
use tokio::time::{Instant, Interval};

use super::answers::error_frame;
use crate::auth::body_hash;
use crate::config::{ConnectionLimits, Limits};

pub const BINARY_REFUSED: &str = "binary frames are not accepted; send JSON text";

/// The opening of every frame handler after `hello`: size check, decode, and the hash its
/// command id is stored with. A refused frame comes back as the error frame to send.
/// `decoder` is [`decode`] or a socket's quicker equivalent
/// ([`frontdesk_protocol::decode_visitor_in`]).
pub fn read_command<In, Out>(
    text: &str,
    limits: &Limits,
    decoder: fn(&str) -> Result<In, DecodeError>,
) -> Result<(In, String), String>
where
    In: Serialize,
    Out: Replies + Serialize,
{
    if text.len() > limits.max_frame_bytes {
        return Err(error_frame::<Out>(
            None,
            ErrorCode::FrameTooLarge,
            format!(
                "frame of {} bytes; at most {} are allowed",
                text.len(),
                limits.max_frame_bytes
            ),
        ));
    }
    let frame = decoder(text).map_err(|e| error_frame::<Out>(e.id, e.code, e.message))?;
    let hash = body_hash(&encode(&frame));
    Ok((frame, hash))
}

/// The answer to a second `hello`.
pub fn already_said_hello<Out: Replies + Serialize>() -> String {
    error_frame::<Out>(None, ErrorCode::InvalidState, "already said hello")
}

/// Reads the first frame, which must be `hello`; `hello_of` takes its fields out. Anything
/// else is answered with an error and the socket closed (1008). `None` then, and when the
/// socket closed or said nothing in time.
pub async fn read_hello<In, Out, H>(
    socket: &mut WebSocket,
    limits: &ConnectionLimits,
    hello_of: fn(In) -> Option<H>,
) -> Option<H>
where
    In: DeserializeOwned + VariantNames,
    Out: Replies + Serialize,
{
    let text = first_text(socket, limits).await?;
    let (frame, reason) = match decode::<In>(&text).map(hello_of) {
        Ok(Some(hello)) => return Some(hello),
        Ok(None) => (
            error_frame::<Out>(
                None,
                ErrorCode::HelloRequired,
                "the first frame must be `hello`",
            ),
            "hello required",
        ),
        Err(e) => (error_frame::<Out>(e.id, e.code, e.message), "bad hello"),
    };
    let _ = send(socket, &frame).await;
    close(socket, 1008, reason).await;
    None
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
pub use frontdesk_protocol::MAX_EXTRA_FIELDS;

/// Small buffers: tungstenite's defaults cost ~136 KB per idle socket. A 512-byte read
/// buffer fits nearly every visitor frame and still reads larger ones (more reads, same
/// result); it keeps tens of thousands of idle sockets cheap. The write buffer is only a
/// threshold (tungstenite allocates it as frames come, not up front): frames fed with
/// [`feed`] wait there, up to 16 KiB, for the next send, so a few frames cost one write. The
/// transport refuses frames over 4× the configured limit outright (close 1009); frames
/// between the limit and that get a `frame_too_large` error and the socket lives on.
pub fn sized(ws: WebSocketUpgrade, limits: &Limits) -> WebSocketUpgrade {
    let hard = limits.max_frame_bytes.saturating_mul(4).max(1024);
    ws.read_buffer_size(512)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(4 * 1024 * 1024)
        .max_message_size(hard)
        .max_frame_size(hard)
}

pub async fn send(socket: &mut WebSocket, text: &str) -> Result<(), axum::Error> {
    socket.send(Message::text(text)).await
}

/// Queues a frame in the socket's write buffer; the next [`send`] (or a full buffer) writes
/// it out together with that one.
pub async fn feed(socket: &mut WebSocket, text: &str) -> Result<(), axum::Error> {
    futures_util::SinkExt::feed(socket, Message::text(text)).await
}

/// Writes out what [`feed`] queued.
pub async fn flush(socket: &mut WebSocket) -> Result<(), axum::Error> {
    futures_util::SinkExt::flush(socket).await
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
/// socket with 1008 when nothing came within the `hello` deadline or it kept pinging instead.
pub async fn first_text(socket: &mut WebSocket, limits: &ConnectionLimits) -> Option<String> {
    let deadline = Duration::from_secs(limits.hello_timeout_secs.max(1));
    let first = tokio::time::timeout(deadline, async {
        let mut controls = 0;
        loop {
            let message = socket.recv().await;
            match incoming(socket, message).await {
                Incoming::Text(t) => return Some(t.as_str().to_owned()),
                // The transport answers pings itself; a client that keeps pinging instead of
                // saying hello would be served pongs until the deadline.
                Incoming::Control if controls < MAX_CONTROL_BEFORE_HELLO => controls += 1,
                Incoming::Control => {
                    close(socket, 1008, "hello required").await;
                    return None;
                }
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

/// WebSocket pings and pongs a socket may send before its `hello`: a few prove a live link.
const MAX_CONTROL_BEFORE_HELLO: usize = 8;

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

/// The bounds of a `ban`: a period of one minute to a year, a reason that is not blank and
/// not longer than [`MAX_BAN_REASON_CHARS`]. The refusal is `invalid_frame` with this text.
pub fn check_ban(duration_secs: u32, reason: &str) -> Result<(), String> {
    if !(MIN_BAN_SECS..=MAX_BAN_SECS).contains(&duration_secs) {
        return Err(format!(
            "duration_secs is {duration_secs}; a ban lasts {MIN_BAN_SECS} to {MAX_BAN_SECS} seconds (a minute to a year)"
        ));
    }
    if reason.trim().is_empty() {
        return Err("a ban needs a reason".into());
    }
    let chars = reason.chars().count();
    if chars > MAX_BAN_REASON_CHARS {
        return Err(format!(
            "the reason has {chars} characters; at most {MAX_BAN_REASON_CHARS} are allowed"
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
