//! A site that says who its logged-in customer is (`tests/browser/contact.mjs`, headless
//! Chromium): the operator gets what the site said with what the form asked, trimmed, and a
//! visitor told everything writes with no form at all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::browser::{finish, run_script};
use common::{Operator, TestServer};
use frontdesk_protocol::{EventBody, OperatorOut, OperatorRole, VisitorProfile};

/// The visitor of the next chat opened.
async fn next_chat(op: &mut Operator) -> VisitorProfile {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::ChatCreated { visitor, .. },
            ..
        } => Some(visitor.clone()),
        _ => None,
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_tells_who_the_visitor_is_and_the_form_asks_the_rest() {
    let server = TestServer::start().await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "contact.mjs");
    script.step("asked").await;
    let olga = next_chat(&mut op).await.fields;
    assert_eq!(olga.name.as_deref(), Some("Ольга Петрова"));
    assert_eq!(olga.email.as_deref(), Some("olga@example.ru"));
    assert_eq!(
        olga.phone.as_deref(),
        Some("+7 900 000-00-00"),
        "from the form"
    );
    assert_eq!(
        olga.extra.into_iter().collect::<Vec<_>>(),
        [("customer".to_owned(), "1043".to_owned())],
        "blank values are not sent"
    );
    let pat = next_chat(&mut op).await.fields;
    assert_eq!(pat.name.as_deref(), Some("Pat Lee"));
    assert_eq!(pat.phone.as_deref(), Some("+1 555 0100"));
    finish(child, script).await;
    server.server.shutdown().await;
}
