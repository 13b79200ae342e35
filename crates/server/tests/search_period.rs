//! Search within a period over REST against a real server: messages by when they were
//! written, visitors by when their chat began, the period's ends in milliseconds or RFC 3339.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::TestServer;
use frontdesk_protocol::rest::ErrorBody;
use frontdesk_protocol::search::SearchResults;
use frontdesk_protocol::{ErrorCode, OperatorRole, PrechatFields};
use reqwest::StatusCode;

use super::search::{chat, search_in, until_found};

/// The hits' texts for a search within a period, once the index has `q`'s newest message.
async fn texts_in(
    server: &TestServer,
    token: &str,
    q: &str,
    period: &[(&str, &str)],
) -> Vec<String> {
    let res = search_in(server, token, q, period).await;
    assert_eq!(res.status(), StatusCode::OK, "{q} {period:?}");
    let found: SearchResults = res.json().await.unwrap();
    found.hits.into_iter().map(|h| h.snippet).collect()
}

#[tokio::test]
async fn a_search_looks_within_the_period_it_is_given() {
    let server = TestServer::start_with(|c| c.storage.checkpoint_interval_ms = 50).await;
    let lead = server
        .operator_token_as("lead", "Lead", OperatorRole::Supervisor)
        .await;
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
            .to_string()
    };
    // Three chats about a kettle, each begun after the moment before it.
    let before_all = now();
    let mut said = Vec::new();
    let mut moments = Vec::new();
    for (i, name) in ["Первый", "Второй", "Третий"].into_iter().enumerate() {
        let fields = PrechatFields {
            name: Some(format!("{name} чайник")),
            ..PrechatFields::default()
        };
        let text = format!("Чайник номер {i}");
        said.push(chat(&server, fields, None, &text).await);
        tokio::time::sleep(Duration::from_millis(30)).await;
        moments.push(now());
    }
    until_found(&server, &lead, "номер 2").await;
    let (after_first, after_second) = (moments[0].as_str(), moments[1].as_str());
    let messages = |hits: Vec<String>| {
        let mut m: Vec<String> = hits
            .into_iter()
            .filter(|h| h.starts_with("Чайник"))
            .collect();
        m.sort();
        m
    };
    assert_eq!(
        messages(texts_in(&server, &lead, "чайник", &[]).await),
        ["Чайник номер 0", "Чайник номер 1", "Чайник номер 2"]
    );
    let middle = texts_in(
        &server,
        &lead,
        "чайник",
        &[("since", after_first), ("until", after_second)],
    )
    .await;
    assert_eq!(messages(middle.clone()), ["Чайник номер 1"]);
    assert!(
        middle.contains(&"Второй чайник".to_owned()) && middle.len() == 2,
        "the visitor whose chat began in the period, and only they: {middle:?}"
    );
    assert_eq!(
        messages(texts_in(&server, &lead, "чайник", &[("since", after_second)]).await),
        ["Чайник номер 2"]
    );
    assert_eq!(
        messages(texts_in(&server, &lead, "чайник", &[("until", after_first)]).await),
        ["Чайник номер 0"]
    );
    // Before anything was written, and after everything: nothing.
    assert!(
        texts_in(&server, &lead, "чайник", &[("until", &before_all)])
            .await
            .is_empty()
    );
    assert!(
        texts_in(&server, &lead, "чайник", &[("since", &now())])
            .await
            .is_empty()
    );
    // RFC 3339 is read too; a period that ends before it starts, or no time, is refused.
    assert_eq!(
        texts_in(
            &server,
            &lead,
            "чайник",
            &[("since", "2000-01-01T00:00:00Z")]
        )
        .await
        .len(),
        6
    );
    for bad in [
        [("since", after_second), ("until", after_first)],
        [("since", "вчера"), ("until", after_first)],
    ] {
        let res = search_in(&server, &lead, "чайник", &bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad:?}");
        let body: ErrorBody = res.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::InvalidFrame);
    }
    drop(said);
}
