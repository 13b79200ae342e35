//! The server under load: either one already running (`--server`) or a child process this
//! tool spawns with a temporary config and database (`--spawn-server`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use frontdesk_server::Config;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

use crate::Args;

/// How long a spawned server may take to answer `/healthz`.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

pub struct Target {
    pub http_url: String,
    /// The server's process id, when known, for memory readings.
    pub pid: Option<u32>,
    /// Operator accounts (name, password); operator `i` uses account `i % len`.
    pub accounts: Vec<(String, String)>,
    child: Option<Child>,
    /// Holds the spawned server's config, database and log until the run ends.
    _dir: Option<tempfile::TempDir>,
}

impl Target {
    pub async fn open(args: &Args) -> anyhow::Result<Self> {
        if let Some(bin) = &args.spawn_server {
            return spawn(bin, args).await;
        }
        let (Some(url), Some(name), Some(password)) =
            (&args.server, &args.operator, &args.password)
        else {
            bail!("--server needs --operator and --password");
        };
        Ok(Self {
            http_url: url.trim_end_matches('/').to_owned(),
            pid: args.server_pid,
            accounts: vec![(name.clone(), password.clone())],
            child: None,
            _dir: None,
        })
    }

    /// Resident memory of the server process in bytes, from /proc (Linux).
    pub fn rss_bytes(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    /// CPU time (user + system) the server process has used so far, in milliseconds, from
    /// /proc (Linux; clock ticks taken as the kernel's usual 100 a second).
    pub fn cpu_ms(&self) -> Option<u64> {
        process_cpu_ms(self.pid?)
    }

    /// Stops a spawned server; an attached one is left running.
    pub async fn stop(mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill().await;
        }
    }
}

/// CPU time (user + system) process `pid` has used so far, in milliseconds, from /proc
/// (Linux; clock ticks taken as the kernel's usual 100 a second).
pub fn process_cpu_ms(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: fields are counted after its closing ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10)
}

async fn spawn(bin: &Path, args: &Args) -> anyhow::Result<Target> {
    ensure!(bin.is_file(), "no server binary at {}", bin.display());
    let dir = tempfile::Builder::new()
        .prefix("frontdesk-loadgen")
        .tempdir()?;
    let config_path = dir.path().join("server.toml");
    std::fs::write(
        &config_path,
        load_config(&dir.path().join("frontdesk.db"), args)?,
    )?;

    // At least one account: the console of a terminal run logs in with the first.
    let mut accounts = Vec::new();
    for i in 1..=args.operators.max(1) {
        let name = format!("loadgen-{i}");
        let password = format!("loadgen-password-{i}");
        add_operator(bin, &config_path, &name, &password).await?;
        accounts.push((name, password));
    }

    let log_path = dir.path().join("server.log");
    let mut child = Command::new(bin)
        .arg("--config")
        .arg(&config_path)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path)?)
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let started = match child.stdout.take() {
        Some(stdout) => read_address(stdout).await,
        None => Err(anyhow::anyhow!("no stdout from the server")),
    };
    let http_url = match started {
        Ok(url) => url,
        Err(e) => {
            let _ = child.kill().await;
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            bail!("{e:#}\nserver log:\n{log}");
        }
    };
    let mut target = Target {
        http_url,
        pid: child.id(),
        accounts,
        child: Some(child),
        _dir: Some(dir),
    };
    wait_healthy(&mut target).await?;
    Ok(target)
}

/// The server listens on port 0 and prints `listening on http://…`; read that line and keep
/// draining stdout so a later print cannot fail on a closed pipe.
pub(crate) async fn read_address(stdout: tokio::process::ChildStdout) -> anyhow::Result<String> {
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(STARTUP_TIMEOUT, async {
        while let Some(line) = lines.next_line().await? {
            if let Some(url) = line.trim().strip_prefix("listening on ") {
                return Ok(url.trim_end_matches('/').to_owned());
            }
        }
        bail!("the server exited before it listened")
    })
    .await
    .context("the server did not start in time")??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(first)
}

