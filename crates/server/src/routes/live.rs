//! Live events to an operator socket. Every event already queued goes out in one write; and
//! a client that asks for it in `hello` (`pack_ms`, the console asks for 40) gets a burst
//! packed: the socket is written at most every `pack_ms` while events pour in. A flood of
//! 500 messages a second then reaches the console as ~25 TCP segments instead of 500, and the
//! console wakes ~25 times instead of 500 (each wake-up costs it more than the message does).
//! A lone event after a quiet spell still goes out at once. Clients that do not ask (the load
//! generator, which measures delivery latency) get every event at once.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use frontdesk_protocol::Seq;
use futures_util::SinkExt;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::time::{Instant, sleep_until};

use super::AppState;
use crate::store::{Reader, StoredEvent, event_frame};

/// The longest packing wait a client may ask for.
pub const MAX_PACK: Duration = Duration::from_millis(100);
/// Most events in one write (the socket's write buffer is bounded).
const PACK_MAX: usize = 512;
/// Replay reads the database in pages of this many events.
const REPLAY_PAGE: i64 = 1000;

/// The packing wait a client asked for in `hello`, bounded; zero when it did not ask.
pub fn pack_gap(pack_ms: Option<u32>) -> Duration {
    Duration::from_millis(pack_ms.map_or(0, u64::from)).min(MAX_PACK)
}

/// When the next write of events may happen.
pub struct Packer {
    /// During a burst, the shortest time between two writes (zero: never hold).
    gap: Duration,
    hold_until: Instant,
    last_write: Instant,
}

impl Packer {
    pub fn new(now: Instant, gap: Duration) -> Self {
        Self {
            gap,
            hold_until: now,
            last_write: now.checked_sub(gap).unwrap_or(now),
        }
    }

    /// Events may be taken at `now`.
    pub fn ready(&self, now: Instant) -> bool {
        now >= self.hold_until
    }

    /// Resolves when events may be taken again.
    pub async fn wait(&self) {
        sleep_until(self.hold_until).await;
    }

    /// A write of `events` happened at `now`. Several at once, or one soon after the previous
    /// write, means a burst: hold the next write back.
    fn wrote(&mut self, events: usize, now: Instant) {
        let burst = events > 1 || now < self.last_write + self.gap;
        self.hold_until = if burst && !self.gap.is_zero() {
            now + self.gap
        } else {
            now
        };
        self.last_write = now;
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_event_goes_at_once_and_a_burst_is_held_back() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let gap = 40;
        let mut packer = Packer::new(t0, Duration::from_millis(gap));
        assert!(packer.ready(t0));
        packer.wrote(1, t0);
        // Quiet before: the next event may go at once.
        assert!(packer.ready(at(2 * gap)));
        packer.wrote(1, at(2 * gap));
        // A second write soon after: a burst, held for the gap.
        packer.wrote(1, at(2 * gap + 5));
        assert!(!packer.ready(at(2 * gap + 6)));
        assert!(!packer.ready(at(3 * gap + 4)));
        assert!(packer.ready(at(3 * gap + 5)));
        // Several events in one write are a burst too, however long the quiet before.
        packer.wrote(7, at(20 * gap));
        assert!(!packer.ready(at(20 * gap + 1)));
        assert!(packer.ready(at(21 * gap)));
    }

    #[test]
    fn without_asking_every_event_goes_at_once() {
        assert_eq!(pack_gap(None), Duration::ZERO);
        assert_eq!(pack_gap(Some(40)), Duration::from_millis(40));
        assert_eq!(pack_gap(Some(u32::MAX)), MAX_PACK);
        let t0 = Instant::now();
        let mut packer = Packer::new(t0, pack_gap(None));
        packer.wrote(50, t0);
        assert!(packer.ready(t0));
        packer.wrote(1, t0);
        assert!(packer.ready(t0));
    }
}
