//! The routing scenario (`--chats N`): operators online in departments under an automatic
//! routing mode, visitors starting chats at `--chat-rate` a second, each naming a department.
//! Assignment latency is the time from a visitor sending `start_chat` to the chosen operator's
//! console receiving the `chat_accepted` that gives it the chat.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, VisitorIn, VisitorOut, decode};
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::ledger::{histogram, record_ns};
use crate::report::Latency;
use crate::target::Target;
use crate::wire::{self, Ws};
use crate::{Args, visitors};

/// Department keys of the run: `dept-0` … (operator `i` is in `dept-(i % departments)`).
pub fn department_key(i: usize) -> String {
    format!("dept-{i}")
}

#[derive(Debug, Clone, Serialize)]
pub struct RoutingReport {
    pub mode: String,
    pub operators: usize,
    pub departments: usize,
    pub chats: usize,
    pub chat_rate: u32,
    pub started: usize,
    pub assigned: usize,
    /// `start_chat` sent → the assigned operator's console has `chat_accepted`.
    pub assignment_latency: Latency,
    /// `start_chat` sent → its `ack` (the chat and its first message stored).
    pub ack_latency: Latency,
    /// Fewest and most chats one operator got.
    pub min_per_operator: usize,
    pub max_per_operator: usize,
    pub errors: u64,
}

impl RoutingReport {
    pub fn to_text(&self) -> String {
        let l = &self.assignment_latency;
        format!(
            "routing {} · {} operators in {} departments · {} chats at {}/s\n\
             started {} · assigned {} · per operator {}..{} · errors {}\n\
             assignment latency µs: p50 {} · p90 {} · p99 {} · max {} ({} samples)\n\
             start_chat ack latency µs: p50 {} · p90 {} · p99 {} · max {}\n",
            self.mode,
            self.operators,
            self.departments,
            self.chats,
            self.chat_rate,
            self.started,
            self.assigned,
            self.min_per_operator,
            self.max_per_operator,
            self.errors,
            l.p50_us,
            l.p90_us,
            l.p99_us,
            l.max_us,
            l.samples,
            self.ack_latency.p50_us,
            self.ack_latency.p90_us,
            self.ack_latency.p99_us,
            self.ack_latency.max_us,
        )
    }
}

/// When each chat was asked for (by the visitor) and given (seen by its operator).
#[derive(Default)]
struct Clock {
    started: HashMap<i64, Instant>,
    acked: Vec<Duration>,
    assigned: HashMap<i64, (Instant, i64)>,
}

type Shared = Arc<Mutex<Clock>>;

fn lock(clock: &Shared) -> std::sync::MutexGuard<'_, Clock> {
    clock.lock().unwrap_or_else(PoisonError::into_inner)
}

