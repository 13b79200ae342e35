//! The real `frontdesk-server` binary as a service manager runs it: its log has no colour
//! codes unless it goes to a terminal (and none under `NO_COLOR`), and SIGTERM or SIGINT stop
//! it gracefully with a line in the log saying so; a bad configuration is said, not traced;
//! its bash completion offers the real subcommands without reading any configuration.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::Client;
use frontdesk_protocol::{VisitorIn, VisitorOut};
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk-server");
const ESC: u8 = 0x1b;

/// Starts `serve` on a free port with its log (stderr) going to `stderr`; returns the child
/// and its base URL, read from the first stdout line.
fn serve(dir: &std::path::Path, stderr: Stdio, no_color: Option<&str>) -> (Child, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["--database", dir.join("frontdesk.db").to_str().unwrap()])
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("FRONTDESK_LOG", "debug")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(stderr);
    if let Some(value) = no_color {
        cmd.env("NO_COLOR", value);
    }
    let mut child = cmd.spawn().unwrap();
    let url = common::listening_url(&mut child);
    (child, url)
}

/// Sends `sig` (`TERM`, `INT`) as a service manager or a terminal would.
fn signal(child: &Child, sig: &str) {
    let sent = Command::new("kill")
        .args([format!("-{sig}"), child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
}

fn wait_exit(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reads everything from `from` on a thread until it ends (EOF, or EIO from a pty master).
fn drain(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    })
}

/// A visitor connected to the server, so shutdown has a socket to close.
async fn visitor(url: &str) -> Client<VisitorIn, VisitorOut> {
    common::Visitor::join_at(url, None).await.0
}

/// The close code the server ends a visitor socket with.
async fn close_code(v: &mut Client<VisitorIn, VisitorOut>) -> Option<u16> {
    let deadline = tokio::time::Instant::now() + common::WAIT;
    loop {
        match tokio::time::timeout_at(deadline, v.ws.next())
            .await
            .ok()??
        {
            Ok(Message::Close(frame)) => return frame.map(|f| u16::from(f.code)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

async fn stops_on(sig: &str) {
    let name = format!("SIG{sig}");
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = serve(dir.path(), Stdio::piped(), None);
    let log = drain(child.stderr.take().unwrap());
    let mut v = visitor(&url).await;

    signal(&child, sig);
    assert_eq!(
        close_code(&mut v).await,
        Some(1001),
        "open sockets are closed as 'going away'"
    );
    let status = wait_exit(&mut child);
    let log = String::from_utf8(log.join().unwrap()).unwrap();
    assert!(status.success(), "{status}; log:\n{log}");
    assert!(
        !log.as_bytes().contains(&ESC),
        "colour codes in a piped log:\n{log:?}"
    );
    let stopping = log
        .lines()
        .position(|l| l.contains(&name) && l.contains("shutting down"));
    let stopped = log.lines().position(|l| l.contains("stopped"));
    assert!(
        matches!((stopping, stopped), (Some(a), Some(b)) if a < b),
        "the log says why it stops, then that it stopped:\n{log}"
    );
}

#[tokio::test]
async fn sigterm_stops_it_gracefully_and_the_piped_log_says_so_without_colour() {
    stops_on("TERM").await;
}

#[tokio::test]
async fn sigint_stops_it_the_same_way() {
    stops_on("INT").await;
}

/// The server's log on a pseudo-terminal, up to its stop.
#[allow(unsafe_code)]
fn log_on_a_terminal(no_color: Option<&str>) -> Vec<u8> {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty(3) fills two fds on success; null name, termios and winsize are allowed.
    let rc = unsafe {
        libc::openpty(
            &raw mut master,
            &raw mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both fds were just opened by openpty and are owned by nobody else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let dir = tempfile::tempdir().unwrap();
    let (mut child, _) = serve(dir.path(), Stdio::from(slave), no_color);
    let log = drain(std::fs::File::from(master));
    // The "listening" log line is written before the stdout line that `serve` waited for.
    signal(&child, "TERM");
    assert!(wait_exit(&mut child).success());
    log.join().unwrap()
}

#[test]
fn colours_only_on_a_terminal_and_never_under_no_color() {
    let coloured = log_on_a_terminal(None);
    assert!(
        coloured.contains(&ESC),
        "a terminal gets colours: {:?}",
        String::from_utf8_lossy(&coloured)
    );
    let plain = log_on_a_terminal(Some("1"));
    let text = String::from_utf8_lossy(&plain);
    assert!(text.contains("stopped"), "{text:?}");
    assert!(!plain.contains(&ESC), "NO_COLOR is respected: {text:?}");
}

/// `workers` in the config sets the runtime's threads (the log says how many); the server
/// serves as before on one, which is tokio's current-thread runtime.
#[tokio::test]
async fn the_configured_worker_count_is_the_runtime_s() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("server.toml");
    for n in [1, 3] {
        let text = format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {:?}\nworkers = {n}\n",
            dir.path().join("frontdesk.db").to_str().unwrap()
        );
        std::fs::write(&config, text).unwrap();
        let mut child = Command::new(BIN)
            .args(["--config", config.to_str().unwrap(), "serve"])
            .env("FRONTDESK_LOG", "info")
            .env_remove("NO_COLOR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = drain(child.stderr.take().unwrap());
        let url = common::listening_url(&mut child);
        let mut v = visitor(&url).await;
        v.send(&VisitorIn::Message {
            id: "m".into(),
            text: "Здравствуйте".into(),
        })
        .await;
        v.until(|f| matches!(f, VisitorOut::Ack { id, .. } if id == "m").then_some(()))
            .await;
        signal(&child, "TERM");
        assert!(wait_exit(&mut child).success());
        let log = String::from_utf8(log.join().unwrap()).unwrap();
        assert!(
            log.contains(&format!("workers={n}")),
            "workers = {n}, the log says:\n{log}"
        );
        let flavor = if n == 1 {
            "CurrentThread"
        } else {
            "MultiThread"
        };
        assert!(
            log.contains(&format!("flavor={flavor}")),
            "workers = {n} runs the {flavor} runtime, the log says:\n{log}"
        );
    }
}

/// A configuration it cannot use is said on stderr, naming the file and showing the line that
/// is wrong, with exit code 1: no stack trace, even with `RUST_BACKTRACE` set as a developer's
/// shell may.
#[test]
fn a_bad_config_is_said_with_its_line_and_exit_code_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("frontdesk.toml");
    std::fs::write(&config, "[storage]\ncommit_window_ms = \"soon\"\n").unwrap();
    let out = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Error: in ") && first.contains("frontdesk.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("commit_window_ms = \"soon\""), "{stderr}");
    assert!(
        !stderr.to_lowercase().contains("backtrace") && stderr.lines().count() < 10,
        "{stderr}"
    );
    // With stderr gone (its reader left), still exit code 1, not a panic's 101.
    let mut child = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn bash_completion_offers_the_subcommands_without_reading_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    // A configuration that cannot be read: serving would fail, a shell's start must not.
    let out = Command::new(BIN)
        .args(["completions", "bash"])
        .env("FRONTDESK_SERVER_CONFIG", dir.path().join("missing.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let offered =
        |words: &[&str]| common::bash_completion::offered(&out.stdout, "frontdesk-server", words);
    assert_eq!(offered(&["frontdesk-server", "op"]), ["operator"]);
    // Past the first subcommand too (clap_complete's bash script needed mending for a name
    // with a hyphen: `frontdesk_server::completions`).
    let words = offered(&["frontdesk-server", "operator", ""]);
    let mut commands: Vec<&String> = words.iter().filter(|w| !w.starts_with('-')).collect();
    commands.sort();
    let all = [
        "add",
        "disable",
        "display-name",
        "enable",
        "help",
        "list",
        "password",
        "role",
    ];
    assert_eq!(commands, all);
    let mut dis = offered(&["frontdesk-server", "operator", "dis"]);
    dis.sort();
    assert_eq!(dis, ["disable", "display-name"]);
    let options = offered(&["frontdesk-server", "serve", "--"]);
    for option in ["--listen", "--config", "--database"] {
        assert!(
            options.contains(&option.to_owned()),
            "{option} not in {options:?}"
        );
    }
}
