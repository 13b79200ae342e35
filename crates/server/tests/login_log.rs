//! A failed login leaves a line in the real binary's log: the account name (made harmless),
//! the client's address, never the password.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use frontdesk_protocol::rest::LoginRequest;

const PASSWORD_GUESS: &str = "Tr0ub4dor&3-guess";

fn add_operator(db: &std::path::Path) {
    let added =
        common::operator_command(db, &["add", "anna", "--password-stdin"], "the-real-one\n");
    assert!(added.status.success());
}

/// `serve` on a free port, its log piped; the child and its base URL.
fn serve(db: &std::path::Path) -> (Child, String) {
    common::serve_database(db, "info", Stdio::piped())
}

async fn wrong_login(url: &str, name: &str) {
    let res = reqwest::Client::new()
        .post(format!("{url}/api/login"))
        .json(&LoginRequest {
            name: name.into(),
            password: PASSWORD_GUESS.into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::UNAUTHORIZED);
}

fn stop(mut child: Child) -> String {
    let mut stderr = child.stderr.take().unwrap();
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut log = String::new();
    stderr.read_to_string(&mut log).unwrap();
    log
}

#[tokio::test]
async fn a_failed_login_is_logged_with_name_and_address_but_not_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontdesk.db");
    add_operator(&db);
    let (child, url) = serve(&db);
    wrong_login(&url, "anna").await;
    // A name built to forge a log line of its own, with a colour escape.
    wrong_login(&url, "x\nINFO forged: operator logged in\u{1b}[31m").await;
    let log = stop(child);

    let failed: Vec<&str> = log.lines().filter(|l| l.contains("login failed")).collect();
    assert_eq!(failed.len(), 2, "one line per failure:\n{log}");
    assert!(
        failed[0].contains("anna") && failed[0].contains("127.0.0.1"),
        "{log}"
    );
    assert!(!log.contains(PASSWORD_GUESS), "the password leaked:\n{log}");
    assert!(
        !log.lines().any(|l| l.starts_with("INFO forged")),
        "a name wrote a log line of its own:\n{log}"
    );
    assert!(!log.contains('\u{1b}'), "an escape reached the log:\n{log}");
}
