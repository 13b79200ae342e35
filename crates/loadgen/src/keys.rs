//! The terminal run (`--console`): the real console, logged in, with `--panes` panes on the
//! run's chats, and irssi beside it, each in its own tmux at 160x48 ([`crate::terminal`]).
//! irssi is flooded through a private ngircd at the visitors' rate, in as many channels as the
//! console has chats ([`crate::irc`]). Measured for both, in the same run:
//! - keystroke to screen before the flood (idle) and during it: a key goes to one program,
//!   and the time until it writes the typed letter is read from tmux's control mode;
//! - the flood's last message: from its send until the screen shows it;
//! - CPU time (from /proc) per 1,000 messages, from the flood's start until its last message
//!   is on screen.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::irc::{self, Flooder, IrcServer};
use crate::ledger::{Ledger, histogram, record_ns};
use crate::report::Latency;
use crate::target::{Target, process_cpu_ms};
use crate::terminal::{Setup, Terminals, Which};

#[derive(Debug, Clone, Serialize)]
pub struct KeysReport {
    pub panes: usize,
    /// irssi was flooded too (not with `--peer-idle`); without it its figures other than
    /// keys are of an idle program.
    pub peer_flooded: bool,
    /// Key → drawn, before the flood.
    pub idle: Pair<Latency>,
    /// Key → drawn, during the flood.
    pub flood: Pair<Latency>,
    /// The flood's last message: sent → on screen, in ms (`None`: not seen before the drain
    /// ended).
    pub last_shown_ms: Pair<Option<f64>>,
    /// CPU time per 1,000 messages of the flood, in ms.
    pub cpu_per_1000_ms: Pair<Option<f64>>,
    /// CPU time of the server each program talks to, per message of the flood, in µs:
    /// frontdesk-server on the console's side, ngircd on irssi's (which only relays: it
    /// stores and acknowledges nothing). Same window as `cpu_per_1000_ms`.
    pub server_cpu_per_message_us: Pair<Option<f64>>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Pair<T> {
    pub console: T,
    pub irssi: T,
}

/// CPU time used so far (ms) by the two programs and by the server behind each.
#[derive(Default)]
struct Counters {
    programs: Pair<Option<u64>>,
    servers: Pair<Option<u64>>,
}

/// The two programs up and ready, and the peer's flood waiting to start.
pub struct Bench {
    terminals: Terminals,
    panes: usize,
    flooder: Option<Flooder>,
    flood: Option<JoinHandle<anyhow::Result<Option<Instant>>>>,
    idle: Option<Pair<Latency>>,
    flood_keys: Option<Pair<Latency>>,
    cpu_at_start: Counters,
    /// The server behind each program: frontdesk-server's and ngircd's process ids.
    servers: Pair<Option<u32>>,
    _irc: IrcServer,
    _dir: tempfile::TempDir,
}

impl Bench {
    /// Logs the console in with its panes on `chats` (the first `panes` of them), starts
    /// ngircd, the flooder (joined to one channel per chat) and both programs in tmux.
    pub async fn start(
        console_bin: &Path,
        target: &Target,
        panes: usize,
        chats: &[i64],
    ) -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("frontdesk-keys")
            .tempdir()?;
        let data = dir.path().join("data");
        let config = dir.path().join("config");
        let irssi_home = dir.path().join("irssi");
        std::fs::create_dir_all(&irssi_home)?;
        login(console_bin, target, &data, &config).await?;
        write_layout(&data, &chats[..panes.min(chats.len())])?;
        let channels = chats.len().max(1);
        let irc = IrcServer::start(dir.path()).await?;
        let flooder = Flooder::connect(irc.port, channels).await?;
        let terminals = Terminals::start(&Setup {
            console_bin,
            server_url: &target.http_url,
            data: &data,
            config: &config,
            panes: panes.min(chats.len()),
            irc_port: irc.port,
            channels,
            irssi_home: &irssi_home,
        })
        .await
        .with_context(|| format!("the console's log:\n{}", log_tail(&data)))?;
        Ok(Self {
            terminals,
            panes,
            flooder: Some(flooder),
            flood: None,
            idle: None,
            flood_keys: None,
            cpu_at_start: Counters::default(),
            servers: Pair {
                console: target.pid,
                irssi: irc.pid,
            },
            _irc: irc,
            _dir: dir,
        })
    }

