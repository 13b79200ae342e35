//! How many chats a visitor, and a network, may open in an hour: past the bound a new chat
//! (by `start_chat`, a first message or an offline message) is `rate_limited` with the wait,
//! nothing is stored, and an hour later it opens. Real server and sockets; "an hour passes" by
//! moving the chats' `created_at` back in the real SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{TestServer, Visitor};
use frontdesk_protocol::{ErrorCode, VisitorIn, VisitorOut};

const HOUR_MS: u64 = 3_600_000;

/// Opens a chat with a first message and closes it; returns the answer to the message.
async fn chat_once(v: &mut Visitor, n: usize) -> VisitorOut {
    let answer = v.say(&format!("m-{n}"), "Здравствуйте").await;
    if matches!(answer, VisitorOut::Ack { .. }) {
        let close = VisitorIn::CloseChat {
            id: format!("c-{n}"),
        };
        let closed = v.send_and_ack(&format!("c-{n}"), close).await;
        assert!(matches!(closed, VisitorOut::Ack { .. }), "{closed:?}");
    }
    answer
}

/// The wait a refusal names, asserting it is a rate limit of under an hour.
fn waited(answer: &VisitorOut) -> u64 {
    match answer {
        VisitorOut::Error {
            code: ErrorCode::RateLimited,
            retry_after_ms: Some(wait),
            ..
        } if *wait <= HOUR_MS => *wait,
        other => panic!("expected rate_limited with a wait: {other:?}"),
    }
}

async fn chats(server: &TestServer) -> i64 {
    let mut db = server.db().await;
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM chats")
        .fetch_one(&mut db)
        .await
        .unwrap();
    sqlx::Connection::close(db).await.unwrap();
    n
}

#[tokio::test]
async fn a_visitor_opens_so_many_chats_an_hour_and_then_waits() {
    let server = TestServer::start_with(|c| {
        // Only the bound on chats is under test, not the pace of commands.
        c.limits.raise_rates(10_000);
        c.limits.new_chats_per_visitor_per_hour = 3;
        c.limits.new_chats_per_ip_per_hour = 0;
    })
    .await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        panic!("{welcome:?}")
    };
    for n in 0..3 {
        assert!(matches!(chat_once(&mut v, n).await, VisitorOut::Ack { .. }));
    }
    // The fourth chat, by any of the ways to open one, waits for the hour to pass.
    let wait = waited(&chat_once(&mut v, 3).await);
    assert!(
        wait > HOUR_MS - 60_000,
        "the first chat was moments ago: {wait}"
    );
    let start = VisitorIn::StartChat {
        id: "s".into(),
        text: Some("Снова я".into()),
        department: None,
    };
    waited(&v.send_and_ack("s", start).await);
    let offline = VisitorIn::OfflineMessage {
        id: "o".into(),
        text: "Перезвоните".into(),
        name: None,
        email: None,
    };
    waited(&v.send_and_ack("o", offline).await);
    // A file with no chat open would open one too.
    let upload = reqwest::Client::new()
        .post(format!("{}/api/visitor/files", server.server.http_url()))
        .header("Authorization", format!("Visitor {token}"))
        .header("X-File-Name", "receipt.pdf")
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    let body: frontdesk_protocol::rest::ErrorBody = upload.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::RateLimited);
    assert_eq!(
        chats(&server).await,
        3,
        "nothing of the refused ones is stored"
    );
    // Another visitor from the same address is not held up by this one.
    let (mut other, _) = Visitor::join(&server, None).await;
    assert!(matches!(
        chat_once(&mut other, 0).await,
        VisitorOut::Ack { .. }
    ));
    // An hour later the visitor opens a chat again (the same command id, as a client resends).
    server
        .execute("UPDATE chats SET created_at = created_at - 3600000")
        .await;
    assert!(matches!(chat_once(&mut v, 3).await, VisitorOut::Ack { .. }));
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_network_opens_so_many_chats_an_hour_whoever_the_visitors_are() {
    let server = TestServer::start_with(|c| {
        c.limits.raise_rates(10_000);
        c.limits.new_chats_per_ip_per_hour = 2;
    })
    .await;
    // New identities from one address: the bound is the address's.
    for n in 0..2 {
        let (mut v, _) = Visitor::join(&server, None).await;
        assert!(matches!(chat_once(&mut v, n).await, VisitorOut::Ack { .. }));
    }
    let (mut third, _) = Visitor::join(&server, None).await;
    waited(&chat_once(&mut third, 0).await);
    assert_eq!(chats(&server).await, 2);
    server
        .execute("UPDATE chats SET created_at = created_at - 3600000")
        .await;
    assert!(matches!(
        chat_once(&mut third, 0).await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}
