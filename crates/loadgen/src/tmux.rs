//! A private tmux server driven through a control-mode client: keys go in as `send-keys`
//! commands, and every byte a pane's program writes comes back as an `%output` line, so the
//! time from a key to the program drawing it is read where a terminal would read it.
//!
//! The `%output` lines are read on a thread of their own, blocked in `read` and timed the
//! moment it returns: the harness is the eye, and its own wake-up is not part of what a person
//! sees. Read through the runtime, a line was timed only once a worker had woken and run the
//! reading task, which a pane that writes seldom (the console's) finds asleep more often than
//! one that writes 500 lines a second (irssi's). Measured, the difference was within the
//! runs' noise (docs/benchmarks.md, "The terminal's turn after the echo").

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail, ensure};
use tokio::io::AsyncWriteExt;
use tokio::process::{ChildStdin, Command};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Output of one pane, as control mode reports it (escapes still in tmux's octal form).
pub struct Output {
    pub at: Instant,
    pub pane: String,
    pub text: String,
}

/// How long a control client may take to join its session.
const ATTACH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A tmux server of our own (its own socket name), killed when dropped.
pub struct Tmux {
    socket: String,
    control: Option<std::process::Child>,
    input: Option<ChildStdin>,
}

impl Tmux {
    /// Starts a detached session of `cols`×`rows` whose first window runs `command`.
    pub async fn start(
        socket: &str,
        (cols, rows): (u16, u16),
        env: &[(&str, &Path)],
        command: &[&str],
    ) -> anyhow::Result<Self> {
        let mut args: Vec<String> = [
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for (name, value) in env {
            args.push("-e".into());
            args.push(format!("{name}={}", value.display()));
        }
        args.extend(command.iter().map(|s| (*s).to_owned()));
        let tmux = Self {
            socket: socket.to_owned(),
            control: None,
            input: None,
        };
        tmux.run(&args)
            .await
            .context("starting tmux (is it installed?)")?;
        Ok(tmux)
    }

    /// The pane ids (`%0`, `%1`, …) in window order, each with the process id of the program
    /// it runs.
    pub async fn panes(&self) -> anyhow::Result<Vec<(String, u32)>> {
        let out = self
            .command(&[
                "list-panes",
                "-s",
                "-t",
                "bench",
                "-F",
                "#{pane_id} #{pane_pid}",
            ])
            .output()
            .await?;
        ensure!(out.status.success(), "tmux list-panes failed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|line| {
                let (pane, pid) = line.split_once(' ').context("a pane without a pid")?;
                Ok((pane.to_owned(), pid.parse()?))
            })
            .collect()
    }

    /// The screen of `pane` as text, for telling what state a program is in.
    pub async fn screen(&self, pane: &str) -> anyhow::Result<String> {
        let out = self
            .command(&["capture-pane", "-p", "-t", pane])
            .output()
            .await?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Attaches the control-mode client; its `%output` lines arrive on the returned channel,
    /// each timed when its last byte was read.
    pub async fn attach(&mut self) -> anyhow::Result<mpsc::UnboundedReceiver<Output>> {
        let mut child = std::process::Command::new("tmux")
            .args(self.server_args())
            .args(["-C", "attach", "-t", "bench"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("attaching a tmux control client")?;
        let stdout = child.stdout.take().context("no control stdout")?;
        let stdin = child.stdin.take().context("no control stdin")?;
        self.input = Some(ChildStdin::from_std(stdin)?);
        self.control = Some(child);
        let (tx, rx) = mpsc::unbounded_channel();
        let (attached, is_attached) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("tmux-output".into())
            .spawn(move || read_output(stdout, attached, &tx))
            .context("starting the control client's reader")?;
        // Output from before the client joined the session is never reported: wait for it.
        tokio::time::timeout(ATTACH_TIMEOUT, is_attached)
            .await
            .context("the tmux control client did not attach")?
            .context("the tmux control client ended before it attached")?;
        Ok(rx)
    }

    /// Sends one key (tmux key name: `z`, `Enter`, `BSpace`) to `pane` through the control
    /// client; returns when the command is written.
    pub async fn key(&mut self, pane: &str, key: &str) -> anyhow::Result<Instant> {
        let Some(input) = self.input.as_mut() else {
            bail!("the control client is not attached");
        };
        let at = Instant::now();
        input
            .write_all(format!("send-keys -t {pane} {key}\n").as_bytes())
            .await?;
        input.flush().await?;
        Ok(at)
    }

    /// Types `text` into `pane` as it stands (no key names), then Enter, outside the control
    /// client (so in order with each other, not with [`Tmux::key`]).
    pub async fn type_line(&self, pane: &str, text: &str) -> anyhow::Result<()> {
        for args in [
            ["send-keys", "-t", pane, "-l", text],
            ["send-keys", "-t", pane, "Enter", ""],
        ] {
            let args: Vec<String> = args
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| (*s).to_owned())
                .collect();
            self.run(&args).await?;
        }
        Ok(())
    }

    async fn run(&self, args: &[String]) -> anyhow::Result<()> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = self.command(&args).output().await?;
        ensure!(
            out.status.success(),
            "tmux {}: {}",
            args.first().copied().unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        Ok(())
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(self.server_args()).args(args);
        cmd
    }

    /// This server's socket, and no configuration file.
    fn server_args(&self) -> [&str; 4] {
        ["-L", &self.socket, "-f", "/dev/null"]
    }
}

/// Reads the control client's lines until it ends, sending each pane's output on `tx`;
/// `attached` hears when the client has joined the session.
fn read_output(
    stdout: std::process::ChildStdout,
    attached: tokio::sync::oneshot::Sender<()>,
    tx: &mpsc::UnboundedSender<Output>,
) {
    // Read as bytes: a character cut between two `%output` lines is not UTF-8, and a reader
    // that stopped there would leave tmux blocked on this client, every pane frozen.
    let mut reader = BufReader::new(stdout);
    let mut bytes = Vec::new();
    let mut attached = Some(attached);
    loop {
        bytes.clear();
        match reader.read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let at = Instant::now();
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.starts_with("%session-changed ")
            && let Some(attached) = attached.take()
        {
            let _ = attached.send(());
        }
        let Some(rest) = line.strip_prefix("%output ") else {
            continue;
        };
        let (pane, text) = rest.split_once(' ').unwrap_or((rest, ""));
        let out = Output {
            at,
            pane: pane.to_owned(),
            text: text.to_owned(),
        };
        if tx.send(out).is_err() {
            return;
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if let Some(mut control) = self.control.take() {
            let _ = control.kill();
            let _ = control.wait();
        }
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
