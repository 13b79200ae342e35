//! The server under load: either one already running (`--server`) or a child process this
//! tool spawns with a temporary config and database (`--spawn-server`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use frontdesk_server::Config;
use tokio::io::AsyncWriteExt;
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
        let (Some(url), Some(name), Some(password)) = (&args.server, &args.operator, &args.password)
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

    /// Stops a spawned server; an attached one is left running.
    pub async fn stop(mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill().await;
        }
    }
}

async fn spawn(bin: &Path, args: &Args) -> anyhow::Result<Target> {
    ensure!(bin.is_file(), "no server binary at {}", bin.display());
    let dir = tempfile::Builder::new().prefix("frontdesk-loadgen").tempdir()?;
    let database = dir.path().join("frontdesk.db");
    let config_path = dir.path().join("server.toml");
    let port = free_port()?;
    std::fs::write(&config_path, load_config(&database, port)?)?;

    let mut accounts = Vec::new();
    for i in 1..=args.operators {
        let name = format!("loadgen-{i}");
        let password = format!("loadgen-password-{i}-{port}");
        add_operator(bin, &database, &name, &password).await?;
        accounts.push((name, password));
    }

    let log = std::fs::File::create(dir.path().join("server.log"))?;
    let child = Command::new(bin)
        .arg("serve")
        .arg("--config")
        .arg(&config_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let mut target = Target {
        http_url: format!("http://127.0.0.1:{port}"),
        pid: child.id(),
        accounts,
        child: Some(child),
        _dir: None,
    };
    if let Err(e) = wait_healthy(&mut target).await {
        let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
        bail!("{e:#}\nserver log:\n{log}");
    }
    target._dir = Some(dir);
    Ok(target)
}

/// The spawned server's config: every visitor shares 127.0.0.1, so the per-address limit
/// must allow the whole run's rate, and idle sockets must not time out mid-run.
fn load_config(database: &Path, port: u16) -> anyhow::Result<String> {
    let mut config = Config::local(PathBuf::from(database));
    config.listen = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    config.limits.visitor_messages_per_sec = 100_000;
    config.limits.ip_messages_per_sec = 10_000_000;
    config.limits.idle_timeout_secs = 3_600;
    Ok(toml::to_string(&config)?)
}

/// Port 0 in the config would hide the port from us, so take a free one and hand it over.
/// Another process could grab it in between; startup then fails loudly.
fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

async fn add_operator(bin: &Path, database: &Path, name: &str, password: &str) -> anyhow::Result<()> {
    let mut child = Command::new(bin)
        .args(["operator", "add", name, "--password-stdin", "--database"])
        .arg(database)
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
        ensure!(Instant::now() < deadline, "the server did not become healthy in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawned_config_parses_back_with_raised_limits() {
        let text = load_config(Path::new("db.sqlite"), 4567).unwrap();
        let config = Config::from_toml(&text).unwrap();
        assert_eq!(config.listen.port(), 4567);
        assert!(config.limits.ip_messages_per_sec >= 1_000_000);
    }
}