/// The spawned server's config: every visitor shares 127.0.0.1, so the per-address limit
/// must allow the whole run's rate, and idle sockets must not time out mid-run.
fn load_config(database: &Path, args: &Args) -> anyhow::Result<String> {
    let mut config = Config::local(PathBuf::from(database));
    if let Some(ms) = args.checkpoint_ms {
        config.storage.checkpoint_interval_ms = ms;
    }
    if let Some(ms) = args.commit_window_ms {
        config.storage.commit_window_ms = ms;
    }
    if let Some(events) = args.replay_window {
        config.storage.replay_window = events;
    }
    if let Some(workers) = args.server_workers {
        config.workers = workers;
    }
    if let Some(mode) = &args.synchronous {
        config.storage.synchronous = toml::Value::String(mode.clone()).try_into()?;
    }
    // Thousands of sockets from one address, some never saying hello: the run decides.
    config.connections.max_open = 10_000_000;
    config.connections.max_per_address = 10_000_000;
    config.connections.hello_timeout_secs = 3_600;
    config.limits.visitor_messages_per_sec = 100_000;
    // The run's visitors send as fast as it asks; hostile ones meet the server's own pace.
    if args.flood_visitors == 0 {
        config.limits.visitor_frames_per_sec = 100_000;
    }
    config.limits.ip_messages_per_sec = 10_000_000;
    config.limits.idle_timeout_secs = 3_600;
    // Every visitor of the run is new, and all come from one address.
    config.limits.new_visitors_per_ip_per_min = 1_000_000;
    config.limits.new_chats_per_ip_per_hour = 0;
    config.limits.new_chats_per_visitor_per_hour = 0;
    if let Some(mode) = &args.routing {
        config.routing.mode = toml::Value::String(mode.clone()).try_into()?;
        config.routing.max_chats = args.max_chats;
        config.routing.departments = (0..args.departments.max(1))
            .map(|d| frontdesk_server::routing::Department {
                key: crate::routing::department_key(d),
                title: String::new(),
                operators: (1..=args.operators)
                    .filter(|i| (i - 1) % args.departments.max(1) == d)
                    .map(|i| format!("loadgen-{i}"))
                    .collect(),
            })
            .collect();
    }
    // Only what the run sets: the rest is left to the spawned binary's own defaults, so a
    // run against another build of the server (a before-and-after comparison) measures that
    // build as it ships, not with this load generator's defaults.
    let defaults = toml::Table::try_from(Config::default())?;
    Ok(toml::to_string(&changed_from(
        toml::Table::try_from(&config)?,
        &defaults,
    ))?)
}

/// The entries of `table` that differ from `base`, tables compared key by key.
fn changed_from(table: toml::Table, base: &toml::Table) -> toml::Table {
    table
        .into_iter()
        .filter_map(|(key, value)| match (value, base.get(&key)) {
            (toml::Value::Table(inner), Some(toml::Value::Table(base_inner))) => {
                let inner = changed_from(inner, base_inner);
                (!inner.is_empty()).then_some((key, toml::Value::Table(inner)))
            }
            (value, Some(same)) if value == *same => None,
            (value, _) => Some((key, value)),
        })
        .collect()
}

async fn add_operator(bin: &Path, config: &Path, name: &str, password: &str) -> anyhow::Result<()> {
    let mut child = Command::new(bin)
        .arg("--config")
        .arg(config)
        .args(["operator", "add", name, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("running `frontdesk-server operator add`")?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(format!("{password}\n").as_bytes()).await?;
    }
    let out = child.wait_with_output().await?;
    ensure!(
        out.status.success(),
        "`frontdesk-server operator add {name}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

async fn wait_healthy(target: &mut Target) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let url = format!("{}/healthz", target.http_url);
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if let Ok(resp) = http.get(&url).send().await
            && resp.status().is_success()
        {
            return Ok(());
        }
        if let Some(child) = &mut target.child
            && let Some(status) = child.try_wait()?
        {
            bail!("the server exited during startup: {status}");
        }
        ensure!(
            Instant::now() < deadline,
            "the server did not become healthy in time"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawned_config_parses_back_with_raised_limits() {
        let args = <Args as clap::Parser>::parse_from([
            "frontdesk-loadgen",
            "--spawn-server",
            "x",
            "--checkpoint-ms",
            "250",
            "--synchronous",
            "full",
            "--commit-window-ms",
            "0",
            "--replay-window",
            "500",
        ]);
        let text = load_config(Path::new("db.sqlite"), &args).unwrap();
        let config = Config::from_toml(&text).unwrap();
        assert!(config.listen.ip().is_loopback());
        assert!(config.limits.ip_messages_per_sec >= 1_000_000);
        assert!(config.connections.max_per_address >= 1_000_000);
        assert_eq!(config.storage.checkpoint_interval_ms, 250);
        assert_eq!(config.storage.commit_window_ms, 0);
        assert_eq!(config.storage.replay_window, 500);
        assert_eq!(
            config.storage.synchronous,
            frontdesk_server::config::Synchronous::Full
        );
    }

    #[test]
    fn what_the_run_does_not_set_is_left_to_the_spawned_server() {
        let args = <Args as clap::Parser>::parse_from(["frontdesk-loadgen", "--spawn-server", "x"]);
        let text = load_config(Path::new("db.sqlite"), &args).unwrap();
        let written: toml::Table = toml::from_str(&text).unwrap();
        // The window is the server's own unless asked for; the run's raised limits are there.
        assert!(
            written
                .get("storage")
                .and_then(|storage| storage.get("commit_window_ms"))
                .is_none(),
            "{text}"
        );
        assert_eq!(
            written["limits"]["ip_messages_per_sec"].as_integer(),
            Some(10_000_000)
        );
        assert!(written.contains_key("database") && written.contains_key("listen"));
        let config = Config::from_toml(&text).unwrap();
        assert_eq!(
            config.storage.commit_window_ms,
            Config::default().storage.commit_window_ms
        );
    }
}
