//! Visitor sockets: idle ones that only say `hello`, and active ones that open a chat and send
//! messages on a fixed schedule, recording send → ack latency.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::{VisitorIn, VisitorOut, decode};
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};
use tokio_tungstenite::tungstenite::Message;

use crate::ledger::{Ledger, histogram, record_ns};
use crate::wire::{self, Ws};

/// How many sockets connect at once; the server's accept queue stays shallow.
const CONNECT_CONCURRENCY: usize = 256;

/// Connects a visitor and waits for `welcome`.
async fn hello(ws_base: &str) -> anyhow::Result<Ws> {
    let mut ws = wire::connect(&format!("{ws_base}/ws/visitor")).await?;
    let frame = VisitorIn::Hello {
        token: None,
        site: Some("loadgen".into()),
        language: Some("ru-RU".into()),
    };
    wire::send(&mut ws, &frame).await?;
    loop {
        let Some(text) = wire::next_text(&mut ws).await? else {
            bail!("the server closed the visitor socket during hello");
        };
        match decode::<VisitorOut>(&text).context("decoding a visitor frame")? {
            VisitorOut::Welcome { .. } => return Ok(ws),
            VisitorOut::Error { code, message, .. } => bail!("visitor hello: {code}: {message}"),
            _ => {}
        }
    }
}

/// How the idle visitors browse: each sends a `page_view` every `every` (none: they only
/// listen), the first at a random point of it, so the total rate is even; `sent` counts them.
#[derive(Clone)]
pub struct Browsing {
    every: Option<Duration>,
    sent: Arc<std::sync::atomic::AtomicU64>,
}

/// Pages a browsing visitor moves between.
const PAGES: [&str; 6] = [
    "https://shop.example/",
    "https://shop.example/catalog/kettles",
    "https://shop.example/catalog/kettles/glass-1.7l",
    "https://shop.example/delivery",
    "https://shop.example/cart",
    "https://shop.example/catalog/irons",
];

impl Browsing {
    /// `rate` page views a second in total over `visitors`.
    pub fn new(visitors: usize, rate: u32) -> Self {
        let every = (rate > 0 && visitors > 0)
            .then(|| Duration::from_secs_f64(visitors as f64 / f64::from(rate)));
        Self {
            every,
            sent: Arc::default(),
        }
    }

