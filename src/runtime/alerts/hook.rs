//! The hook: a command of the operator's (a sound player, a CRM lookup) run for each alert
//! with the event as JSON on stdin. It runs as a tokio task, never on the loop: a hook that
//! hangs is killed after its timeout, and while a few are still running more are dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use crate::notify::notice::HookEvent;

/// Hooks running at once; further events are dropped (and logged) until one ends.
const MAX_RUNNING: usize = 4;

#[derive(Debug, Clone)]
pub struct Hook {
    argv: Vec<String>,
    timeout: Duration,
    running: Arc<AtomicUsize>,
}

impl Hook {
    /// `None` when no command is set.
    pub fn new(argv: &[String], timeout_secs: u32) -> Option<Self> {
        (!argv.is_empty()).then(|| Self {
            argv: argv.to_vec(),
            timeout: Duration::from_secs(u64::from(timeout_secs.max(1))),
            running: Arc::new(AtomicUsize::new(0)),
        })
    }

    /// Starts the command for `event`; returns at once. Needs a tokio runtime.
    pub fn run(&self, event: &HookEvent) {
        if self.running.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
            self.running.fetch_sub(1, Ordering::SeqCst);
            tracing::warn!("notification hook still busy: event dropped");
            return;
        }
        let json = serde_json::to_vec(event).unwrap_or_default();
        let (argv, timeout, running) = (self.argv.clone(), self.timeout, self.running.clone());
        tokio::spawn(async move {
            if let Err(e) = run(&argv, json, timeout).await {
                tracing::warn!(command = %argv[0], "notification hook: {e}");
            }
            running.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

async fn run(argv: &[String], json: Vec<u8>, timeout: Duration) -> std::io::Result<()> {
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let work = async {
        if let Some(mut stdin) = child.stdin.take() {
            // A hook that ignores stdin closes it early: that is its business.
            let _ = stdin.write_all(&json).await;
            let _ = stdin.write_all(b"\n").await;
        }
        child.wait().await
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(status) => {
            let status = status?;
            if !status.success() {
                tracing::warn!(command = %argv[0], %status, "notification hook failed");
            }
            Ok(())
        }
        Err(_) => {
            tracing::warn!(command = %argv[0], "notification hook timed out: killed");
            child.kill().await
        }
    }
}
