//! Serves the generated year with a real `frontdesk-server` and times what a support lead
//! waits for: `GET /api/stats` over 30 days and over the year, `GET /api/search`, and the
//! CPU `frontdesk tail --json` spends per event while it replays history.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use frontdesk_protocol::rest::LoginResponse;
use frontdesk_protocol::search::SearchResults;
use frontdesk_protocol::stats::StatsReport;
use frontdesk_server::Config;
use serde::Serialize;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::generate::{Generated, Size};
use super::shape::DAY_MS;
use super::{LEAD, PASSWORD, YearArgs, department_key, operator_name, texts};

/// Timed runs of each statistics read after the first (cold) one.
const STATS_RUNS: usize = 5;

#[derive(Debug, Clone, Default, Serialize)]
pub struct YearReport {
    pub generated: Option<Generated>,
    pub size: Size,
    /// `GET /api/stats` per period and grouping: the first run and the warm median, ms.
    pub stats: Vec<Timing>,
    pub search: Option<SearchTiming>,
    pub tail: Option<TailCost>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    pub what: String,
    pub first_ms: f64,
    pub median_ms: f64,
    pub max_ms: f64,
    pub chats_counted: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchTiming {
    pub queries: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Queries that found something (every listed word occurs in the year).
    pub with_hits: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TailCost {
    pub events: u64,
    pub events_per_sec: f64,
    pub cpu_ms_per_1000: f64,
    /// `cpu_ms_per_1000 × 5`: the share of one core at 5,000 events a second, percent.
    pub core_percent_at_5000_per_sec: f64,
}

pub async fn over(args: &YearArgs, server_bin: &Path) -> anyhow::Result<YearReport> {
    let dir = tempfile::Builder::new()
        .prefix("frontdesk-year")
        .tempdir()?;
    let mut server = serve(args, server_bin, dir.path()).await?;
    let result = measure(args, &server.url, dir.path()).await;
    let _ = server.child.kill().await;
    result
}

struct Served {
    url: String,
    child: Child,
}

async fn measure(args: &YearArgs, url: &str, dir: &Path) -> anyhow::Result<YearReport> {
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{url}/api/login"))
        .json(&serde_json::json!({ "name": LEAD, "password": PASSWORD }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login.token;
    let until = {
        let now = frontdesk_server::store::now_ms();
        now - now.rem_euclid(DAY_MS)
    };
    let mut report = YearReport::default();
    for (period, days) in [("30 days", 30), ("year", i64::from(args.days))] {
        for by in ["operator", "hour"] {
            let path = format!(
                "/api/stats?since={}&until={until}&by={by}&tz=Europe/Moscow",
                until - days * DAY_MS
            );
            report
                .stats
                .push(time_stats(&http, url, &token, &path, period, by).await?);
        }
    }
    report.search = Some(time_search(&http, url, &token, args.queries).await?);
    if let Some(console) = &args.console {
        report.tail = Some(tail_cost(console, url, dir, args.tail_events).await?);
    }
    Ok(report)
}

async fn time_stats(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    path: &str,
    period: &str,
    by: &str,
) -> anyhow::Result<Timing> {
    let mut times = Vec::new();
    let mut chats = 0;
    for _ in 0..=STATS_RUNS {
        let started = Instant::now();
        let report: StatsReport = http
            .get(format!("{url}{path}"))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        times.push(ms(started.elapsed()));
        chats = report.total.chats_started;
    }
    let first = times.remove(0);
    times.sort_by(f64::total_cmp);
    Ok(Timing {
        what: format!("{period}, by {by}"),
        first_ms: first,
        median_ms: times[times.len() / 2],
        max_ms: times.last().copied().unwrap_or(first),
        chats_counted: chats,
    })
}

async fn time_search(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    queries: usize,
) -> anyhow::Result<SearchTiming> {
    let mut times = Vec::with_capacity(queries);
    let mut with_hits = 0;
    for q in texts::QUERIES.iter().cycle().take(queries) {
        let started = Instant::now();
        let found: SearchResults = http
            .get(format!("{url}/api/search?q={}&limit=20", encode(q)))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        times.push(ms(started.elapsed()));
        with_hits += usize::from(!found.hits.is_empty());
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1];
    Ok(SearchTiming {
        queries,
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        max_ms: at(1.0),
        with_hits,
    })
}

/// `frontdesk tail --json --since SEQ` from `events` before the end, read to the last line:
/// wall time and the child's own CPU (from /proc) per event.
async fn tail_cost(console: &Path, url: &str, dir: &Path, events: u64) -> anyhow::Result<TailCost> {
    let data = dir.join("console-data");
    let config = dir.join("console-config");
    crate::keys::console_login(console, url, LEAD, PASSWORD, &data, &config).await?;
    let head: u64 = reqwest::get(format!("{url}/healthz"))
        .await?
        .json::<serde_json::Value>()
        .await?
        .get("head_seq")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    let since = head.saturating_sub(events).max(1);
    let mut child = Command::new(console)
        .args(["tail", "--json", "--since", &since.to_string()])
        .env("FRONTDESK_DATA_DIR", &data)
        .env("FRONTDESK_CONFIG_DIR", &config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("running {}", console.display()))?;
    let pid = child.id().context("tail has no pid")?;
    let stdout = child.stdout.take().context("no stdout from tail")?;
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    let mut seen = 0u64;
    let mut last_seq = 0u64;
    while last_seq < head {
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .context("tail went quiet before the head")??
            .context("tail ended early")?;
        let value: serde_json::Value = serde_json::from_str(&line)?;
        if let Some(seq) = value.get("seq").and_then(serde_json::Value::as_u64) {
            last_seq = seq;
            seen += 1;
        }
    }
    let wall = started.elapsed();
    let cpu = Duration::from_millis(
        crate::target::process_cpu_ms(pid).context("no CPU time of tail in /proc")?,
    );
    let _ = child.kill().await;
    ensure!(seen > 0, "tail printed no events");
    let cpu_ms_per_1000 = ms(cpu) * 1000.0 / seen as f64;
    Ok(TailCost {
        events: seen,
        events_per_sec: seen as f64 / wall.as_secs_f64(),
        cpu_ms_per_1000,
        core_percent_at_5000_per_sec: cpu_ms_per_1000 * 5.0 / 10.0,
    })
}

/// The server on the year's database, with its departments as generated.
async fn serve(args: &YearArgs, bin: &Path, dir: &Path) -> anyhow::Result<Served> {
    ensure!(bin.is_file(), "no server binary at {}", bin.display());
    let mut config = Config::local(PathBuf::from(&args.db));
    config.storage = args.storage();
    config.routing.departments = (0..args.departments)
        .map(|d| frontdesk_server::routing::Department {
            key: department_key(d),
            title: String::new(),
            operators: (0..args.operators)
                .filter(|i| i % args.departments == d)
                .map(operator_name)
                .collect(),
        })
        .collect();
    let config_path = dir.join("server.toml");
    std::fs::write(&config_path, toml::to_string(&config)?)?;
    let mut child = Command::new(bin)
        .arg("--config")
        .arg(&config_path)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(dir.join("server.log"))?)
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let stdout = child.stdout.take().context("no stdout from the server")?;
    let url = crate::target::read_address(stdout).await?;
    Ok(Served { url, child })
}

/// Percent-encodes a query value (every byte but unreserved ASCII).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
