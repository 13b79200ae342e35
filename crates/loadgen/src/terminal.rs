//! The two programs of the terminal run side by side in one private tmux at 160x48: the real
//! console (logged in, its panes on the run's chats) in the first window and irssi (connected to
//! the run's ngircd, in its first channel) in the second. Keys go to each through tmux, and what
//! each writes comes back through tmux's control mode, so everything is timed where a terminal
//! emulator sees it.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail, ensure};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::Instant;

use crate::irc;
use crate::tmux::{Output, Tmux};

/// The size the outside run used.
pub const SIZE: (u16, u16) = (160, 48);
/// The key typed: no load text, label or status line of either program contains it.
const KEY: &str = "z";
/// A key not drawn within this counts as lost (and ends the run: something is wrong).
const ECHO_TIMEOUT: Duration = Duration::from_secs(3);
/// How long each program may take to come up (log in and sync, connect and join).
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// While the last message is watched for, the screens are looked at least this often (a
/// look takes about 2 ms of tmux's time).
const LOOK_EVERY: Duration = Duration::from_millis(5);

/// One program in its tmux pane.
pub struct Program {
    pub pane: String,
    pub pid: u32,
}

/// What the console and irssi are started with.
pub struct Setup<'a> {
    pub console_bin: &'a Path,
    pub server_url: &'a str,
    /// Its data and config folders, already logged in.
    pub data: &'a Path,
    pub config: &'a Path,
    /// Panes the console shows (its layout file names them), to wait for.
    pub panes: usize,
    pub irc_port: u16,
    pub channels: usize,
    pub irssi_home: &'a Path,
}

pub struct Terminals {
    tmux: Tmux,
    output: UnboundedReceiver<Output>,
    pub console: Program,
    pub irssi: Program,
}

impl Terminals {
    pub async fn start(setup: &Setup<'_>) -> anyhow::Result<Self> {
        let socket = format!("frontdesk-keys-{}", std::process::id());
        let console = setup.console_bin.to_string_lossy().into_owned();
        let mut tmux = Tmux::start(
            &socket,
            SIZE,
            &[
                ("FRONTDESK_DATA_DIR", setup.data),
                ("FRONTDESK_CONFIG_DIR", setup.config),
            ],
            &[&console, "--server", setup.server_url],
        )
        .await?;
        let home = format!("--home={}", setup.irssi_home.display());
        let port = setup.irc_port.to_string();
        tmux.window(&[
            "irssi",
            &home,
            "-c",
            "127.0.0.1",
            "-p",
            &port,
            "-n",
            "probe",
        ])
        .await
        .context("starting irssi (is it installed?)")?;
        let panes = tmux.panes().await?;
        let [(console_pane, console_pid), (irssi_pane, irssi_pid)] = panes.as_slice() else {
            bail!("expected two tmux panes, found {panes:?}");
        };
        let console = Program {
            pane: console_pane.clone(),
            pid: *console_pid,
        };
        let irssi = Program {
            pane: irssi_pane.clone(),
            pid: *irssi_pid,
        };
        let output = tmux.attach().await?;
        let mut this = Self {
            tmux,
            output,
            console,
            irssi,
        };
        this.console_ready(setup.panes).await?;
        this.irssi_ready(setup.channels).await?;
        for pane in [this.console.pane.clone(), this.irssi.pane.clone()] {
            if this.one_key(&pane).await?.is_none() {
                let screen = this.tmux.screen(&pane).await.unwrap_or_default();
                bail!("pane {pane} did not show a typed key; its screen:\n{screen}");
            }
        }
        Ok(this)
    }

    /// Waits for the console's panes (each chat's first message on screen), then moves the
    /// keys into the reply box.
    async fn console_ready(&mut self, panes: usize) -> anyhow::Result<()> {
        let pane = self.console.pane.clone();
        self.wait_screen(&pane, |s| s.matches("Load visitor").count() >= panes)
            .await
            .context("the console never showed its panes")?;
        for _ in 0..5 {
            self.tmux.key(&pane, "Tab").await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let screen = self.tmux.screen(&pane).await.unwrap_or_default();
            if screen.contains("Type a reply") || screen.contains("Введите ответ") {
                return Ok(());
            }
        }
        let screen = self.tmux.screen(&pane).await.unwrap_or_default();
        bail!("the console's reply box never took the keys; its screen:\n{screen}")
    }

