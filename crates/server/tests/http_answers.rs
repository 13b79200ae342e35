//! What every plain HTTP answer carries, and what `/api/logout` accepts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{TestServer, Visitor};
use frontdesk_protocol::VisitorOut;

#[tokio::test]
async fn every_answer_forbids_content_sniffing() {
    let server = TestServer::start().await;
    let http = server.server.http_url();
    let client = reqwest::Client::new();
    let answers = [
        client.get(format!("{http}/healthz")),
        client.get(format!("{http}/widget/config?site=shop")),
        client.get(format!("{http}/widget.js")),
        client.get(format!("{http}/widget.css")),
        client.get(format!("{http}/demo")),
        client.get(format!("{http}/no-such-page")),
        client.post(format!("{http}/api/logout")),
    ];
    for request in answers {
        let res = request.send().await.unwrap();
        let url = res.url().clone();
        assert_eq!(
            res.headers()
                .get("x-content-type-options")
                .map(|v| v.to_str().unwrap().to_owned()),
            Some("nosniff".to_owned()),
            "{url} ({})",
            res.status()
        );
    }
    server.server.shutdown().await;
}

async fn logout(server: &TestServer, token: Option<&str>) -> u16 {
    let mut request =
        reqwest::Client::new().post(format!("{}/api/logout", server.server.http_url()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn logout_needs_a_live_operator_session() {
    let server = TestServer::start().await;
    let (_visitor, welcome) = Visitor::join(&server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        panic!("{welcome:?}");
    };
    assert_eq!(logout(&server, None).await, 401, "no token");
    assert_eq!(
        logout(&server, Some("not-a-token")).await,
        401,
        "a bad token"
    );
    assert_eq!(
        logout(&server, Some(&token)).await,
        401,
        "a visitor's token"
    );

    let operator = server.operator_token("anna").await;
    assert_eq!(
        logout(&server, Some(&operator)).await,
        204,
        "a live session"
    );
    assert_eq!(
        logout(&server, Some(&operator)).await,
        401,
        "the same session after it ended"
    );
    server.server.shutdown().await;
}
