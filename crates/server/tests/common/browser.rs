//! Driving the browser scripts of `tests/browser/` (headless Chromium through playwright-core)
//! from a Rust test: the script prints `STEP name` when the page is ready for the operator,
//! the test answers `GO name` on its standard input after acting.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use frontdesk_protocol::{OperatorOut, encode};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{ChildStdin, ChildStdout};

use super::{Operator, TestServer};

const STEP_WAIT: Duration = Duration::from_secs(45);

/// The node script's two pipes.
pub struct Script {
    out: Lines<BufReader<ChildStdout>>,
    input: ChildStdin,
}

impl Script {
    /// Waits for `STEP name`; other output is passed through for the log.
    pub async fn step(&mut self, name: &str) {
        let want = format!("STEP {name}");
        loop {
            let line = tokio::time::timeout(STEP_WAIT, self.out.next_line())
                .await
                .unwrap_or_else(|_| panic!("the browser script did not reach {name}"))
                .unwrap()
                .unwrap_or_else(|| panic!("the browser script ended before {name}"));
            println!("browser: {line}");
            if line == want {
                return;
            }
        }
    }

    pub async fn go(&mut self, name: &str) {
        self.input
            .write_all(format!("GO {name}\n").as_bytes())
            .await
            .unwrap();
        self.input.flush().await.unwrap();
    }
}

/// Starts `tests/browser/{file}` against `server`. Dropping the child kills it.
pub fn run_script(server: &TestServer, file: &str) -> (tokio::process::Child, Script) {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").exists(),
        "run `npm ci` in {} first (scripts/test does)",
        browser_dir.display()
    );
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let mut child = tokio::process::Command::new("node")
        .arg(file)
        .current_dir(&browser_dir)
        .env("FRONTDESK_URL", server.server.http_url())
        .env("FRONTDESK_CHROMIUM", chromium())
        .env("FRONTDESK_ARTIFACTS", &artifacts)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("node must be installed to run the browser test");
    let script = Script {
        out: BufReader::new(child.stdout.take().unwrap()).lines(),
        input: child.stdin.take().unwrap(),
    };
    (child, script)
}

/// Waits for the script's last step, `done`, and for it to end well.
pub async fn finish(mut child: tokio::process::Child, mut script: Script) {
    script.step("done").await;
    drop(script);
    let status = tokio::time::timeout(STEP_WAIT, child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "the browser script failed: {status}");
}

pub fn chromium() -> PathBuf {
    let path = std::env::var_os("FRONTDESK_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "no Chromium at {}: install it (`apt-get install chromium`, as scripts/test does)",
        path.display()
    );
    path
}

/// Operator frames as JSON, which keeps the matching below short.
pub async fn next_json(op: &mut Operator) -> Value {
    let frame: OperatorOut = op.recv().await;
    serde_json::from_str(&encode(&frame)).unwrap()
}

/// Reads operator frames until `pick` finds something.
pub async fn until(op: &mut Operator, mut pick: impl FnMut(&Value) -> bool) -> Value {
    loop {
        let frame = next_json(op).await;
        if pick(&frame) {
            return frame;
        }
    }
}

pub fn event<'a>(frame: &'a Value, kind: &str) -> Option<&'a Value> {
    let e = frame.get("event")?;
    (e["kind"] == kind).then_some(e)
}
