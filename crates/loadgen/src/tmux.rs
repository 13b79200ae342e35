//! A private tmux server driven through a control-mode client: keys go in as `send-keys`
//! commands, and every byte a pane's program writes comes back as an `%output` line, so the
//! time from a key to the program drawing it is read where a terminal would read it.

use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail, ensure};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Output of one pane, as control mode reports it (escapes still in tmux's octal form).
pub struct Output {
    pub at: Instant,
    pub pane: String,
    pub text: String,
}

/// A tmux server of our own (its own socket name), killed when dropped.
pub struct Tmux {
    socket: String,
    control: Option<Child>,
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

    /// Attaches the control-mode client; its `%output` lines arrive on the returned channel.
    pub async fn attach(&mut self) -> anyhow::Result<mpsc::UnboundedReceiver<Output>> {
        let mut child = self
            .command(&["-C", "attach", "-t", "bench"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("attaching a tmux control client")?;
        let stdout = child.stdout.take().context("no control stdout")?;
        self.input = child.stdin.take();
        self.control = Some(child);
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            // Read as bytes: a character cut between two `%output` lines is not UTF-8, and a
            // reader that stopped there would leave tmux blocked on this client, every pane
            // frozen.
            let mut reader = BufReader::new(stdout);
            let mut bytes = Vec::new();
            loop {
                bytes.clear();
                match reader.read_until(b'\n', &mut bytes).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let at = Instant::now();
                let line = String::from_utf8_lossy(&bytes);
                let line = line.trim_end_matches(['\n', '\r']);
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
        });
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
        cmd.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        cmd
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
