//! Load generator for the Frontdesk server.
//!
//! One run: log `--operators` consoles in (snapshot, then live events), open `--idle-visitors`
//! sockets and read the server's memory growth, then let `--active-visitors` send `--rate`
//! messages per second in total for `--duration` seconds. Each message text carries its
//! sequence number and send time, so the operators' `message_posted` events give delivery
//! latency and the visitors' `ack`s give storage latency; a shared ledger finds losses.

mod cli;
mod flood;
pub mod interrupt;
mod irc;
mod keys;
mod ledger;
mod operators;
mod report;
mod routing;
mod target;
mod terminal;
mod tmux;
mod visitors;
mod wire;
pub mod year;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;

pub use cli::Args;
pub use report::Report;
pub use routing::RoutingReport;

use ledger::{Ledger, histogram};
use report::{CpuReport, IdleReport, Latency, RssReport, Setup, Throughput};
use target::Target;

/// Pause after opening idle sockets so the server's allocations settle before measuring.
const SETTLE: Duration = Duration::from_secs(2);

/// Runs the whole load test and returns the report.
pub async fn run(args: Args) -> anyhow::Result<Report> {
    args.validate()?;
    raise_open_file_limit(&args);
    let target = Target::open(&args).await?;
    let result = drive(&args, &target).await;
    target.stop().await;
    result
}

/// Runs the routing scenario (`--chats`) and returns its report.
pub async fn run_routing(args: Args) -> anyhow::Result<RoutingReport> {
    args.validate()?;
    raise_open_file_limit(&args);
    let target = Target::open(&args).await?;
    let result = routing::run(&args, &target).await;
    target.stop().await;
    result
}

