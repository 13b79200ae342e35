//! The two programs of the terminal run side by side, each in a private tmux of its own at
//! 160x48: the real console (logged in, its panes on the run's chats) and irssi (connected to
//! the run's ngircd, in its first channel). Keys go to each through its tmux, and what each
//! writes comes back through that tmux's control mode, so everything is timed where a terminal
//! emulator sees it. One tmux each, because one tmux serving both read and forwarded irssi's
//! flood (500 lines a second) before the console's echo and added it to the console's key
//! times (docs/benchmarks.md, a key's way through tmux).

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

/// Which of the two programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Console,
    Irssi,
}

/// One program in the one pane of its own tmux, and that tmux's control-mode output.
pub struct Program {
    pub pane: String,
    pub pid: u32,
    tmux: Tmux,
    output: UnboundedReceiver<Output>,
}

impl Program {
    /// Starts `command` alone in a new tmux server named `socket`.
    async fn start(socket: &str, env: &[(&str, &Path)], command: &[&str]) -> anyhow::Result<Self> {
        let mut tmux = Tmux::start(socket, SIZE, env, command).await?;
        let panes = tmux.panes().await?;
        let [(pane, pid)] = panes.as_slice() else {
            bail!("expected one tmux pane, found {panes:?}");
        };
        let (pane, pid) = (pane.clone(), *pid);
        let output = tmux.attach().await?;
        Ok(Self {
            pane,
            pid,
            tmux,
            output,
        })
    }

    async fn wait_screen(&mut self, ready: impl Fn(&str) -> bool) -> anyhow::Result<()> {
        let until = Instant::now() + READY_TIMEOUT;
        loop {
            let screen = self.tmux.screen(&self.pane).await.unwrap_or_default();
            if ready(&screen) {
                return Ok(());
            }
            ensure!(Instant::now() < until, "timed out; the screen:\n{screen}");
            tokio::time::sleep(Duration::from_millis(200)).await;
            while self.output.try_recv().is_ok() {}
        }
    }

    async fn screen(&self) -> String {
        self.tmux.screen(&self.pane).await.unwrap_or_default()
    }
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
    pub console: Program,
    pub irssi: Program,
}

impl Terminals {
    pub async fn start(setup: &Setup<'_>) -> anyhow::Result<Self> {
        let id = std::process::id();
        let console_bin = setup.console_bin.to_string_lossy().into_owned();
        let console = Program::start(
            &format!("frontdesk-keys-{id}-console"),
            &[
                ("FRONTDESK_DATA_DIR", setup.data),
                ("FRONTDESK_CONFIG_DIR", setup.config),
            ],
            &[&console_bin, "--server", setup.server_url],
        )
        .await?;
        let home = format!("--home={}", setup.irssi_home.display());
        let port = setup.irc_port.to_string();
        let irssi = Program::start(
            &format!("frontdesk-keys-{id}-irssi"),
            &[],
            &[
                "irssi",
                &home,
                "-c",
                "127.0.0.1",
                "-p",
                &port,
                "-n",
                "probe",
            ],
        )
        .await
        .context("starting irssi (is it installed?)")?;
        let mut this = Self { console, irssi };
        this.console_ready(setup.panes).await?;
        this.irssi_ready(setup.channels).await?;
        for which in [Which::Console, Which::Irssi] {
            if this.one_key(which).await?.is_none() {
                let screen = this.program(which).screen().await;
                bail!("the {which:?} pane did not show a typed key; its screen:\n{screen}");
            }
        }
        Ok(this)
    }

    fn program(&mut self, which: Which) -> &mut Program {
        match which {
            Which::Console => &mut self.console,
            Which::Irssi => &mut self.irssi,
        }
    }

    /// Waits for the console's panes (each chat's first message on screen), then moves the
    /// keys into the reply box.
    async fn console_ready(&mut self, panes: usize) -> anyhow::Result<()> {
        let console = &mut self.console;
        console
            .wait_screen(|s| s.matches("Load visitor").count() >= panes)
            .await
            .context("the console never showed its panes")?;
        for _ in 0..5 {
            console.tmux.key(&console.pane, "Tab").await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let screen = console.screen().await;
            if screen.contains("Type a reply") || screen.contains("Введите ответ") {
                return Ok(());
            }
        }
        let screen = console.screen().await;
        bail!("the console's reply box never took the keys; its screen:\n{screen}")
    }

