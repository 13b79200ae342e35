//! The operator WebSocket task: connect, `hello` (resuming from the last seq), forward frames,
//! resend unacknowledged commands after every reconnect, back off between attempts.

use std::time::Duration;

use frontdesk_protocol::{ErrorCode, OperatorIn, OperatorOut, Seq, decode_operator_out, encode};
use futures_util::{FutureExt, SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until, timeout};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::connect::{CONNECT_TIMEOUT, WELCOME_TIMEOUT, connect, next_frame};
use super::{Backoff, NetCommand, NetEvent, Outbox, Rest};

pub(crate) type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Quiet time after which we ping; the server pings every 20 s by default anyway.
const PING_AFTER: Duration = Duration::from_secs(20);
/// Quiet time after which the connection is taken for dead (half-open TCP never errors).
const DEAD_AFTER: Duration = Duration::from_secs(45);
/// While frames pour in, the socket is read at most this often. Each wake-up then takes every
/// frame that arrived meanwhile, instead of one wake-up, one read and one trip through the
/// console's loop per frame: during a 500/s flood that is most of the console's CPU. A frame
/// after a quiet spell is read at once; frames are drawn at most every 33 ms anyway. (12 ms
/// was tried, to hold a burst's last packet back less: it sometimes showed the last message
/// 0.3 s late instead, not explained; docs/benchmarks.md, the last message.)
const READ_GAP: Duration = Duration::from_millis(25);

/// Asked of the server in `hello`: during a burst, live events may wait this long to come
/// together in one packet; each packet saved is a wake-up saved (in a flood the screen is
/// drawn every 200 ms, so 80 ms costs nothing seen; it took a fifth off the console's CPU
/// against 40 ms: docs/benchmarks.md). At a burst's end the server does not wait: what it
/// holds goes at once with a `quiet` frame once nothing new has come for 10 ms.
const PACK_MS: u32 = 80;

/// Socket messages handled in one wake-up before commands and timers get a look in.
const READ_BATCH: usize = 512;

/// How one connection ended.
enum End {
    Lost(String),
    AuthFailed,
    /// Asked to reconnect at once.
    Reconnect,
    /// The console is gone.
    Stop,
}

/// Connection state carried from one connection to the next.
struct Carry {
    outbox: Outbox,
    last_seq: Option<Seq>,
    backoff: Backoff,
    /// REST reads the loop asks for through this task (`side_reads.rs`).
    rest: Rest,
}

pub(super) async fn run(
    url: String,
    token: String,
    mut commands: mpsc::UnboundedReceiver<NetCommand>,
    events: mpsc::Sender<NetEvent>,
    rest: Rest,
) {
    let mut carry = Carry {
        outbox: Outbox::new(),
        last_seq: None,
        backoff: Backoff::new(),
        rest,
    };
    loop {
        if events.send(NetEvent::Connecting).await.is_err() {
            return;
        }
        let reason = match timeout(CONNECT_TIMEOUT, connect(url.as_str())).await {
            Ok(Ok((socket, _))) => {
                match session(socket, &token, &mut carry, &mut commands, &events).await {
                    End::Lost(reason) => reason,
                    End::Reconnect => continue,
                    End::Stop => return,
                    End::AuthFailed => {
                        let _ = events.send(NetEvent::AuthFailed).await;
                        return;
                    }
                }
            }
            Ok(Err(e)) => e.to_string(),
            Err(_) => "connection timed out".to_owned(),
        };
        let retry_in = carry.backoff.next_delay();
        tracing::info!(%reason, ?retry_in, queued = carry.outbox.len(), "disconnected");
        if events
            .send(NetEvent::Disconnected { reason, retry_in })
            .await
            .is_err()
        {
            return;
        }
        // Wait out the delay, still taking commands: they are queued for the next connection.
        let deadline = Instant::now() + retry_in;
        loop {
            tokio::select! {
                () = sleep_until(deadline) => break,
                cmd = commands.recv() => match cmd {
                    None => return,
                    Some(NetCommand::Send(frame)) => { carry.outbox.push(&frame); }
                    Some(NetCommand::Reconnect) => break,
                    Some(NetCommand::Read(what)) => carry.rest.read(what, events.clone()),
                },
            }
        }
    }
}

