//! Keystroke to screen as a person feels it: the real console, logged in and under the run's
//! load, and irssi beside it as a peer, in two windows of one tmux. A key goes to one of them,
//! and the time until that program writes the typed letter is read from tmux's control mode.
//! irssi has no load and no server: it is the floor the terminal path itself costs.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::Instant;

use crate::ledger::{histogram, record_ns};
use crate::report::Latency;
use crate::target::Target;
use crate::tmux::{Output, Tmux};

/// The key typed: no load text, label or status line of the console contains it.
const KEY: &str = "z";
/// A key not drawn within this counts as lost (and ends the run: something is wrong).
const ECHO_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Serialize)]
pub struct KeysReport {
    /// Key → the console writes it, under load.
    pub console: Latency,
    /// Key → irssi writes it, in the same tmux at the same time.
    pub irssi: Latency,
}

/// Samples up to `samples` keys for each program, alternating, until `deadline`.
pub async fn sample(
    console_bin: &Path,
    target: &Target,
    samples: usize,
    deadline: Instant,
) -> anyhow::Result<KeysReport> {
    let dir = tempfile::Builder::new()
        .prefix("frontdesk-keys")
        .tempdir()?;
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    let irssi_home = dir.path().join("irssi");
    std::fs::create_dir_all(&irssi_home)?;
    login(console_bin, target, &data, &config).await?;

    let socket = format!("frontdesk-keys-{}", std::process::id());
    let console = console_bin.to_string_lossy().into_owned();
    let mut tmux = Tmux::start(
        &socket,
        (100, 30),
        &[
            ("FRONTDESK_DATA_DIR", &data),
            ("FRONTDESK_CONFIG_DIR", &config),
        ],
        &[&console, "--server", &target.http_url],
    )
    .await?;
    let home = format!("--home={}", irssi_home.display());
    tmux.window(&["irssi", &home, "-!"])
        .await
        .context("starting irssi (is it installed?)")?;
    let panes = tmux.panes().await?;
    let [console_pane, irssi_pane] = panes.as_slice() else {
        bail!("expected two tmux panes, found {panes:?}");
    };
    let mut output = tmux.attach().await?;

    // Give the console time to sync and the load time to open chats, then open one, so
    // typed keys land in its reply box.
    // Enter again until a dialog is open: the list may still be empty at the first press.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for _ in 0..20 {
        tmux.key(console_pane, "Enter").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let screen = tmux.screen(console_pane).await.unwrap_or_default();
        if !screen.contains("No chat open") && !screen.contains("Чат не открыт") {
            break;
        }
    }
    for pane in [console_pane, irssi_pane] {
        if one_key(&mut tmux, &mut output, pane).await?.is_none() {
            let screen = tmux.screen(pane).await.unwrap_or_default();
            bail!("pane {pane} did not show a typed key; its screen:\n{screen}");
        }
    }

    let mut console_hist = histogram();
    let mut irssi_hist = histogram();
    for i in 0..samples * 2 {
        if Instant::now() >= deadline {
            break;
        }
        let (pane, hist) = if i % 2 == 0 {
            (console_pane, &mut console_hist)
        } else {
            (irssi_pane, &mut irssi_hist)
        };
        let Some(took) = one_key(&mut tmux, &mut output, pane).await? else {
            bail!("pane {pane} did not draw key {i} within {ECHO_TIMEOUT:?}");
        };
        record_ns(hist, u64::try_from(took.as_nanos()).unwrap_or(u64::MAX));
        // A spread of pauses, so keys do not fall in step with the console's frame timer.
        let pause = 40 + (i as u64 * 37) % 60;
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
    Ok(KeysReport {
        console: Latency::of(&console_hist),
        irssi: Latency::of(&irssi_hist),
    })
}

/// Types [`KEY`] into `pane` and waits for the program to write it; then erases it again, so
/// the box never fills. `None`: not drawn in time.
async fn one_key(
    tmux: &mut Tmux,
    output: &mut UnboundedReceiver<Output>,
    pane: &str,
) -> anyhow::Result<Option<Duration>> {
    while output.try_recv().is_ok() {}
    let sent = tmux.key(pane, KEY).await?;
    let shown = tokio::time::timeout(ECHO_TIMEOUT, async {
        while let Some(out) = output.recv().await {
            if out.pane == pane && out.text.contains(KEY) {
                return Some(out.at);
            }
        }
        None
    })
    .await
    .ok()
    .flatten();
    tmux.key(pane, "BSpace").await?;
    tokio::time::sleep(Duration::from_millis(30)).await;
    Ok(shown.map(|at| at.saturating_duration_since(sent)))
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

    /// The timing chain itself: a key typed into `cat` and into irssi, each in its tmux
    /// window, comes back as that pane's output and is timed; a pane that never draws the
    /// key is told apart (`None`), not timed.
    #[tokio::test]
    async fn keys_typed_into_two_windows_are_timed_per_pane() {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("frontdesk-keys-test-{}", std::process::id());
        let mut tmux = Tmux::start(&socket, (80, 24), &[], &["cat"])
            .await
            .expect("tmux must be installed (scripts/test installs it)");
        let home = format!("--home={}", dir.path().display());
        tmux.window(&["irssi", &home, "-!"]).await.unwrap();
        let panes = tmux.panes().await.unwrap();
        assert_eq!(panes.len(), 2, "{panes:?}");
        let mut output = tmux.attach().await.unwrap();
        // irssi draws its screen first; wait until its input line is ready.
        let mut drawn = false;
        for _ in 0..50 {
            if tmux.screen(&panes[1]).await.unwrap().contains("[(status)]") {
                drawn = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(drawn, "irssi never drew its status line");
        for pane in &panes {
            let took = one_key(&mut tmux, &mut output, pane).await.unwrap();
            let took = took.unwrap_or_else(|| panic!("pane {pane} did not draw the key"));
            assert!(took < ECHO_TIMEOUT, "{took:?}");
        }
        // A pane that does not exist draws nothing: no sample.
        let none = one_key(&mut tmux, &mut output, "%99").await;
        assert!(matches!(none, Ok(None)), "{none:?}");
    }
}
