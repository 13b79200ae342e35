//! The operator socket for tail: `hello` with the resume point, frames to the [`Follower`],
//! and after a lost connection (a restart, a network hiccup) the next one, with back-off,
//! resuming after the last event taken.

use std::io::Write;
use std::time::Duration;

use frontdesk_protocol::{
    ChatState, ErrorCode, FormerOperator, OperatorIn, OperatorInfo, OperatorOut, Seq,
    decode_operator_out, encode,
};
use futures_util::{SinkExt, StreamExt};
use tokio::time::{Instant, sleep, timeout};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

use super::TailError;
use super::follow::{Flow, Follower};
use crate::net::Backoff;

use crate::net::{Socket, next_frame};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const WELCOME_TIMEOUT: Duration = Duration::from_secs(10);
/// Quiet this long, we ping; quiet this long again, the connection is taken for dead
/// (a half-open TCP connection never reports an error by itself).
const PING_AFTER: Duration = Duration::from_secs(20);

/// How one connection ended, when tail goes on.
enum End {
    Lost(String),
    OutputClosed,
}

/// Follows the stream until the output closes; only a refused session ends it with an error.
pub async fn follow<W: Write>(
    url: &str,
    token: &str,
    follower: &mut Follower<W>,
) -> Result<(), TailError> {
    let mut backoff = Backoff::new();
    loop {
        let reason = match timeout(CONNECT_TIMEOUT, connect_async(url)).await {
            Ok(Ok((socket, _))) => match session(socket, token, follower, &mut backoff).await? {
                End::OutputClosed => return Ok(()),
                End::Lost(reason) => reason,
            },
            Ok(Err(e)) => e.to_string(),
            Err(_) => "connecting timed out".to_owned(),
        };
        let delay = backoff.next_delay();
        let said = super::words()
            .note_retry
            .replace("{reason}", &reason)
            .replace("{secs}", &format!("{:.1}", delay.as_secs_f64()));
        super::note(format_args!("{said}"));
        sleep(delay).await;
    }
}

/// One connection: hello, welcome, then frames until it drops.
async fn session<W: Write>(
    mut socket: Socket,
    token: &str,
    follower: &mut Follower<W>,
    backoff: &mut Backoff,
) -> Result<End, TailError> {
    let since = follower.cursor();
    if let Err(e) = hello(&mut socket, token, since).await {
        return Ok(End::Lost(e));
    }
    match welcome(&mut socket).await? {
        Ok(true) => backoff.reset(),
        Ok(false) => {}
        Err(reason) => return Ok(End::Lost(reason)),
    }
    let mut last_heard = Instant::now();
    let mut pinged = false;
    loop {
        let quiet = if pinged { 2 * PING_AFTER } else { PING_AFTER };
        let next = match timeout(quiet.saturating_sub(last_heard.elapsed()), socket.next()).await {
            Ok(next) => next,
            Err(_) if pinged => return Ok(End::Lost("no answer from the server".to_owned())),
            Err(_) => {
                pinged = true;
                if let Err(e) = socket.send(Message::text(encode(&OperatorIn::Ping))).await {
                    return Ok(End::Lost(e.to_string()));
                }
                continue;
            }
        };
        last_heard = Instant::now();
        pinged = false;
        let frame = match next {
            None => return Ok(End::Lost("connection closed".to_owned())),
            Some(Err(e)) => return Ok(End::Lost(e.to_string())),
            Some(Ok(Message::Close(_))) => return Ok(End::Lost("closed by the server".to_owned())),
            Some(Ok(Message::Text(text))) => match decode_operator_out(text.as_str()) {
                Ok(frame) => frame,
                Err(e) => {
                    tracing::warn!("undecodable frame from the server: {e}");
                    continue;
                }
            },
            Some(Ok(_)) => continue,
        };
        // Only a complete picture proves the connection works: then back-off starts over.
        if matches!(frame, OperatorOut::Snapshot { .. }) {
            backoff.reset();
        }
        if follower.on_frame(frame)? == Flow::OutputClosed {
            let _ = socket.close(None).await;
            return Ok(End::OutputClosed);
        }
    }
}

async fn hello(socket: &mut Socket, token: &str, since: Option<Seq>) -> Result<(), String> {
    let hello = OperatorIn::Hello {
        token: token.to_owned(),
        since,
        pack_ms: None,
    };
    socket
        .send(Message::text(encode(&hello)))
        .await
        .map_err(|e| e.to_string())
}

/// Waits for `welcome`: `Ok(Ok(resumed))`, `Ok(Err(reason))` for a connection to drop and
/// retry, `Err` when the session is refused (retrying cannot help).
async fn welcome(socket: &mut Socket) -> Result<Result<bool, String>, TailError> {
    match timeout(WELCOME_TIMEOUT, next_frame(socket)).await {
        Ok(Ok(OperatorOut::Welcome { resumed, .. })) => Ok(Ok(resumed)),
        Ok(Ok(OperatorOut::Error {
            code: ErrorCode::Unauthorized,
            ..
        })) => Err(TailError::SessionRefused),
        Ok(Ok(other)) => Ok(Err(format!("unexpected answer to hello: {other:?}"))),
        Ok(Err(reason)) => Ok(Err(reason)),
        Err(_) => Ok(Err("no welcome from the server".to_owned())),
    }
}

/// The current picture (`--since` reads history against it): one connection without
/// `since`, read up to its `snapshot`, retried with back-off while the server is away.
pub async fn snapshot(url: &str, token: &str) -> Result<Snapshot, TailError> {
    let mut backoff = Backoff::new();
    loop {
        let reason = match timeout(CONNECT_TIMEOUT, connect_async(url)).await {
            Ok(Ok((mut socket, _))) => match read_snapshot(&mut socket, token).await? {
                Ok(picture) => {
                    let _ = socket.close(None).await;
                    return Ok(picture);
                }
                Err(reason) => reason,
            },
            Ok(Err(e)) => e.to_string(),
            Err(_) => "connecting timed out".to_owned(),
        };
        let delay = backoff.next_delay();
        let said = super::words()
            .note_no_snapshot
            .replace("{reason}", &reason)
            .replace("{secs}", &format!("{:.1}", delay.as_secs_f64()));
        super::note(format_args!("{said}"));
        sleep(delay).await;
    }
}

/// A snapshot's `seq`, chats, operators and former operators.
pub type Snapshot = (Seq, Vec<ChatState>, Vec<OperatorInfo>, Vec<FormerOperator>);

async fn read_snapshot(
    socket: &mut Socket,
    token: &str,
) -> Result<Result<Snapshot, String>, TailError> {
    if let Err(e) = hello(socket, token, None).await {
        return Ok(Err(e));
    }
    if let Err(reason) = welcome(socket).await? {
        return Ok(Err(reason));
    }
    let mut parts = Vec::new();
    loop {
        match next_frame(socket).await {
            Ok(OperatorOut::SnapshotPart { chats, .. }) => parts.extend(chats),
            Ok(OperatorOut::Snapshot {
                seq,
                chats,
                operators,
                former_operators,
            }) => {
                parts.extend(chats);
                return Ok(Ok((seq, parts, operators, former_operators)));
            }
            Ok(_) => {}
            Err(reason) => return Ok(Err(reason)),
        }
    }
}
