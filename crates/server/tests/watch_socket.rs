//! `/ws/operator?watch=true` (what `frontdesk tail` opens): a working operator connection
//! that does not count for presence, where a plain one makes the operator online.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer};
use frontdesk_protocol::rest::Health;
use frontdesk_protocol::{OperatorIn, OperatorOut};

async fn head(server: &TestServer) -> u64 {
    let health: Health = reqwest::get(format!("{}/healthz", server.server.http_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    health.head_seq
}

async fn synced(url: &str, token: &str) -> Operator {
    let mut op = Operator::connect(url).await;
    op.send(&OperatorIn::Hello {
        token: token.into(),
        since: None,
        pack_ms: None,
    })
    .await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    op
}

#[tokio::test]
async fn a_watching_connection_leaves_presence_alone() {
    let server = TestServer::start().await;
    let token = server.operator_token("irina").await;
    let before = head(&server).await;
    // Presence is stored before `welcome`: had it counted, the head would have moved by now.
    let watcher = synced(
        &format!("{}?watch=true", server.url("/ws/operator")),
        &token,
    )
    .await;
    assert_eq!(head(&server).await, before);
    drop(watcher);

    let _console = synced(&server.url("/ws/operator"), &token).await;
    assert!(
        head(&server).await > before,
        "a console makes the operator online"
    );
}