    /// Joins irssi to the run's channels, the first one last so it is the window on screen.
    async fn irssi_ready(&mut self, channels: usize) -> anyhow::Result<()> {
        let irssi = &mut self.irssi;
        irssi
            .wait_screen(|s| s.contains("bench.irc") || s.contains("Welcome"))
            .await
            .context("irssi never connected to ngircd")?;
        let joins: Vec<String> = (0..channels).rev().map(irc::channel).collect();
        irssi
            .tmux
            .type_line(&irssi.pane, &format!("/join {}", joins.join(",")))
            .await?;
        let first = irc::channel(0);
        tokio::time::sleep(Duration::from_millis(500)).await;
        irssi
            .tmux
            .type_line(&irssi.pane, &format!("/window goto {first}"))
            .await?;
        irssi
            .wait_screen(|s| s.contains(&format!("[{first}]")))
            .await
            .context("irssi never showed its channel")
    }

    /// Times one key in `which`'s pane ([`one_key`]).
    pub async fn one_key(&mut self, which: Which) -> anyhow::Result<Option<Duration>> {
        let Program {
            tmux, output, pane, ..
        } = self.program(which);
        one_key(tmux, output, pane).await
    }

    /// Waits until each program's screen shows its marker (the text of the flood's last
    /// message; console first, then irssi) and returns when: the arrival of the last output of
    /// that pane before the screen that showed it was read, or, when tmux announced no output
    /// since the last look, the time of the look itself. `None` for one that did not show it
    /// by `until`, or whose marker is `None` (not flooded, so not waited for).
    ///
    /// The screens are also looked at every [`LOOK_EVERY`] without an announcement: tmux
    /// sometimes announces a pane's output to its control client only with the pane's next
    /// output. A console frame drawn at once was then timed by its next frame, the 1 Hz
    /// tick's, ~0.3 s late, while the screen already showed it.
    pub async fn last_shown(
        &mut self,
        markers: [Option<&str>; 2],
        until: Instant,
    ) -> [Option<Instant>; 2] {
        const BOTH: [Which; 2] = [Which::Console, Which::Irssi];
        let mut shown = [None, None];
        let mut latest: [Option<Instant>; 2] = [None, None];
        // What was written before now is of no use; read the screens once at the start too: a
        // message may already be on screen.
        for which in BOTH {
            while self.program(which).output.try_recv().is_ok() {}
        }
        let mut dirty = [true, true];
        let waiting =
            |shown: &[Option<Instant>; 2], i: usize| markers[i].is_some() && shown[i].is_none();
        while (0..2).any(|i| waiting(&shown, i)) && Instant::now() < until {
            for (i, which) in BOTH.into_iter().enumerate() {
                let Some(marker) = markers[i].filter(|_| waiting(&shown, i) && dirty[i]) else {
                    continue;
                };
                let at = latest[i].unwrap_or_else(Instant::now);
                dirty[i] = false;
                let program = self.program(which);
                if program.screen().await.contains(marker) {
                    // The output that drew it may still be on its way from tmux: take it.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    let mut at = at;
                    while let Ok(out) = program.output.try_recv() {
                        if out.pane == program.pane && out.at > at {
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
            let announced = tokio::select! {
                out = self.console.output.recv() => out.map(|out| (0, out)),
                out = self.irssi.output.recv() => out.map(|out| (1, out)),
                // Nothing announced for a while: look anyway.
                () = tokio::time::sleep(wait.min(LOOK_EVERY)) => {
                    dirty = [true, true];
                    continue;
                }
            };
            let Some((i, out)) = announced else { break };
            latest[i] = Some(out.at);
            dirty[i] = true;
            for (i, which) in BOTH.into_iter().enumerate() {
                while let Ok(more) = self.program(which).output.try_recv() {
                    latest[i] = Some(more.at);
                    dirty[i] = true;
                }
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
#[path = "terminal_tests.rs"]
mod tests;