    /// `n` keys each before the flood, alternating.
    pub async fn idle_probes(&mut self, n: usize) -> anyhow::Result<()> {
        let far = Instant::now() + Duration::from_secs(3_600);
        self.idle = Some(self.probes(n, Duration::from_millis(60), far).await?);
        Ok(())
    }

    /// The peer's flood starts with the visitors': `count` lines of `chars` at `rate`, from
    /// `start`, over as many channels as the console has chats (none with `peer_idle`). CPU
    /// counters are read here.
    pub fn start_flood(
        &mut self,
        count: usize,
        rate: u32,
        chars: usize,
        start: Instant,
        peer_idle: bool,
    ) {
        self.cpu_at_start = self.cpu();
        if peer_idle {
            return;
        }
        if let Some(flooder) = self.flooder.take() {
            let channels = self.panes.max(1);
            self.flood = Some(flooder.flood(count, rate, channels, chars, start));
        }
    }

    /// `n` keys each during the flood, spread evenly from a second after `start` to a second
    /// before `end` (so the last message is watched with no key in the way).
    pub async fn flood_probes(
        &mut self,
        n: usize,
        start: Instant,
        end: Instant,
    ) -> anyhow::Result<()> {
        let first = start + Duration::from_secs(1);
        tokio::time::sleep_until(first).await;
        let stop = end - Duration::from_secs(1);
        let span = stop.saturating_duration_since(first);
        let pause = span / u32::try_from(2 * n.max(1)).unwrap_or(u32::MAX);
        self.flood_keys = Some(self.probes(n, pause, stop).await?);
        Ok(())
    }

    /// After the flood: waits (until `until`) for each program to show its last message, then
    /// reads the CPU counters and puts the report together.
    pub async fn finish(mut self, ledger: &Ledger, until: Instant) -> anyhow::Result<KeysReport> {
        let count = ledger.planned();
        let last = count.saturating_sub(1);
        let flooded = self.flood.is_some();
        let irc_sent = match self.flood.take() {
            Some(flood) => flood.await??,
            None => None,
        };
        // The visitors' last message goes out at the same planned time as the flooder's.
        while ledger.sent_at(last).is_none() && Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let console_sent = ledger.sent_at(last).map(Instant::from_std);
        let console_marker = Ledger::marker(last);
        let irssi_marker = irc::marker(last);
        let [console_at, irssi_at] = self
            .terminals
            .last_shown(
                [Some(&console_marker), flooded.then_some(&irssi_marker)],
                until,
            )
            .await;
        let cpu = self.cpu();
        let since = |sent: Option<Instant>, at: Option<Instant>| {
            Some(at?.saturating_duration_since(sent?).as_secs_f64() * 1000.0)
        };
        let per_1000 = |before: Option<u64>, after: Option<u64>| {
            let used = after?.checked_sub(before?)?;
            (count > 0).then(|| used as f64 * 1000.0 / count as f64)
        };
        let start = &self.cpu_at_start;
        let none = || Latency::of(&histogram());
        Ok(KeysReport {
            panes: self.panes,
            peer_flooded: flooded,
            idle: self.idle.unwrap_or(Pair {
                console: none(),
                irssi: none(),
            }),
            flood: self.flood_keys.unwrap_or(Pair {
                console: none(),
                irssi: none(),
            }),
            last_shown_ms: Pair {
                console: since(console_sent, console_at),
                irssi: since(irc_sent, irssi_at),
            },
            cpu_per_1000_ms: Pair {
                console: per_1000(start.programs.console, cpu.programs.console),
                irssi: per_1000(start.programs.irssi, cpu.programs.irssi),
            },
            // ms per 1,000 messages is µs per message.
            server_cpu_per_message_us: Pair {
                console: per_1000(start.servers.console, cpu.servers.console),
                irssi: per_1000(start.servers.irssi, cpu.servers.irssi),
            },
        })
    }