async fn session(
    mut socket: Socket,
    token: &str,
    carry: &mut Carry,
    commands: &mut mpsc::UnboundedReceiver<NetCommand>,
    events: &mpsc::Sender<NetEvent>,
) -> End {
    let hello = OperatorIn::Hello {
        token: token.to_owned(),
        since: carry.last_seq,
        pack_ms: Some(PACK_MS),
    };
    if let Err(e) = socket.send(Message::text(encode(&hello))).await {
        return End::Lost(e.to_string());
    }
    match timeout(WELCOME_TIMEOUT, next_frame(&mut socket)).await {
        Ok(Ok(welcome @ OperatorOut::Welcome { resumed, .. })) => {
            if events.send(NetEvent::Connected).await.is_err()
                || events
                    .send(NetEvent::Frame(Box::new(welcome)))
                    .await
                    .is_err()
            {
                return End::Stop;
            }
            // Resuming keeps the picture we have; otherwise the snapshot completes it.
            if resumed && synced(carry, events).await.is_err() {
                return End::Stop;
            }
        }
        Ok(Ok(OperatorOut::Error {
            code: ErrorCode::Unauthorized,
            ..
        })) => return End::AuthFailed,
        Ok(Ok(other)) => return End::Lost(format!("unexpected answer to hello: {other:?}")),
        Ok(Err(reason)) => return End::Lost(reason),
        Err(_) => return End::Lost("no welcome from the server".to_owned()),
    }
    // Everything not yet acknowledged goes out again, in order, with the same ids.
    let resend: Vec<String> = carry.outbox.pending().map(encode).collect();
    if !resend.is_empty() {
        tracing::info!(count = resend.len(), "resending unacknowledged commands");
    }
    for text in resend {
        if let Err(e) = socket.send(Message::text(text)).await {
            return End::Lost(e.to_string());
        }
    }
    let mut last_heard = Instant::now();
    let mut pinged = false;
    let mut read_after = Instant::now();
    // A frame that came within a burst's read gap waits here, with what was already buffered
    // behind it, until the gap is over, and then goes with everything that came behind it.
    // Only then is a timer needed: with a server that packs its writes (`PACK_MS`) frames
    // never come that soon, so the gap costs no wake-up of its own. The server's `quiet` (its
    // packed burst paused) is never held: the loop draws the burst's last message on it.
    let mut held: Vec<Incoming> = Vec::new();
    loop {
        let wake = last_heard + if pinged { DEAD_AFTER } else { PING_AFTER };
        tokio::select! {
            cmd = commands.recv() => match cmd {
                None => {
                    let _ = socket.close(None).await;
                    return End::Stop;
                }
                Some(NetCommand::Reconnect) => return End::Reconnect,
                Some(NetCommand::Read(what)) => {
                    carry.rest.read(what, events.clone());
                    continue;
                }
                Some(NetCommand::Send(frame)) => {
                    carry.outbox.push(&frame);
                    if let Err(e) = socket.send(Message::text(encode(&frame))).await {
                        return End::Lost(e.to_string());
                    }
                    continue;
                }
            },
            msg = socket.next(), if held.is_empty() => {
                held.push(msg);
                let now = Instant::now();
                if now < read_after {
                    take_waiting(&mut socket, &mut held);
                }
                if hold(now, read_after, &held) {
                    continue;
                }
            },
            () = sleep_until(read_after), if !held.is_empty() => {},
            () = sleep_until(wake) => {
                if pinged {
                    return End::Lost("no answer from the server".to_owned());
                }
                pinged = true;
                if let Err(e) = socket.send(Message::text(encode(&OperatorIn::Ping))).await {
                    return End::Lost(e.to_string());
                }
                continue;
            },
        }
        let woke = Instant::now();
        let soon = woke < last_heard + READ_GAP;
        last_heard = woke;
        pinged = false;
        let taken = match take_buffered(std::mem::take(&mut held), &mut socket, carry, events).await
        {
            Ok(taken) => taken,
            Err(end) => return end,
        };
        // Several frames at once, or a wake-up soon after the previous one, means a burst:
        // hold the next read back.
        read_after = if soon || taken > 1 {
            woke + READ_GAP
        } else {
            woke
        };
    }
}

/// What one read of the socket gives.
type Incoming = Option<Result<Message, tokio_tungstenite::tungstenite::Error>>;

/// Handles the frames read so far and every frame already buffered behind them, in one
/// wake-up; how many.
async fn take_buffered(
    mut read: Vec<Incoming>,
    socket: &mut Socket,
    carry: &mut Carry,
    events: &mpsc::Sender<NetEvent>,
) -> Result<usize, End> {
    take_waiting(socket, &mut read);
    let taken = read.len();
    for msg in read {
        on_message(msg, carry, events).await?;
    }
    Ok(taken)
}

/// Moves the frames already buffered behind those in `held` there (up to a read's batch),
/// stopping at the end of the stream: nothing comes after it.
fn take_waiting(socket: &mut Socket, held: &mut Vec<Incoming>) {
    while held.len() < READ_BATCH && !held.last().is_some_and(ends) {
        match socket.next().now_or_never() {
            Some(msg) => held.push(msg),
            None => break,
        }
    }
}

