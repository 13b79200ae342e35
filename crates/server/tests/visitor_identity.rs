//! Visitor identities cost something to make and do not pile up: new ones are rate-limited
//! per address (a returning visitor with a token is not new), and visitors who never chatted
//! are deleted after `visitor_expiry_days` unseen. Real server and sockets; "days pass" by
//! moving `last_seen` back in the real SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{TestServer, Visitor, WAIT};
use frontdesk_protocol::{ErrorCode, VisitorIn, VisitorOut};
use sqlx::Connection;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

async fn count(server: &TestServer, sql: &'static str, id: i64) -> i64 {
    let mut db = server.db().await;
    let n = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    n
}

/// A visitor socket from `ip` (as the proxy header says) that sent `hello`; its first frame.
async fn hello_from(server: &TestServer, ip: &str, token: Option<&str>) -> (Visitor, VisitorOut) {
    let mut request = server.url("/ws/visitor").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("X-Real-IP", ip.parse().unwrap());
    let (ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let mut v = Visitor {
        ws,
        _dir: std::marker::PhantomData,
    };
    v.send(&VisitorIn::Hello {
        token: token.map(str::to_owned),
        site: None,
        language: None,
    })
    .await;
    let first = v.recv().await;
    (v, first)
}

fn welcome(frame: &VisitorOut) -> (i64, String) {
    match frame {
        VisitorOut::Welcome {
            visitor_id, token, ..
        } => (*visitor_id, token.clone()),
        other => panic!("expected welcome, got {other:?}"),
    }
}

/// The frame is `rate_limited` with a wait, and the server then closes the socket.
async fn refused(mut v: Visitor, frame: &VisitorOut) {
    match frame {
        VisitorOut::Error {
            code: ErrorCode::RateLimited,
            retry_after_ms: Some(ms),
            ..
        } => assert!(*ms > 0),
        other => panic!("expected rate_limited, got {other:?}"),
    }
    assert!(v.try_recv(WAIT).await.is_none(), "the socket is closed");
}

#[tokio::test]
async fn new_identities_from_one_address_are_limited_but_returning_visitors_get_in() {
    let server = TestServer::start_with(|c| {
        c.proxy.client_ip = Some("X-Real-IP".into());
        c.limits.new_visitors_per_ip_per_min = 3;
    })
    .await;
    let office = "203.0.113.10";
    let mut tokens = Vec::new();
    for _ in 0..3 {
        let (_v, first) = hello_from(&server, office, None).await;
        tokens.push(welcome(&first));
    }
    let (v, first) = hello_from(&server, office, None).await;
    refused(v, &first).await;
    // A made-up token is no way around it: it names nobody, so it would be a new identity.
    let (v, first) = hello_from(&server, office, Some("0123456789abcdef")).await;
    refused(v, &first).await;

    // A visitor who was here before comes back from the same address.
    let (known_id, known_token) = tokens[0].clone();
    let (_v, first) = hello_from(&server, office, Some(&known_token)).await;
    assert_eq!(welcome(&first).0, known_id);
    // Another address has its own allowance.
    let (_v, first) = hello_from(&server, "198.51.100.20", None).await;
    welcome(&first);

    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM visitors WHERE id > ?", 0).await,
        4
    );
    server.server.shutdown().await;
}

async fn days_pass(server: &TestServer, visitor_id: i64, days: i64) {
    let mut db = server.db().await;
    sqlx::query("UPDATE visitors SET last_seen = last_seen - ? WHERE id = ?")
        .bind(days * DAY_MS)
        .bind(visitor_id)
        .execute(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
}

#[tokio::test]
async fn visitors_unseen_for_long_who_never_chatted_are_deleted_and_chatters_kept() {
    let server = TestServer::start_with(|c| {
        c.storage.visitor_expiry_days = 30;
        // The maintenance timer runs often, so the test need not wait.
        c.storage.checkpoint_interval_ms = 50;
    })
    .await;
    // Looked at one page and left.
    let (mut browser, welcome_frame) = Visitor::join(&server, None).await;
    let (browser_id, browser_token) = welcome(&welcome_frame);
    browser
        .send(&VisitorIn::PageView {
            id: "p1".into(),
            url: "https://shop.example/kettles".into(),
            title: None,
            referrer: None,
            search_query: None,
        })
        .await;
    browser
        .until(|f| matches!(f, VisitorOut::Ack { .. }).then_some(()))
        .await;
    drop(browser);
    // Wrote once, then left.
    let (mut chatter, welcome_frame) = Visitor::join(&server, None).await;
    let (chatter_id, _) = welcome(&welcome_frame);
    assert!(matches!(
        chatter.say("m1", "Есть доставка?").await,
        VisitorOut::Ack { .. }
    ));
    drop(chatter);
    // Looked in recently.
    let (_recent, welcome_frame) = Visitor::join(&server, None).await;
    let (recent_id, _) = welcome(&welcome_frame);

    days_pass(&server, browser_id, 31).await;
    days_pass(&server, chatter_id, 31).await;
    let visitor = "SELECT COUNT(*) FROM visitors WHERE id = ?";
    let deadline = tokio::time::Instant::now() + WAIT;
    while count(&server, visitor, browser_id).await == 1 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the visitor who never chatted is still there"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let pages = "SELECT COUNT(*) FROM page_views WHERE visitor_id = ?";
    assert_eq!(count(&server, pages, browser_id).await, 0);
    assert_eq!(count(&server, visitor, chatter_id).await, 1);
    let chats = "SELECT COUNT(*) FROM chats WHERE visitor_id = ?";
    assert_eq!(count(&server, chats, chatter_id).await, 1);
    assert_eq!(count(&server, visitor, recent_id).await, 1);

    // The deleted visitor coming back is simply new.
    let (_back, welcome_frame) = Visitor::join(&server, Some(browser_token)).await;
    assert_ne!(welcome(&welcome_frame).0, browser_id);
    server.server.shutdown().await;
}
