//! The flood run: the real console binary in a 160x48 pseudo-terminal with four panes open
//! (waiting chats, so their wait timers tick too),
//! against the real server on 127.0.0.1, while four visitors write 20,000 messages at 500 a
//! second. Reports the console's CPU time per 1,000 messages (from `/proc/<pid>/stat`), then,
//! during a second flood, keypress-to-screen latency: a key is written to the pty and the clock
//! stops when the typed text and the cursor show on the parsed screen. Finally the console's
//! resident size. Results: docs/benchmarks.md.
//!
//! `cargo bench --bench flood` (about a minute).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

mod support;

use std::time::{Duration, Instant};

use common::{Console, OPERATOR, PASSWORD, Visitor};
use frontdesk::app::geometry::Layout;
use frontdesk::app::state::SavedLayout;
use frontdesk::session::{self, Session};
use frontdesk_protocol::OperatorRole;
use frontdesk_server::Config;
use tokio::time::{MissedTickBehavior, interval};

const VISITORS: usize = 4;
const FLOOD: usize = 20_000;
const RATE: u64 = 500;
const TYPING_FLOOD: usize = 5_000;
const KEYS: usize = 200;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::local(dir.path().join("db.sqlite"));
    // The flood is the point: visitors may write as fast as the run needs.
    config.limits.visitor_messages_per_sec = 10_000;
    config.limits.visitor_frames_per_sec = 10_000;
    config.limits.ip_messages_per_sec = 100_000;
    config.limits.new_chats_per_ip_per_hour = 0;
    let server = frontdesk_server::start(config).await.unwrap();
    server
        .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
        .await
        .unwrap();
    let url = server.http_url();
    let token = frontdesk::net::rest::login(&url, OPERATOR, PASSWORD)
        .await
        .unwrap()
        .token;
    let (data, conf) = (dir.path().join("data"), dir.path().join("config"));
    session::save(
        &data,
        &Session {
            server: url.clone(),
            operator: OPERATOR.into(),
            token,
        },
    )
    .unwrap();

    let mut visitors = Vec::new();
    for n in 0..VISITORS {
        let (mut v, _) = Visitor::join(&url, None).await;
        v.start_chat(&format!("start-{n}")).await;
        visitors.push(v);
    }
    // Four panes, one chat each, as a previous run left them (the layout file of the data dir).
    frontdesk::runtime::layout_file::save(
        &data,
        &SavedLayout {
            layout: Layout::Four,
            panes: (1..=4).map(Some).collect(),
            focused: 0,
            card: false,
        },
    );
    // The log at its default level, as operators run it.
    let env = [("FRONTDESK_LOG", "info")];
    let mut console = Console::spawn_with_env(&url, &data, &conf, (48, 160), &env);
    console
        .wait_for("four panes", |s| {
            s.matches("start-").count() >= 2 * VISITORS
        })
        .await;

    let pid = console.pid();
    let cpu_before = support::proc::cpu_ms(pid);
    let started = Instant::now();
    let visitors = flood(visitors, 0, FLOOD).await;
    let sent_in = started.elapsed();
    wait_shown(&console, FLOOD - 1).await;
    let cpu = support::proc::cpu_ms(pid) - cpu_before;
    println!(
        "flood: {FLOOD} messages in {:.1} s ({:.0}/s) into 4 panes; console CPU {cpu} ms, {:.1} ms per 1,000 messages",
        sent_in.as_secs_f64(),
        FLOOD as f64 / sent_in.as_secs_f64(),
        cpu as f64 * 1000.0 / FLOOD as f64
    );

    // Keypress-to-screen while a second flood runs.
    console.keys("\t");
    let screen = console.wait_text("Type a reply").await;
    let (row, col0) = reply_origin(&screen);
    let typing = tokio::spawn(flood(visitors, FLOOD, TYPING_FLOOD));
    let mut latencies = Vec::with_capacity(KEYS);
    let mut typed = String::new();
    for k in 0..KEYS {
        // Type up to 30 letters, then take them back one by one, so every key changes the box.
        let key = if (k / 30) % 2 == 0 {
            let c = char::from(b'a' + u8::try_from(k % 26).unwrap());
            typed.push(c);
            c.to_string()
        } else {
            typed.pop();
            "\x7f".to_owned()
        };
        // The reply box's row holds exactly the typed letters, then the cursor cell (a blank).
        let want: String = format!("{typed} ");
        let t = Instant::now();
        console.keys(&key);
        loop {
            let screen = console.screen();
            let line = screen.lines().nth(row).unwrap_or_default();
            let shown: String = line.chars().skip(col0).take(want.chars().count()).collect();
            if shown == want && !typed.is_empty()
                || typed.is_empty() && line.contains("Type a reply")
            {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(5),
                "key {k} never showed: want {want:?} at ({row}, {col0}) in {line:?}"
            );
            std::thread::sleep(Duration::from_micros(200));
        }
        latencies.push(t.elapsed());
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    typing.await.unwrap();
    latencies.sort();
    let pick = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
    println!(
        "keypress to screen during a {RATE}/s flood ({KEYS} keys): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(pick(50)),
        ms(pick(95)),
        ms(*latencies.last().unwrap())
    );
    println!(
        "console RSS after the runs: {:.1} MiB",
        rss_kib(pid) as f64 / 1024.0
    );
}

/// Sends `count` messages numbered from `first`, round robin over the visitors at [`RATE`]
/// per second in all; each waits for its ack, as the widget does.
async fn flood(visitors: Vec<Visitor>, first: usize, count: usize) -> Vec<Visitor> {
    let n = visitors.len();
    let tasks: Vec<_> = visitors
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            tokio::spawn(async move {
                let mut tick = interval(Duration::from_micros(1_000_000 * n as u64 / RATE));
                tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
                for m in (first + i..first + count).step_by(n) {
                    tick.tick().await;
                    let text = format!("flood {m}: подскажите, пожалуйста, про доставку 🚚");
                    v.say(&format!("m{m}"), &text).await;
                }
                v
            })
        })
        .collect();
    let mut back = Vec::new();
    for t in tasks {
        back.push(t.await.unwrap());
    }
    back
}

/// Waits until message `last` is drawn (the newest line of one of the panes).
async fn wait_shown(console: &Console, last: usize) {
    let marker = format!("flood {last}:");
    console.wait_text(&marker).await;
}

/// Row and first text column of the reply box (below its "Reply" title), in characters:
/// everything left of it is one column wide (borders, Latin and Cyrillic labels).
fn reply_origin(screen: &str) -> (usize, usize) {
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("┌Reply"))
        .expect("the reply box on screen");
    let byte = line.find("┌Reply").unwrap();
    (row + 1, line[..byte].chars().count() + 1)
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
