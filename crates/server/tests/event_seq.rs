//! `GET /api/events/seq?at=<ms>`: the first event at or after a moment, for a live operator
//! session only, checked against the events the operator socket replays.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::OperatorOut;
use frontdesk_protocol::rest::EventSeqAt;

async fn ask(server: &TestServer, token: Option<&str>, at: i64) -> reqwest::Response {
    let url = format!("{}/api/events/seq?at={at}", server.server.http_url());
    let mut request = reqwest::Client::new().get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn seq_at(server: &TestServer, token: &str, at: i64) -> EventSeqAt {
    let response = ask(server, Some(token), at).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn finds_the_first_event_at_or_after_a_time() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let empty = seq_at(&server, &token, 0).await;
    assert_eq!((empty.seq, empty.head_seq), (None, 0));

    let (mut visitor, _) = Visitor::join(&server, None).await;
    for n in 0..6 {
        visitor
            .say(&format!("m-{n}"), &format!("message {n}"))
            .await;
    }
    // Every stored event with its time, as a console resuming from the start gets them.
    let mut op = Operator::join(&server, &token, Some(0)).await;
    // Connecting makes the operator online, an event of its own: count from after it.
    op.until(|f| matches!(f, OperatorOut::Welcome { .. }).then_some(()))
        .await;
    let head = seq_at(&server, &token, 0).await.head_seq;
    let mut events = Vec::new();
    while events.last().is_none_or(|(seq, _)| *seq < head) {
        let event = op
            .until(|f| match f {
                OperatorOut::Event { seq, ts, .. } => Some((*seq, *ts)),
                _ => None,
            })
            .await;
        events.push(event);
    }
    assert!(events.len() >= 6, "{events:?}");
    for &(_, ts) in &events {
        for at in [ts - 1, ts, ts + 1] {
            let want = events.iter().find(|(_, t)| *t >= at).map(|(s, _)| *s);
            let got = seq_at(&server, &token, at).await;
            assert_eq!(got.seq, want, "at {at} in {events:?}");
            assert_eq!(got.head_seq, head);
            assert_eq!(got.at, at);
        }
    }
    let after_all = seq_at(&server, &token, i64::MAX).await;
    assert_eq!((after_all.seq, after_all.head_seq), (None, head));
    assert_eq!(seq_at(&server, &token, 0).await.seq, Some(1));
}

#[tokio::test]
async fn needs_a_live_operator_session() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    assert_eq!(ask(&server, None, 0).await.status(), 401);
    assert_eq!(ask(&server, Some("not-a-token"), 0).await.status(), 401);
    assert_eq!(ask(&server, Some(&token), 0).await.status(), 200);
    let logout = reqwest::Client::new()
        .post(format!("{}/api/logout", server.server.http_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(ask(&server, Some(&token), 0).await.status(), 401);
}