    pub fn sent(&self) -> u64 {
        self.sent.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Drains an idle socket (answering the server's pings) and, when browsing, sends page views.
async fn idle(mut ws: Ws, browsing: Browsing) {
    let Some(every) = browsing.every else {
        while let Some(Ok(_)) = ws.next().await {}
        return;
    };
    let first = Instant::now() + every.mul_f64(fastrand::f64());
    let mut tick = tokio::time::interval_at(first, every);
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut n = 0u64;
    loop {
        tokio::select! {
            frame = ws.next() => if !matches!(frame, Some(Ok(_))) { return },
            _ = tick.tick() => {
                n += 1;
                let page = PAGES[fastrand::usize(..PAGES.len())];
                let frame = VisitorIn::PageView {
                    id: format!("pv-{n}"),
                    url: page.into(),
                    title: Some("Shop".into()),
                    referrer: None,
                    search_query: None,
                };
                if wire::send(&mut ws, &frame).await.is_err() {
                    return;
                }
                browsing.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }
}

/// Opens `n` idle sockets (with `hello`, or only upgraded). Each is drained by a small task so
/// that the server's pings get answered, and browses as `browsing` says; aborting the tasks
/// closes the sockets. Returns the tasks and the failure count.
pub async fn open_idle(
    ws_base: &str,
    n: usize,
    say_hello: bool,
    browsing: Browsing,
) -> (Vec<JoinHandle<()>>, usize) {
    let results: Vec<anyhow::Result<Ws>> = futures_util::stream::iter(0..n)
        .map(|_| async move {
            if say_hello {
                hello(ws_base).await
            } else {
                wire::connect(&format!("{ws_base}/ws/visitor")).await
            }
        })
        .buffer_unordered(CONNECT_CONCURRENCY)
        .collect()
        .await;
    let mut tasks = Vec::with_capacity(n);
    let mut failed = 0;
    for result in results {
        match result {
            Ok(ws) => tasks.push(tokio::spawn(idle(ws, browsing.clone()))),
            Err(e) => {
                if failed == 0 {
                    eprintln!("idle visitor failed: {e:#}");
                }
                failed += 1;
            }
        }
    }
    (tasks, failed)
}

/// Connects `n` visitors (each says `hello`), a few at a time.
pub async fn connect_many(ws_base: &str, n: usize) -> anyhow::Result<Vec<Ws>> {
    futures_util::stream::iter(0..n)
        .map(|_| hello(ws_base))
        .buffer_unordered(CONNECT_CONCURRENCY)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect()
}

/// Connects `m` visitors and opens a chat for each (acknowledged before sending starts);
/// the sockets in visitor order, and the chats' ids.
pub async fn prepare_active(ws_base: &str, m: usize) -> anyhow::Result<(Vec<Ws>, Vec<i64>)> {
    let opened: Vec<(usize, Ws, Option<i64>)> = futures_util::stream::iter(0..m)
        .map(|i| async move {
            let mut ws = hello(ws_base).await?;
            let id = format!("sc-{i}");
            let frame = VisitorIn::StartChat {
                id: id.clone(),
                text: Some(format!("Load visitor {i}: здравствуйте!")),
                department: None,
            };
            wire::send(&mut ws, &frame).await?;
            loop {
                let Some(text) = wire::next_text(&mut ws).await? else {
                    bail!("the server closed the visitor socket during start_chat");
                };
                match decode::<VisitorOut>(&text)? {
                    VisitorOut::Ack {
                        id: got, chat_id, ..
                    } if got == id => return Ok((i, ws, chat_id)),
                    VisitorOut::Error { code, message, .. } => {
                        bail!("start_chat: {code}: {message}")
                    }
                    _ => {}
                }
            }
        })
        .buffer_unordered(CONNECT_CONCURRENCY)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<anyhow::Result<_>>()?;
    let mut opened = opened;
    opened.sort_by_key(|(i, _, _)| *i);
    let chats = opened.iter().filter_map(|(_, _, chat)| *chat).collect();
    Ok((opened.into_iter().map(|(_, ws, _)| ws).collect(), chats))
}

/// When visitor `index` of `count` sends: message `seq` goes out at `start + seq / rate`,
/// so the total is evenly paced and visitor `index` sends `index`, `index + count`, ….
/// Besides, `typing` live drafts a second until `typing_until` (0: none).
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub index: usize,
    pub count: usize,
    pub rate: u32,
    pub start: Instant,
    pub typing: u32,
    pub typing_until: Instant,
}

#[derive(Debug)]
pub struct VisitorResult {
    pub ack: Histogram<u64>,
    pub sent: u64,
    pub typing_sent: u64,
    pub errors: BTreeMap<String, u64>,
}

/// What a typing visitor's live draft grows into, a character a frame, then again.
const DRAFT: &str = "Здравствуйте! Подскажите, пожалуйста, сколько идёт доставка в Казань?";

/// The live draft after `frame` typing frames: the first characters of [`DRAFT`].
pub fn draft(frame: u64) -> String {
    let len = DRAFT.chars().count() as u64;
    let n = usize::try_from(frame % len + 1).unwrap_or(1);
    DRAFT.chars().take(n).collect()
}

/// The typing frames' clock, phased per visitor so the total is even; `None` without typing.
fn typing_ticks(plan: &Schedule) -> Option<tokio::time::Interval> {
    (plan.typing > 0).then(|| {
        let period = Duration::from_secs_f64(1.0 / f64::from(plan.typing));
        let phase = period.mul_f64(plan.index as f64 / plan.count.max(1) as f64);
        let mut ticks = tokio::time::interval_at(plan.start + phase, period);
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        ticks
    })
}

/// Sends this visitor's share of the messages and reads acks until all are acknowledged or
/// `stop` turns true.
pub fn spawn_active(
    ws: Ws,
    plan: Schedule,
    ledger: Arc<Ledger>,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<VisitorResult> {
    tokio::spawn(async move {
        let (mut tx, mut rx) = ws.split();
        let mut result = VisitorResult {
            ack: histogram(),
            sent: 0,
            typing_sent: 0,
            errors: BTreeMap::new(),
        };
        let mut typing = typing_ticks(&plan);
        let planned = ledger.planned();
        let rate = f64::from(plan.rate.max(1));
        let phase = Duration::from_secs_f64(plan.index as f64 / rate);
        let period = Duration::from_secs_f64(plan.count as f64 / rate);
        let mut ticks = tokio::time::interval_at(plan.start + phase, period);
        // Open loop: a late tick is sent at once, so a slow server cannot slow the offered load.
        ticks.set_missed_tick_behavior(MissedTickBehavior::Burst);
        let mut next = plan.index;
        let mut outstanding = 0u64;
        loop {
            let more = next < planned;
            let typing_on = typing.is_some() && Instant::now() < plan.typing_until;
            if !more && outstanding == 0 && !typing_on {
                break;
            }
            tokio::select! {
                _ = stop.changed() => break,
                Some(_) = async { Some(typing.as_mut()?.tick().await) }, if typing_on => {
                    let frame = VisitorIn::Typing { draft: draft(result.typing_sent) };
                    let text = frontdesk_protocol::encode(&frame);
                    if tx.send(Message::text(text)).await.is_err() {
                        *result.errors.entry("socket_closed".into()).or_default() += 1;
                        break;
                    }
                    result.typing_sent += 1;
                }
                _ = ticks.tick(), if more => {
                    let frame = VisitorIn::Message { id: format!("m-{next}"), text: ledger.sent(next) };
                    let text = frontdesk_protocol::encode(&frame);
                    if tx.send(Message::text(text)).await.is_err() {
                        *result.errors.entry("socket_closed".into()).or_default() += 1;
                        break;
                    }
                    result.sent += 1;
                    outstanding += 1;
                    next += plan.count;
                }
                msg = rx.next() => match msg {
                    Some(Ok(Message::Text(text))) => {
                        if on_frame(&text, &ledger, &mut result) {
                            outstanding = outstanding.saturating_sub(1);
                        }
                    }
                    Some(Ok(Message::Close(_)) | Err(_)) | None => {
                        *result.errors.entry("socket_closed".into()).or_default() += 1;
                        break;
                    }
                    Some(Ok(_)) => {}
                },
            }
        }
        result
    })
}

/// Handles one frame; true when it answered (ack or error) one of our messages.
fn on_frame(text: &str, ledger: &Ledger, result: &mut VisitorResult) -> bool {
    let seq_of = |id: &str| id.strip_prefix("m-").and_then(|s| s.parse::<usize>().ok());
    match decode::<VisitorOut>(text) {
        Ok(VisitorOut::Ack { id, .. }) => match seq_of(&id) {
            Some(seq) => {
                if let Some(ns) = ledger.acked(seq) {
                    record_ns(&mut result.ack, ns);
                }
                true
            }
            None => false,
        },
        Ok(VisitorOut::Error { id, code, .. }) => {
            *result.errors.entry(code.to_string()).or_default() += 1;
            id.as_deref().and_then(seq_of).is_some()
        }
        Ok(_) => false,
        Err(e) => {
            *result.errors.entry(e.code.to_string()).or_default() += 1;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_draft_grows_a_character_a_frame_then_starts_again() {
        let len = DRAFT.chars().count() as u64;
        assert_eq!(draft(0), "З");
        assert_eq!(draft(1), "Зд");
        assert_eq!(draft(len - 1), DRAFT);
        assert_eq!(draft(len), "З");
        for frame in 0..2 * len {
            assert!(DRAFT.starts_with(&draft(frame)));
        }
    }
}
