//! The real `frontdesk-server` binary at its open-file limit: it raises its soft limit as far
//! as the hard one allows, and a crowd of idle sockets from one address cannot stop it
//! answering others.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::net::TcpSocket;

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk-server");

/// `(soft, hard)` open-file limits of a process, from `/proc/<pid>/limits`.
fn open_file_limits(pid: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .expect("a 'Max open files' line");
    let mut numbers = line
        .split_whitespace()
        .filter_map(|w| w.parse::<u64>().ok());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

/// Starts `serve` on a free port under `ulimit_args` (run by `sh` before it); returns the
/// child, its address and a thread collecting its log.
fn serve_limited(
    dir: &std::path::Path,
    ulimit_args: &str,
) -> (Child, SocketAddr, std::thread::JoinHandle<String>) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit {ulimit_args} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(["--database", dir.join("frontdesk.db").to_str().unwrap()])
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("FRONTDESK_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = common::listening_url(&mut child)
        .strip_prefix("http://")
        .expect("an http address")
        .parse()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut all = String::new();
        let _ = stderr.read_to_string(&mut all);
        all
    });
    (child, addr, log)
}

fn stop(mut child: Child, log: std::thread::JoinHandle<String>) -> String {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    log.join().unwrap()
}

#[test]
fn the_soft_open_file_limit_is_raised_to_the_hard_limit() {
    let (_, hard) = open_file_limits("self");
    let low = (hard / 2).min(256);
    let dir = tempfile::tempdir().unwrap();
    let (child, _, log) = serve_limited(dir.path(), &format!("-S -n {low}"));
    let (soft, _) = open_file_limits(&child.id().to_string());
    let log = stop(child, log);
    assert_eq!(soft, hard, "started at {low}; log:\n{log}");
    assert!(
        log.contains("open-file limit") && log.contains(&hard.to_string()),
        "the log says which limit it reached:\n{log}"
    );
}

#[tokio::test]
async fn health_answers_while_one_address_holds_more_sockets_than_files_allow() {
    const LIMIT: usize = 256;
    let dir = tempfile::tempdir().unwrap();
    // Hard and soft alike, so the server cannot raise it.
    let (child, addr, log) = serve_limited(dir.path(), &format!("-n {LIMIT}"));
    let mut crowd = Vec::new();
    for _ in 0..LIMIT + 50 {
        let socket = TcpSocket::new_v4().unwrap();
        socket
            .bind((Ipv4Addr::new(127, 0, 0, 2), 0).into())
            .unwrap();
        crowd.push(socket.connect(addr).await.unwrap());
    }
    let health = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap()
        .get(format!("http://{addr}/healthz"))
        .send()
        .await;
    drop(crowd);
    let log = stop(child, log);
    let status = health.map(|r| r.status().as_u16());
    assert!(
        matches!(status, Ok(200)),
        "healthz while full: {status:?}; log:\n{log}"
    );
    let refusals = log.lines().filter(|l| l.contains("refused")).count();
    assert!(
        (1..=2).contains(&refusals),
        "refusals are logged, but not one line each:\n{log}"
    );
}