pub async fn run(args: &Args, target: &Target) -> anyhow::Result<RoutingReport> {
    let ws_base = wire::ws_base(&target.http_url);
    let clock: Shared = Arc::default();
    let (stop_tx, stop_rx) = watch::channel(false);
    let http = reqwest::Client::new();
    let mut readers = Vec::new();
    for (name, password) in target.accounts.iter().take(args.operators) {
        let token = wire::login(&http, &target.http_url, name, password).await?;
        let (ws, me) = connect(&ws_base, &token)
            .await
            .with_context(|| format!("operator {name}"))?;
        readers.push(tokio::spawn(read_assignments(
            ws,
            me,
            clock.clone(),
            stop_rx.clone(),
        )));
    }
    let sockets = visitors::connect_many(&ws_base, args.chats).await?;
    let gap = Duration::from_secs_f64(1.0 / f64::from(args.chat_rate.max(1)));
    let start = Instant::now() + Duration::from_millis(200);
    let departments = args.departments.max(1);
    let mut starters = Vec::new();
    for (i, ws) in sockets.into_iter().enumerate() {
        let at = start + gap.mul_f64(i as f64);
        let department = department_key(i % departments);
        starters.push(tokio::spawn(start_chat(
            ws,
            i,
            at,
            department,
            clock.clone(),
        )));
    }
    let mut errors = 0;
    let mut keep = Vec::new();
    for task in starters {
        match task.await? {
            Ok(ws) => keep.push(ws),
            Err(e) => {
                if errors == 0 {
                    eprintln!("visitor failed: {e:#}");
                }
                errors += 1;
            }
        }
    }
    // Late assignments (a queue that drains) get a few seconds more.
    let deadline = Instant::now() + Duration::from_secs(args.drain);
    while Instant::now() < deadline && !all_assigned(&clock) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop_tx.send(true);
    for r in readers {
        errors += r.await?;
    }
    drop(keep);

    let c = lock(&clock);
    let mut acks = histogram();
    for d in &c.acked {
        record_ns(&mut acks, u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    }
    let mut latency = histogram();
    let mut per_operator: HashMap<i64, usize> = HashMap::new();
    for (chat, asked) in &c.started {
        if let Some((given, operator)) = c.assigned.get(chat) {
            let ns = given.saturating_duration_since(*asked).as_nanos();
            record_ns(&mut latency, u64::try_from(ns).unwrap_or(u64::MAX));
            *per_operator.entry(*operator).or_default() += 1;
        }
    }
    // Operators who got nothing count too.
    let mut loads: Vec<usize> = per_operator.values().copied().collect();
    loads.resize(args.operators.max(loads.len()), 0);
    Ok(RoutingReport {
        mode: args.routing.clone().unwrap_or_default(),
        operators: args.operators,
        departments,
        chats: args.chats,
        chat_rate: args.chat_rate,
        started: c.started.len(),
        assigned: c
            .started
            .keys()
            .filter(|k| c.assigned.contains_key(k))
            .count(),
        assignment_latency: Latency::of(&latency),
        ack_latency: Latency::of(&acks),
        min_per_operator: loads.iter().copied().min().unwrap_or(0),
        max_per_operator: loads.iter().copied().max().unwrap_or(0),
        errors,
    })
}

fn all_assigned(clock: &Shared) -> bool {
    let c = lock(clock);
    c.started.keys().all(|id| c.assigned.contains_key(id))
}

/// An operator console: hello, and its own id from `welcome`; returns after the snapshot.
async fn connect(ws_base: &str, token: &str) -> anyhow::Result<(Ws, i64)> {
    let mut ws = wire::connect(&format!("{ws_base}/ws/operator")).await?;
    let hello = OperatorIn::Hello {
        token: token.to_owned(),
        since: None,
        pack_ms: None,
    };
    wire::send(&mut ws, &hello).await?;
    let mut me = None;
    loop {
        let Some(text) = wire::next_text(&mut ws).await? else {
            bail!("the server closed the operator socket during hello");
        };
        match decode::<OperatorOut>(&text)? {
            OperatorOut::Welcome { operator, .. } => me = Some(operator.id),
            OperatorOut::Snapshot { .. } => {
                return me.map(|id| (ws, id)).context("snapshot before welcome");
            }
            OperatorOut::Error { code, message, .. } => bail!("operator hello: {code}: {message}"),
            _ => {}
        }
    }
}

/// Records each `chat_accepted` that gives this operator a chat; returns the error count.
async fn read_assignments(
    mut ws: Ws,
    me: i64,
    clock: Shared,
    mut stop: watch::Receiver<bool>,
) -> u64 {
    loop {
        tokio::select! {
            _ = stop.changed() => return 0,
            msg = ws.next() => match msg {
                Some(Ok(Message::Text(text))) => {
                    // Every console sees every event: decode only the ones that matter.
                    if !text.as_str().contains("\"chat_accepted\"") {
                        continue;
                    }
                    let now = Instant::now();
                    if let Ok(OperatorOut::Event {
                        event: EventBody::ChatAccepted { chat_id, operator_id, .. },
                        ..
                    }) = decode::<OperatorOut>(text.as_str())
                        && operator_id == me
                    {
                        lock(&clock).assigned.insert(chat_id, (now, me));
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return 1,
            },
        }
    }
}

/// Visitor `i` sends `start_chat` at `at`, naming `department`; the ack tells its chat.
async fn start_chat(
    mut ws: Ws,
    i: usize,
    at: Instant,
    department: String,
    clock: Shared,
) -> anyhow::Result<Ws> {
    tokio::time::sleep_until(at).await;
    let id = format!("start-{i}");
    let frame = VisitorIn::StartChat {
        id: id.clone(),
        text: Some(format!("Здравствуйте, вопрос {i}")),
        department: Some(department),
    };
    let sent = Instant::now();
    ws.send(Message::text(frontdesk_protocol::encode(&frame)))
        .await?;
    loop {
        let Some(text) = wire::next_text(&mut ws).await? else {
            bail!("visitor {i}: socket closed before the ack");
        };
        match decode::<VisitorOut>(&text)? {
            VisitorOut::Ack {
                id: got,
                chat_id: Some(chat_id),
                ..
            } if got == id => {
                let mut c = lock(&clock);
                c.started.insert(chat_id, sent);
                c.acked.push(sent.elapsed());
                return Ok(ws);
            }
            VisitorOut::Error { code, message, .. } => bail!("visitor {i}: {code}: {message}"),
            _ => {}
        }
    }
}
