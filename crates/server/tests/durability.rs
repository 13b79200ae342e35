//! Kill -9 the real server binary while visitors write; restart it on the same file: every
//! acknowledged message is there, and clients that resend with the same ids end with each
//! message exactly once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Client, Operator, login};
use frontdesk_protocol::{OperatorOut, VisitorIn, VisitorOut};

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk-server");

fn write_config(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("server.toml");
    let db = dir.join("frontdesk.db");
    std::fs::write(
        &path,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {:?}\n[limits]\nvisitor_messages_per_sec = 10000\nvisitor_frames_per_sec = 10000\nip_messages_per_sec = 10000\n",
            db.display().to_string()
        ),
    )
    .unwrap();
    path
}

/// One visitor: writes numbered messages until told to stop or the socket dies.
async fn write_until_dead(
    ws_url: String,
    token: Option<String>,
    tag: usize,
    from: usize,
    to: usize,
    progress: Arc<AtomicUsize>,
) -> (Option<String>, BTreeSet<usize>) {
    let mut acked = BTreeSet::new();
    let Ok((ws, _)) = tokio_tungstenite::connect_async(format!("{ws_url}/ws/visitor")).await else {
        return (token, acked);
    };
    let mut v: Client<VisitorIn, VisitorOut> = Client {
        ws,
        _dir: std::marker::PhantomData,
    };
    v.send(&VisitorIn::Hello {
        token: token.clone(),
        site: None,
        language: None,
    })
    .await;
    let Some(VisitorOut::Welcome { token, .. }) = v.try_recv(Duration::from_secs(5)).await else {
        return (None, acked);
    };
    for i in from..to {
        let id = format!("v{tag}-{i}");
        if futures_util::SinkExt::send(
            &mut v.ws,
            tokio_tungstenite::tungstenite::Message::text(frontdesk_protocol::encode(
                &VisitorIn::Message {
                    id: id.clone(),
                    text: format!("visitor {tag} message {i}"),
                },
            )),
        )
        .await
        .is_err()
        {
            break;
        }
        let answer = loop {
            match v.try_recv(Duration::from_secs(5)).await {
                Some(VisitorOut::Ack { id: a, .. }) if a == id => break Some(()),
                Some(_) => {}
                None => break None,
            }
        };
        if answer.is_none() {
            break;
        }
        acked.insert(i);
        progress.fetch_add(1, Ordering::Relaxed);
    }
    (Some(token), acked)
}

#[tokio::test]
async fn acknowledged_messages_survive_sigkill_and_clients_resume() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path());
    let mut add = Command::new(BIN)
        .args([
            "--config",
            config.to_str().unwrap(),
            "operator",
            "add",
            "anna",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"pw\n").unwrap();
    assert!(add.wait().unwrap().success());

    let (mut server, url) = common::spawn_serve(&config);
    let ws_url = url.replacen("http", "ws", 1);
    let acks = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..4)
        .map(|tag| {
            let writer = write_until_dead(ws_url.clone(), None, tag, 0, 100_000, acks.clone());
            tokio::spawn(writer)
        })
        .collect();
    // Kill mid-stream once enough is acknowledged to prove something, however slow the machine.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while acks.load(Ordering::Relaxed) < 200 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the writers stalled"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().unwrap(); // SIGKILL: no shutdown, no final checkpoint
    server.wait().unwrap();

    let mut acked: BTreeMap<usize, (Option<String>, BTreeSet<usize>)> = BTreeMap::new();
    for (tag, w) in writers.into_iter().enumerate() {
        acked.insert(tag, w.await.unwrap());
    }
    let total: usize = acked.values().map(|(_, a)| a.len()).sum();
    assert!(
        total > 20,
        "too few messages before the kill ({total}) to prove anything"
    );

    let (mut server, url) = common::spawn_serve(&config);
    let ws_url = url.replacen("http", "ws", 1);
    // Each visitor resumes: resends from its first unacknowledged message with the same ids,
    // then writes five more.
    let mut expected: BTreeMap<usize, usize> = BTreeMap::new();
    for (tag, (token, done)) in &acked {
        let next = done.iter().next_back().map_or(0, |n| n + 1);
        let (_, again) = write_until_dead(
            ws_url.clone(),
            token.clone(),
            *tag,
            next,
            next + 5,
            acks.clone(),
        )
        .await;
        assert_eq!(again.len(), 5, "visitor {tag} could not resume");
        expected.insert(*tag, next + 5);
    }

    // An operator can log in and sees the chats.
    let token = login(&url, "anna", "pw").await;
    let (ws, _) = tokio_tungstenite::connect_async(format!("{ws_url}/ws/operator"))
        .await
        .unwrap();
    let mut op: Operator = Client {
        ws,
        _dir: std::marker::PhantomData,
    };
    op.send(&frontdesk_protocol::OperatorIn::Hello {
        token,
        since: None,
        pack_ms: None,
    })
    .await;
    let chats = op
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => Some(chats.len()),
            _ => None,
        })
        .await;
    assert_eq!(chats, 4);
    server.kill().unwrap();
    server.wait().unwrap();

    // Read the file itself: every acknowledged message, and no message twice.
    let db = dir.path().join("frontdesk.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let texts: Vec<String> = sqlx::query_scalar("SELECT body FROM messages")
        .fetch_all(&pool)
        .await
        .unwrap();
    let unique: BTreeSet<&String> = texts.iter().collect();
    assert_eq!(
        unique.len(),
        texts.len(),
        "a resent message was stored twice"
    );
    for (tag, (_, done)) in &acked {
        for i in done {
            let text = format!("visitor {tag} message {i}");
            assert!(unique.contains(&text), "acknowledged `{text}` was lost");
        }
    }
    for (tag, n) in expected {
        for i in 0..n {
            let text = format!("visitor {tag} message {i}");
            assert!(unique.contains(&text), "`{text}` missing after the resume");
        }
    }
}
