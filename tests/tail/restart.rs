//! Resuming across a server killed with SIGKILL and started again on the same database.

use std::process::Stdio;

use frontdesk::session::{self, Session};
use frontdesk_protocol::OperatorRole;
use tokio::process::{Child, Command};
use tokio::time::Instant;

use crate::common::{OPERATOR, PASSWORD, Visitor, WAIT};
use crate::support::{Tail, lines_of, strictly_increasing};

/// Not a test of its own: with `TAIL_TEST_SERVE` set this process is a chat server on the
/// given database and address, so the resume test can kill it with SIGKILL like a crash.
#[test]
fn server_process() {
    let Ok(db) = std::env::var("TAIL_TEST_SERVE") else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let mut config = frontdesk_server::Config::local(db);
        if let Ok(listen) = std::env::var("TAIL_TEST_LISTEN") {
            config.listen = listen.parse().expect("address");
        }
        let server = frontdesk_server::start(config).await.expect("start");
        // Present from the first start on; a restart finds it in the database.
        let _ = server
            .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
            .await;
        println!("LISTENING {}", server.http_url());
        std::future::pending::<()>().await;
    });
}

/// Starts [`server_process`] as a child process; returns it and its URL.
async fn serve(db: &std::path::Path, listen: &str) -> (Child, String) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "restart::server_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TAIL_TEST_SERVE", db)
        .env("TAIL_TEST_LISTEN", listen)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the server");
    let mut out = lines_of(child.stdout.take().expect("stdout"));
    let deadline = Instant::now() + WAIT;
    loop {
        let line = tokio::time::timeout_at(deadline, out.recv())
            .await
            .expect("the server says where it listens")
            .expect("the server is running");
        // The test harness writes `test server_process ... ` before it on the same line.
        if let Some((_, url)) = line.split_once("LISTENING ") {
            return (child, url.to_owned());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_across_a_server_killed_and_restarted_without_losing_or_repeating() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db.sqlite");
    let data = dir.path().join("data");
    let (mut server, url) = serve(&db, "127.0.0.1:0").await;
    let listen = url.trim_start_matches("http://").to_owned();
    let answer = frontdesk::net::rest::login(&url, OPERATOR, PASSWORD)
        .await
        .expect("login");
    let stored = Session {
        server: url.clone(),
        operator: OPERATOR.into(),
        token: answer.token,
    };
    session::save(&data, &stored).expect("session");

    let mut tail = Tail::live(&data, &["--json"]).await;
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("m0").await;
    for n in 1..=3 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    tail.line(|l| l.contains("\"m3\"")).await;
    // Committed (acknowledged), maybe not yet printed when the server dies.
    for n in 4..=6 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    server.kill().await.expect("SIGKILL");
    tail.note(|n| n.contains("connection lost")).await;

    // The same database on the same address; written before tail is back.
    let (_server, again) = serve(&db, &listen).await;
    assert_eq!(again, url);
    let (mut visitor, _) = Visitor::join(&url, Some(visitor.token.clone())).await;
    for n in 7..=9 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    tail.line(|l| l.contains("\"m9\"")).await;

    let lines = tail.json();
    strictly_increasing(
        &lines
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| l["event"]["message"]["author"]["role"] == "visitor")
        .filter_map(|l| l["event"]["message"]["text"].as_str())
        .collect();
    let want: Vec<String> = (0..=9).map(|n| format!("m{n}")).collect();
    assert_eq!(texts, want, "{:#?}", tail.lines);
    let syncs = tail
        .notes
        .iter()
        .filter(|n| n.contains("live from seq"))
        .count();
    assert_eq!(syncs, 1, "resumed, not started over: {:#?}", tail.notes);
}
