//! Live events to an operator socket, packed under load: every event already queued goes
//! out in one write, and during a burst the socket is written at most every [`PACK_GAP`].
//! A flood of 500 messages a second then reaches the console as ~25 TCP segments instead
//! of 500, and the console wakes ~25 times instead of 500 (each wake-up costs it more than
//! the message does). A lone event after a quiet spell still goes out at once; in a burst an
//! event waits at most 40 ms, well under what a reader notices.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use frontdesk_protocol::Seq;
use futures_util::SinkExt;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::time::{Instant, sleep_until};

use super::AppState;
use crate::store::{StoredEvent, event_frame, read};

/// During a burst, the shortest time between two writes of events to one socket.
pub const PACK_GAP: Duration = Duration::from_millis(40);
/// Most events in one write (the socket's write buffer is bounded).
const PACK_MAX: usize = 512;
/// Replay reads the database in pages of this many events.
const REPLAY_PAGE: i64 = 1000;

/// When the next write of events may happen.
pub struct Packer {
    hold_until: Instant,
    last_write: Instant,
}

impl Packer {
    pub fn new() -> Self {
        let now = Instant::now();
        Self {
            hold_until: now,
            last_write: now - PACK_GAP,
        }
    }

    /// Events may be taken now.
    pub fn ready(&self) -> bool {
        Instant::now() >= self.hold_until
    }

    /// Resolves when events may be taken again.
    pub async fn wait(&self) {
        sleep_until(self.hold_until).await;
    }

    /// A write of `events` happened. Several at once, or one soon after the previous write,
    /// means a burst: hold the next write back.
    fn wrote(&mut self, events: usize) {
        let now = Instant::now();
        self.hold_until = if events > 1 || now < self.last_write + PACK_GAP {
            now + PACK_GAP
        } else {
            now
        };
        self.last_write = now;
    }
}

/// Sends `first` and every event queued behind it in one write; `Ok(false)` when the hub
/// is gone.
pub async fn deliver(
    socket: &mut WebSocket,
    app: &AppState,
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
                    let text = Message::text(event.operator_frame.as_ref());
                    socket.feed(text).await?;
                    *last_sent = event.seq;
                    sent += 1;
                }
            }
            // Fell behind the live buffer: fetch the gap from the database.
            Err(RecvError::Lagged(_)) => {
                socket.flush().await?;
                catch_up(socket, app, last_sent).await?;
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
    socket.flush().await?;
    packer.wrote(sent);
    Ok(true)
}

/// Sends every stored event after `last`, advancing it.
pub async fn catch_up(
    socket: &mut WebSocket,
    app: &AppState,
    last: &mut Seq,
) -> anyhow::Result<()> {
    loop {
        let page = read::events_after(&app.store.read, *last, REPLAY_PAGE).await?;
        let Some(&(newest, _, _)) = page.last() else {
            return Ok(());
        };
        for (seq, ts, payload) in &page {
            socket
                .feed(Message::text(event_frame(*seq, *ts, payload)))
                .await?;
        }
        socket.flush().await?;
        *last = newest;
    }
}
