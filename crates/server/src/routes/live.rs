//! Live events to an operator socket. Every event already queued goes out in one write; and
//! a client that asks for it in `hello` (`pack_ms`, the console asks for 80) gets a burst
//! packed: the socket is written at most every `pack_ms` while events pour in. A flood of
//! 500 messages a second then reaches the console as ~12 TCP segments a second instead of 500,
//! and the console wakes ~12 times instead of 500 (each wake-up costs it more than a message).
//! A lone event after a quiet spell still goes out at once, and a held burst that pauses goes
//! out at once with a `quiet` frame after it. When to write is `packer.rs`'s to say.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket};
use frontdesk_protocol::{OperatorOut, Seq, encode};
use futures_util::SinkExt;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::time::Instant;

use super::AppState;
use super::packer::Packer;
use crate::store::{Reader, StoredEvent, event_frame};

/// Most events in one write (the socket's write buffer is bounded).
const PACK_MAX: usize = 512;
/// Replay reads the database in pages of this many events.
const REPLAY_PAGE: i64 = 1000;

/// Sends `first` and every event queued behind it that `reader` may read in one write;
/// `Ok(false)` when the hub is gone.
pub async fn deliver(
    socket: &mut WebSocket,
    app: &AppState,
    reader: Reader,
    events: &mut Receiver<Arc<StoredEvent>>,
    first: Result<Arc<StoredEvent>, RecvError>,
    last_sent: &mut Seq,
    packer: &mut Packer,
) -> anyhow::Result<bool> {
    let mut next = first;
    let mut sent = 0;
    for _ in 0..PACK_MAX {
        match next {
            Ok(event) => {
                if event.seq > *last_sent {
                    // The frame is encoded once for all sockets; the check is a comparison.
                    if event.audience.admits(reader) {
                        let text = Message::text(event.operator_frame.as_ref());
                        socket.feed(text).await?;
                        sent += 1;
                    }
                    *last_sent = event.seq;
                }
            }
            // Fell behind the live buffer: fetch the gap from the database.
            Err(RecvError::Lagged(_)) => {
                socket.flush().await?;
                catch_up(socket, app, reader, last_sent).await?;
            }
            Err(RecvError::Closed) => return Ok(false),
        }
        next = match events.try_recv() {
            Ok(event) => Ok(event),
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Lagged(n)) => Err(RecvError::Lagged(n)),
            Err(TryRecvError::Closed) => Err(RecvError::Closed),
        };
    }
    // The burst paused while these were held: say so after them, so the client draws now.
    if packer.take_quiet() {
        socket
            .feed(Message::text(encode(&OperatorOut::Quiet)))
            .await?;
    }
    socket.flush().await?;
    packer.wrote(sent, Instant::now());
    Ok(true)
}

/// Sends every stored event after `last` that `reader` may read (the audience stored with
/// it, as for live delivery), advancing `last`.
pub async fn catch_up(
    socket: &mut WebSocket,
    app: &AppState,
    reader: Reader,
    last: &mut Seq,
) -> anyhow::Result<()> {
    loop {
        let page = app.store.events_after(*last, REPLAY_PAGE).await?;
        let Some(newest) = page.last().map(|e| e.seq) else {
            return Ok(());
        };
        for event in page.iter().filter(|e| e.audience.admits(reader)) {
            let frame = event_frame(event.seq, event.ts, &event.payload);
            socket.feed(Message::text(frame)).await?;
        }
        socket.flush().await?;
        *last = newest;
    }
}