    fn cpu(&self) -> Counters {
        Counters {
            programs: Pair {
                console: process_cpu_ms(self.terminals.console.pid),
                irssi: process_cpu_ms(self.terminals.irssi.pid),
            },
            servers: Pair {
                console: self.servers.console.and_then(process_cpu_ms),
                irssi: self.servers.irssi.and_then(process_cpu_ms),
            },
        }
    }

    /// Up to `n` keys for each program, alternating, `pause` (and a spread) apart, until
    /// `deadline`.
    async fn probes(
        &mut self,
        n: usize,
        pause: Duration,
        deadline: Instant,
    ) -> anyhow::Result<Pair<Latency>> {
        let mut console = histogram();
        let mut irssi = histogram();
        for i in 0..n * 2 {
            if Instant::now() >= deadline {
                break;
            }
            let (which, hist) = if i % 2 == 0 {
                (Which::Console, &mut console)
            } else {
                (Which::Irssi, &mut irssi)
            };
            let Some(took) = self.terminals.one_key(which).await? else {
                bail!("the {which:?} pane did not draw key {i}");
            };
            record_ns(hist, u64::try_from(took.as_nanos()).unwrap_or(u64::MAX));
            // A spread of pauses, so keys do not fall in step with the console's frame timer.
            let spread = Duration::from_millis((i as u64 * 37) % 60);
            tokio::time::sleep_until((Instant::now() + pause + spread).min(deadline)).await;
        }
        Ok(Pair {
            console: Latency::of(&console),
            irssi: Latency::of(&irssi),
        })
    }
}

/// The last lines of the console's log files in `data`, to tell why it did not come up.
fn log_tail(data: &Path) -> String {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(data).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "log") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            lines.extend(text.lines().rev().take(20).map(str::to_owned));
        }
    }
    lines.reverse();
    lines.join("\n")
}

/// The console's `layout.toml`: the given chats in panes (four panes for more than two).
fn write_layout(data: &Path, chats: &[i64]) -> anyhow::Result<()> {
    let layout = match chats.len() {
        0 | 1 => "one",
        2 => "columns",
        3 => "three",
        _ => "four",
    };
    let mut text = format!("layout = \"{layout}\"\nfocused = 0\ncard = false\n");
    for chat in chats {
        text.push_str(&format!("\n[[panes]]\nchat = {chat}\n"));
    }
    std::fs::create_dir_all(data)?;
    std::fs::write(data.join("layout.toml"), text)?;
    Ok(())
}

/// `frontdesk login` into a data folder of its own, with the run's first account.
async fn login(bin: &Path, target: &Target, data: &Path, config: &Path) -> anyhow::Result<()> {
    let (name, password) = target
        .accounts
        .first()
        .context("no operator account to log the console in")?;
    console_login(bin, &target.http_url, name, password, data, config).await
}

/// `frontdesk login --server URL --user NAME` with its data and config folders at `data` and
/// `config`, the password on standard input.
pub(crate) async fn console_login(
    bin: &Path,
    url: &str,
    name: &str,
    password: &str,
    data: &Path,
    config: &Path,
) -> anyhow::Result<()> {
    let mut child = Command::new(bin)
        .args(["login", "--server", url, "--user", name, "--password-stdin"])
        .env("FRONTDESK_DATA_DIR", data)
        .env("FRONTDESK_CONFIG_DIR", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("running {}", bin.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(format!("{password}\n").as_bytes()).await?;
    }
    let out = child.wait_with_output().await?;
    if !out.status.success() {
        bail!(
            "frontdesk login failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout file the console reads back (`src/runtime/layout_file.rs`): four chats make
    /// four panes in order, one chat one pane.
    #[test]
    fn layout_file_names_the_chats_in_pane_order() {
        let dir = tempfile::tempdir().unwrap();
        write_layout(dir.path(), &[3, 4, 5, 6]).unwrap();
        let text = std::fs::read_to_string(dir.path().join("layout.toml")).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(value["layout"].as_str(), Some("four"));
        let chats: Vec<i64> = value["panes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["chat"].as_integer().unwrap())
            .collect();
        assert_eq!(chats, [3, 4, 5, 6]);
        write_layout(dir.path(), &[9]).unwrap();
        let text = std::fs::read_to_string(dir.path().join("layout.toml")).unwrap();
        assert!(text.contains("layout = \"one\""), "{text}");
    }
}