    /// Joins irssi to the run's channels, the first one last so it is the window on screen.
    async fn irssi_ready(&mut self, channels: usize) -> anyhow::Result<()> {
        let pane = self.irssi.pane.clone();
        self.wait_screen(&pane, |s| s.contains("bench.irc") || s.contains("Welcome"))
            .await
            .context("irssi never connected to ngircd")?;
        let joins: Vec<String> = (0..channels).rev().map(irc::channel).collect();
        self.tmux
            .type_line(&pane, &format!("/join {}", joins.join(",")))
            .await?;
        let first = irc::channel(0);
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.tmux
            .type_line(&pane, &format!("/window goto {first}"))
            .await?;
        self.wait_screen(&pane, |s| s.contains(&format!("[{first}]")))
            .await
            .context("irssi never showed its channel")
    }

    async fn wait_screen(
        &mut self,
        pane: &str,
        ready: impl Fn(&str) -> bool,
    ) -> anyhow::Result<()> {
        let until = Instant::now() + READY_TIMEOUT;
        loop {
            let screen = self.tmux.screen(pane).await.unwrap_or_default();
            if ready(&screen) {
                return Ok(());
            }
            ensure!(Instant::now() < until, "timed out; the screen:\n{screen}");
            tokio::time::sleep(Duration::from_millis(200)).await;
            while self.output.try_recv().is_ok() {}
        }
    }

    /// Times one key in `pane` ([`one_key`]).
    pub async fn one_key(&mut self, pane: &str) -> anyhow::Result<Option<Duration>> {
        one_key(&mut self.tmux, &mut self.output, pane).await
    }

    /// Waits until each pane shows its marker (the text of the flood's last message) and
    /// returns when: the arrival of the last output of that pane before the screen that
    /// showed it was read, or, when tmux announced no output since the last look, the time
    /// of the look itself. `None` for a pane that did not show it by `until`.
    ///
    /// The screens are also looked at every [`LOOK_EVERY`] without an announcement: tmux
    /// sometimes announces a pane's output to its control client only with the pane's next
    /// output. A console frame drawn at once was then timed by its next frame, the 1 Hz
    /// tick's, ~0.3 s late, while the screen already showed it.
    pub async fn last_shown(
        &mut self,
        watch: [(&str, &str); 2],
        until: Instant,
    ) -> [Option<Instant>; 2] {
        let mut shown = [None, None];
        let mut latest: [Option<Instant>; 2] = [None, None];
        // What was written before now is of no use; read the screens once at the start too: a
        // message may already be on screen.
        while self.output.try_recv().is_ok() {}
        let mut dirty = [true, true];
        while shown.iter().any(Option::is_none) && Instant::now() < until {
            for (i, (pane, marker)) in watch.iter().enumerate() {
                if shown[i].is_some() || !dirty[i] {
                    continue;
                }
                let at = latest[i].unwrap_or_else(Instant::now);
                dirty[i] = false;
                if self
                    .tmux
                    .screen(pane)
                    .await
                    .unwrap_or_default()
                    .contains(marker)
                {
                    // The output that drew it may still be on its way from tmux: take it.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    let mut at = at;
                    while let Ok(out) = self.output.try_recv() {
                        if out.pane == *pane && out.at > at {
                            at = out.at;
                        }
                    }
                    shown[i] = Some(at);
                } else {
                    // Not drawn by any output so far: only a later one can have drawn it.
                    latest[i] = None;
                }
            }
            let wait = until.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                break;
            }
            match tokio::time::timeout(wait.min(LOOK_EVERY), self.output.recv()).await {
                Ok(Some(out)) => {
                    let mut take = |out: Output| {
                        if let Some(i) = watch.iter().position(|(p, _)| *p == out.pane) {
                            latest[i] = Some(out.at);
                            dirty[i] = true;
                        }
                    };
                    take(out);
                    while let Ok(more) = self.output.try_recv() {
                        take(more);
                    }
                }
                Ok(None) => break,
                // Nothing announced for a while: look anyway.
                Err(_) => dirty = [true, true],
            }
        }
        shown
    }
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
        assert!(panes.iter().all(|(_, pid)| *pid > 1), "{panes:?}");
        let mut output = tmux.attach().await.unwrap();
        // irssi draws its screen first; wait until its input line is ready.
        let mut drawn = false;
        for _ in 0..50 {
            if tmux
                .screen(&panes[1].0)
                .await
                .unwrap()
                .contains("[(status)]")
            {
                drawn = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(drawn, "irssi never drew its status line");
        for (pane, _) in &panes {
            let took = one_key(&mut tmux, &mut output, pane).await.unwrap();
            let took = took.unwrap_or_else(|| panic!("pane {pane} did not draw the key"));
            assert!(took < ECHO_TIMEOUT, "{took:?}");
        }
        // A pane that does not exist draws nothing: no sample.
        let none = one_key(&mut tmux, &mut output, "%99").await;
        assert!(matches!(none, Ok(None)), "{none:?}");
    }
}