/// Whether a read ends the session (the stream closed, failed, or the server closed it).
fn ends(msg: &Incoming) -> bool {
    matches!(msg, None | Some(Err(_)) | Some(Ok(Message::Close(_))))
}

/// Whether frames read at `now` wait for the read gap's end: only inside the gap, and never
/// when the server said its burst paused among them.
fn hold(now: Instant, read_after: Instant, read: &[Incoming]) -> bool {
    now < read_after && !read.iter().any(says_quiet)
}

/// Whether a frame is the server's `quiet` (it is tiny; anything longer is not).
fn says_quiet(msg: &Incoming) -> bool {
    matches!(msg, Some(Ok(Message::Text(text)))
        if text.len() < 64
            && matches!(decode_operator_out(text.as_str()), Ok(OperatorOut::Quiet)))
}

/// Handles one message from the socket; `Err` says how the session ends.
async fn on_message(
    msg: Incoming,
    carry: &mut Carry,
    events: &mpsc::Sender<NetEvent>,
) -> Result<(), End> {
    match msg {
        None => Err(End::Lost("connection closed".to_owned())),
        Some(Err(e)) => Err(End::Lost(e.to_string())),
        Some(Ok(Message::Close(frame))) => {
            let why = frame.map(|f| f.reason.to_string()).unwrap_or_default();
            Err(End::Lost(
                format!("closed by server {why}").trim().to_owned(),
            ))
        }
        Some(Ok(Message::Text(text))) => match decode_operator_out(text.as_str()) {
            Ok(frame) => {
                track(carry, &frame);
                let complete = matches!(frame, OperatorOut::Snapshot { .. });
                if events.send(NetEvent::Frame(Box::new(frame))).await.is_err() {
                    return Err(End::Stop);
                }
                if complete {
                    synced(carry, events).await.map_err(|()| End::Stop)?;
                }
                Ok(())
            }
            Err(e) => {
                tracing::warn!("undecodable frame from server: {e}");
                Ok(())
            }
        },
        Some(Ok(_)) => Ok(()),
    }
}

/// In sync with the server: only now has the connection worked, so the next loss starts the
/// back-off from the beginning (a server that drops every console mid-snapshot is not
/// retried at full speed forever).
async fn synced(carry: &mut Carry, events: &mpsc::Sender<NetEvent>) -> Result<(), ()> {
    carry.backoff.reset();
    events.send(NetEvent::Synced).await.map_err(|_| ())
}

/// Remembers what a reconnect needs: the resume point and which commands are settled.
fn track(carry: &mut Carry, frame: &OperatorOut) {
    match frame {
        OperatorOut::Event { seq, .. } => {
            carry.last_seq = Some(carry.last_seq.map_or(*seq, |s| s.max(*seq)));
        }
        // Only a complete snapshot is a point to resume from; its parts are not.
        OperatorOut::Snapshot { seq, .. } => carry.last_seq = Some(*seq),
        OperatorOut::Resync { .. } => carry.last_seq = None,
        // Reads are answered by their result, not by an `ack`.
        OperatorOut::Ack { id, .. }
        | OperatorOut::Error { id: Some(id), .. }
        | OperatorOut::History { id, .. }
        | OperatorOut::VisitorChats { id, .. }
        | OperatorOut::Bans { id, .. }
        | OperatorOut::TeamHistory { id, .. } => {
            carry.outbox.settle(id);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Incoming {
        Some(Ok(Message::text(s)))
    }

    #[test]
    fn frames_inside_the_read_gap_wait_unless_the_server_said_quiet() {
        let now = Instant::now();
        let gap_ends = now + READ_GAP;
        let event = text(r#"{"v":1,"type":"pong"}"#);
        let quiet = text(r#"{"v":1,"type":"quiet"}"#);
        assert!(hold(now, gap_ends, &[event]));
        let event = text(r#"{"v":1,"type":"pong"}"#);
        assert!(!hold(now, gap_ends, &[event, quiet]), "quiet goes at once");
        let event = text(r#"{"v":1,"type":"pong"}"#);
        assert!(!hold(gap_ends, gap_ends, &[event]), "the gap is over");
        // Anything that is not a `quiet` frame is not taken for one.
        assert!(!says_quiet(&text(r#"{"v":1,"type":"pong","x":"quiet"}"#)));
        assert!(!says_quiet(&None));
    }

    #[test]
    fn reading_ahead_stops_where_the_stream_ends() {
        assert!(ends(&None));
        assert!(ends(&Some(Ok(Message::Close(None)))));
        assert!(!ends(&text(r#"{"v":1,"type":"quiet"}"#)));
    }
}
