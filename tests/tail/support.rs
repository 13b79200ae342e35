//! The console binary running `tail`, read line by line, and checks on what it printed.

use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::common::WAIT;

/// The console binary running `tail`, its stdout and stderr read line by line.
pub struct Tail {
    pub child: Child,
    out: mpsc::UnboundedReceiver<String>,
    err: mpsc::UnboundedReceiver<String>,
    /// Every stdout line read so far.
    pub lines: Vec<String>,
    /// Every stderr line read so far.
    pub notes: Vec<String>,
}

pub fn tail_command(data_dir: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("tail")
        .args(args)
        // An error is one line, as a user sees it (a backtrace would follow it).
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("FRONTDESK_DATA_DIR", data_dir)
        .env("FRONTDESK_CONFIG_DIR", data_dir.join("config"))
        .env_remove("FRONTDESK_SERVER")
        .env_remove("NO_COLOR")
        // The lines' words follow the locale; these tests read the English ones.
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

pub fn lines_of(
    read: impl tokio::io::AsyncRead + Unpin + Send + 'static,
) -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut lines = BufReader::new(read).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Tail {
    pub fn spawn(data_dir: &std::path::Path, args: &[&str]) -> Self {
        let mut child = tail_command(data_dir, args).spawn().expect("spawn tail");
        let out = lines_of(child.stdout.take().expect("stdout"));
        let err = lines_of(child.stderr.take().expect("stderr"));
        Self {
            child,
            out,
            err,
            lines: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Tail started and in sync with the live stream (it says so on stderr).
    pub async fn live(data_dir: &std::path::Path, args: &[&str]) -> Self {
        let mut tail = Self::spawn(data_dir, args);
        tail.note(|n| n.contains("live from seq")).await;
        tail
    }

    /// Waits for a stdout line matching `pred`; the lines before it are kept too.
    pub async fn line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let line = tokio::time::timeout_at(deadline, self.out.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "no such line; got {:#?}\nnotes {:#?}",
                        self.lines, self.notes
                    )
                })
                .unwrap_or_else(|| {
                    panic!("tail ended; got {:#?}\nnotes {:#?}", self.lines, self.notes)
                });
            self.lines.push(line.clone());
            if pred(&line) {
                return line;
            }
        }
    }

    /// Waits for a stderr line matching `pred`.
    pub async fn note(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let note = tokio::time::timeout_at(deadline, self.err.recv())
                .await
                .unwrap_or_else(|_| panic!("no such note; got {:#?}", self.notes))
                .unwrap_or_else(|| panic!("tail ended; notes {:#?}", self.notes));
            self.notes.push(note.clone());
            if pred(&note) {
                return note;
            }
        }
    }

    pub fn json(&self) -> Vec<serde_json::Value> {
        self.lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    pub fn signal(&self, sig: &str) {
        let pid = self.child.id().expect("running").to_string();
        let sent = std::process::Command::new("kill")
            .args([format!("-{sig}"), pid])
            .status()
            .expect("kill");
        assert!(sent.success());
    }

    pub async fn exit(&mut self) -> std::process::ExitStatus {
        tokio::time::timeout(WAIT, self.child.wait())
            .await
            .expect("tail exits")
            .expect("wait")
    }

    /// What is left on stderr once the process is gone.
    pub async fn rest_of_stderr(&mut self) -> String {
        while let Ok(Some(note)) = tokio::time::timeout(WAIT, self.err.recv()).await {
            self.notes.push(note);
        }
        self.notes.join("\n")
    }
}

/// `#905` in a human line.
pub fn seq_of(line: &str) -> u64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix('#')?.parse().ok())
        .unwrap_or_else(|| panic!("no seq in {line}"))
}

pub fn strictly_increasing(seqs: &[u64]) {
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "seqs not strictly increasing: {seqs:?}"
    );
}
