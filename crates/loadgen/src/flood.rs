//! Hostile visitors (`--flood-visitors`): each sends `ping` frames as fast as its socket takes
//! them for the whole run, as a script would, and counts the answers. A ping is not a
//! command, so no message limit counts it; what bounds it is the server's frame rate per
//! socket (`visitor_frames_per_sec`). The report says how many each got answered a second,
//! and the server's CPU per stored message shows what they cost the run.

use frontdesk_protocol::{VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::wire::Ws;

/// What the hostile visitors managed.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct FloodReport {
    pub visitors: usize,
    pub pings_sent: u64,
    pub pongs: u64,
    /// Pongs a second for each hostile visitor, over the time they flooded.
    pub answered_per_visitor_sec: f64,
}

/// Floods until `stop`; returns (pings sent, pongs received, seconds flooded).
pub fn spawn(ws: Ws, mut stop: watch::Receiver<bool>) -> JoinHandle<(u64, u64, f64)> {
    tokio::spawn(async move {
        let (mut tx, mut rx) = ws.split();
        let ping = encode(&VisitorIn::Ping);
        let (mut sent, mut pongs) = (0, 0);
        let start = Instant::now();
        loop {
            tokio::select! {
                biased;
                _ = stop.changed() => break,
                frame = rx.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        if matches!(decode::<VisitorOut>(&text), Ok(VisitorOut::Pong)) {
                            pongs += 1;
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => break,
                },
                // Waits when the server stops reading and TCP's buffers are full. (A send cut
                // short by an answer may still go out uncounted: `pings_sent` is a floor.)
                sent_one = tx.send(Message::text(ping.clone())) => {
                    if sent_one.is_err() {
                        break;
                    }
                    sent += 1;
                }
            }
        }
        (sent, pongs, start.elapsed().as_secs_f64())
    })
}

/// Sums the hostile visitors' tallies.
pub async fn finish(tasks: Vec<JoinHandle<(u64, u64, f64)>>) -> anyhow::Result<FloodReport> {
    let visitors = tasks.len();
    let mut report = FloodReport {
        visitors,
        ..FloodReport::default()
    };
    let mut seconds = 0.0;
    for task in tasks {
        let (sent, pongs, secs) = task.await?;
        report.pings_sent += sent;
        report.pongs += pongs;
        seconds += secs;
    }
    if seconds > 0.0 {
        report.answered_per_visitor_sec = report.pongs as f64 / seconds;
    }
    Ok(report)
}
