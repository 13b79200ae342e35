//! Operator consoles under load: each logs in, takes the snapshot, then records every load
//! message it receives as a `message_posted` event (delivery latency, losses, duplicates).

use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, Role, decode};
use futures_util::StreamExt;
use hdrhistogram::Histogram;
use std::sync::Arc;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

use crate::ledger::{Ledger, histogram, record_ns};
use crate::wire::{self, Ws};

/// Application-level keep-alive, well inside the server's default idle timeout.
const PING_EVERY: Duration = Duration::from_secs(15);

#[derive(Debug)]
pub struct OperatorResult {
    pub delivery: Histogram<u64>,
    pub received: u64,
    pub duplicates: u64,
    pub errors: u64,
}

/// Connects and authenticates, asking for live events packed for `pack_ms` if given;
/// returns once the snapshot has arrived.
pub async fn connect(ws_base: &str, token: &str, pack_ms: Option<u32>) -> anyhow::Result<Ws> {
    let mut ws = wire::connect(&format!("{ws_base}/ws/operator")).await?;
    wire::send(
        &mut ws,
        &OperatorIn::Hello {
            token: token.to_owned(),
            since: None,
            pack_ms,
        },
    )
    .await?;
    loop {
        let Some(text) = wire::next_text(&mut ws).await? else {
            bail!("the server closed the operator socket during hello");
        };
        match decode::<OperatorOut>(&text).context("decoding an operator frame")? {
            OperatorOut::Snapshot { .. } => return Ok(ws),
            OperatorOut::Error { code, message, .. } => bail!("operator hello: {code}: {message}"),
            _ => {}
        }
    }
}

/// Reads until `stop` turns true, recording each load message once.
pub fn spawn_reader(
    ws: Ws,
    ledger: Arc<Ledger>,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<OperatorResult> {
    tokio::spawn(async move {
        let (mut tx, mut rx) = ws.split();
        let mut result = OperatorResult {
            delivery: histogram(),
            received: 0,
            duplicates: 0,
            errors: 0,
        };
        let mut seen = vec![false; ledger.planned()];
        let mut ping = tokio::time::interval(PING_EVERY);
        loop {
            tokio::select! {
                _ = stop.changed() => break,
                _ = ping.tick() => {
                    use futures_util::SinkExt;
                    let frame = frontdesk_protocol::encode(&OperatorIn::Ping);
                    if tx.send(Message::text(frame)).await.is_err() {
                        result.errors += 1;
                        break;
                    }
                }
                msg = rx.next() => match msg {
                    Some(Ok(Message::Text(text))) => on_frame(&text, &ledger, &mut seen, &mut result),
                    Some(Ok(Message::Close(_)) | Err(_)) | None => {
                        result.errors += 1;
                        break;
                    }
                    Some(Ok(_)) => {}
                },
            }
        }
        result
    })
}

fn on_frame(text: &str, ledger: &Ledger, seen: &mut [bool], result: &mut OperatorResult) {
    match decode::<OperatorOut>(text) {
        Ok(OperatorOut::Event {
            event: EventBody::MessagePosted { message },
            ..
        }) if message.author.role == Role::Visitor => {
            let Some((seq, ns)) = ledger.seen(&message.text) else {
                return;
            };
            if let Some(slot) = seen.get_mut(seq) {
                if *slot {
                    result.duplicates += 1;
                    return;
                }
                *slot = true;
            }
            result.received += 1;
            record_ns(&mut result.delivery, ns);
        }
        Ok(OperatorOut::Error { .. } | OperatorOut::Resync { .. }) | Err(_) => result.errors += 1,
        Ok(_) => {}
    }
}