async fn drive(args: &Args, target: &Target) -> anyhow::Result<Report> {
    let mut rss = RssReport {
        at_start: target.rss_bytes(),
        ..RssReport::default()
    };
    let ws_base = wire::ws_base(&target.http_url);
    let planned = usize::try_from(u64::from(args.rate) * args.duration)?;
    let ledger = Arc::new(Ledger::new(planned, args.text_chars));
    let (stop_tx, stop_rx) = watch::channel(false);

    let http = reqwest::Client::new();
    let mut op_tasks = Vec::new();
    for i in 0..args.operators {
        let (name, password) = &target.accounts[i % target.accounts.len()];
        let token = wire::login(&http, &target.http_url, name, password).await?;
        let ws = operators::connect(&ws_base, &token, args.operator_pack_ms)
            .await
            .with_context(|| format!("operator {name}"))?;
        op_tasks.push(operators::spawn_reader(ws, ledger.clone(), stop_rx.clone()));
    }

    rss.before_idle = target.rss_bytes();
    let browsing = visitors::Browsing::new(args.idle_visitors, args.page_views);
    let (idle_tasks, idle_failed) = visitors::open_idle(
        &ws_base,
        args.idle_visitors,
        !args.idle_without_hello,
        browsing.clone(),
    )
    .await;
    tokio::time::sleep(if args.idle_visitors > 0 {
        SETTLE
    } else {
        Duration::ZERO
    })
    .await;
    rss.after_idle = target.rss_bytes();
    let idle = IdleReport {
        opened: idle_tasks.len(),
        failed: idle_failed,
        bytes_per_socket: match (rss.before_idle, rss.after_idle, idle_tasks.len()) {
            (Some(before), Some(after), n) if n > 0 => {
                Some(after.saturating_sub(before) / n as u64)
            }
            _ => None,
        },
    };

    let (sockets, chats) = visitors::prepare_active(&ws_base, args.active_visitors).await?;
    let hostile = visitors::connect_many(&ws_base, args.flood_visitors).await?;
    // The terminal run: both programs up, and keys timed before the flood, first.
    let mut bench = match &args.console {
        Some(bin) => {
            let mut bench = keys::Bench::start(bin, target, args.panes, &chats).await?;
            bench.idle_probes(args.keys).await?;
            Some(bench)
        }
        None => None,
    };
    let cpu_before = target.cpu_ms();
    let views_before = browsing.sent();
    let start = tokio::time::Instant::now() + Duration::from_millis(200);
    let start_ns = ledger.now_ns() + 200_000_000;
    if let Some(bench) = &mut bench {
        bench.start_flood(planned, args.rate, args.text_chars, start, args.peer_idle);
    }
    let flooders: Vec<_> = hostile
        .into_iter()
        .map(|ws| flood::spawn(ws, stop_rx.clone()))
        .collect();
    let count = sockets.len();
    let active: Vec<_> = sockets
        .into_iter()
        .enumerate()
        .map(|(index, ws)| {
            let plan = visitors::Schedule {
                index,
                count,
                rate: args.rate,
                start,
                typing: args.typing,
                typing_until: start + Duration::from_secs(args.duration),
            };
            visitors::spawn_active(ws, plan, ledger.clone(), stop_rx.clone())
        })
        .collect();

    // Sending takes `duration`; then wait for stragglers, at most `drain` seconds more.
    let operators = u16::try_from(args.operators)?;
    let send_end = start + Duration::from_secs(args.duration);
    let drain_end = send_end + Duration::from_secs(args.drain);
    let keys = match bench {
        Some(mut bench) => {
            bench.flood_probes(args.keys, start, send_end).await?;
            Some(bench.finish(&ledger, drain_end).await?)
        }
        None => None,
    };
    tokio::time::sleep_until(send_end).await;
    let cpu_ms = cpu_before
        .zip(target.cpu_ms())
        .map(|(a, b)| b.saturating_sub(a));
    let page_views_sent = browsing.sent() - views_before;
    while tokio::time::Instant::now() < drain_end && !ledger.settled(operators) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop_tx.send(true);

    let mut ack = histogram();
    let mut errors = std::collections::BTreeMap::new();
    let mut typing_sent = 0;
    for task in active {
        let r = task.await?;
        ack.add(&r.ack)?;
        typing_sent += r.typing_sent;
        for (code, n) in r.errors {
            *errors.entry(code).or_insert(0) += n;
        }
    }
    let flood = flood::finish(flooders).await?;
    let mut delivery = histogram();
    let mut duplicates = 0;
    for task in op_tasks {
        let r = task.await?;
        delivery.add(&r.delivery)?;
        duplicates += r.duplicates;
        if r.errors > 0 {
            *errors.entry("operator_socket".into()).or_insert(0) += r.errors;
        }
    }
    rss.at_end = target.rss_bytes();
    for task in idle_tasks {
        task.abort();
    }

    let tally = ledger.tally(operators);
    let (last_ack, _) = ledger.last_times();
    let secs = |ns: u64| ns as f64 / 1e9;
    let window = secs(last_ack.saturating_sub(start_ns)).max(1e-9);
    Ok(Report {
        setup: Setup {
            idle_visitors: args.idle_visitors,
            active_visitors: args.active_visitors,
            operators: args.operators,
            rate: args.rate,
            duration_secs: args.duration,
            page_views: args.page_views,
            typing: args.typing,
        },
        messages: tally,
        duplicates,
        throughput: Throughput {
            offered_per_sec: tally.sent as f64 / args.duration as f64,
            stored_per_sec: if tally.acked > 0 {
                tally.acked as f64 / window
            } else {
                0.0
            },
        },
        ack_latency: Latency::of(&ack),
        delivery_latency: Latency::of(&delivery),
        errors,
        idle,
        server_rss_bytes: rss,
        cpu: CpuReport {
            server_ms: cpu_ms,
            page_views_sent,
            typing_sent,
            per_message_us: cpu_ms
                .filter(|_| tally.acked > 0)
                .map(|ms| ms as f64 * 1000.0 / tally.acked as f64),
            per_page_view_us: cpu_ms
                .filter(|_| page_views_sent > 0)
                .map(|ms| ms as f64 * 1000.0 / page_views_sent as f64),
        },
        keys,
        flood,
    })
}

/// Thousands of sockets need thousands of descriptors; a spawned server inherits the limit.
fn raise_open_file_limit(args: &Args) {
    let need =
        (args.idle_visitors + args.active_visitors + args.chats + args.operators + 256) as u64;
    match rlimit::increase_nofile_limit(need.saturating_mul(2)) {
        Ok(got) if got < need => eprintln!(
            "warning: open-file limit is {got}, below the {need} this run needs; raise `ulimit -n`"
        ),
        Ok(_) => {}
        Err(e) => eprintln!("warning: could not raise the open-file limit: {e}"),
    }
}

pub use target::process_cpu_ms;
