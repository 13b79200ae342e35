//! A site that says who its logged-in customer is (`tests/browser/contact.mjs`, headless
//! Chromium): the operator gets what the site said with what the form asked, trimmed, and a
//! visitor told everything writes with no form at all. A customer the site vouches for
//! (`browser/verified.mjs`) is one customer in every browser. A chat that ended is rated
//! (`browser/rating.mjs`). A second chat past the hour's bound is refused in the visitor's
//! words and holds nothing else back (`browser/chat_bound.mjs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::browser::{finish, run_script};
use common::{Operator, TestServer};
use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorOut, OperatorRole, Rating, VisitorProfile,
};

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

/// The next visitor verified as a customer, other than those `known`.
async fn next_verified(op: &mut Operator, known: &[i64]) -> VisitorProfile {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::VisitorUpdated { visitor },
            ..
        } if visitor.customer_id.is_some() && !known.contains(&visitor.id) => Some(visitor.clone()),
        _ => None,
    })
    .await
}

/// `browser/verified.mjs`: the site vouches for its customer in two browsers (the hash made
/// by Node's HMAC); she is one customer on the card, and the widget in the second browser
/// shows her words from the first; another customer at that browser is a new visitor; a
/// forged hash links nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_the_site_vouches_for_is_one_customer_in_every_browser() {
    let server = TestServer::start_with(|c| {
        c.identity.secret = "a test secret, thirty-two characters or more".into();
    })
    .await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "verified.mjs");
    script.step("home").await;
    let home = next_verified(&mut op, &[]).await;
    assert_eq!(home.customer_id.as_deref(), Some("shop-42"));
    script.step("work").await;
    let work = next_verified(&mut op, &[home.id]).await;
    assert_ne!(work.id, home.id, "another browser, another visitor");
    assert_eq!(work.customer_id.as_deref(), Some("shop-42"));
    assert_eq!((work.visits, work.chats), (2, 1), "{work:?}");
    script.step("switched").await;
    let pat = next_verified(&mut op, &[home.id, work.id]).await;
    assert_eq!(pat.customer_id.as_deref(), Some("shop-77"));
    assert!(pat.id != work.id && pat.id != home.id, "{pat:?}");
    finish(child, script).await;
    let mut db = server.db().await;
    let linked: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, customer_id FROM visitors WHERE customer_id IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    sqlx::Connection::close(db).await.unwrap();
    assert_eq!(
        linked,
        [
            (home.id, "shop-42".to_owned()),
            (work.id, "shop-42".to_owned()),
            (pat.id, "shop-77".to_owned()),
        ],
        "the forged visitor is nobody's"
    );
    server.server.shutdown().await;
}

/// The next rating of `chat_id`, with its comment.
async fn next_rating(op: &mut Operator, chat_id: i64) -> (Rating, Option<String>) {
    op.until(|f| match f {
        OperatorOut::Event {
            event:
                EventBody::ChatRated {
                    chat_id: rated,
                    rating,
                    comment,
                },
            ..
        } if *rated == chat_id => Some((*rating, comment.clone())),
        _ => None,
    })
    .await
}

/// `browser/rating.mjs`: the operator closes the chat, the widget asks how it went, and the
/// visitor's click reaches the operator as the chat's rating; after a bad one, what went
/// wrong comes as its comment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_visitor_rates_the_chat_the_operator_closed() {
    let server = TestServer::start().await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "rating.mjs");
    script.step("asked").await;
    let chat_id = op.next_chat_id().await;
    for (id, frame) in [
        (
            "a",
            OperatorIn::Accept {
                id: "a".into(),
                chat_id,
            },
        ),
        (
            "m",
            OperatorIn::Message {
                id: "m".into(),
                chat_id,
                text: "Да, в течение 14 дней.".into(),
            },
        ),
        (
            "c",
            OperatorIn::Close {
                id: "c".into(),
                chat_id,
            },
        ),
    ] {
        op.send(&frame).await;
        op.answer(id).await.unwrap();
    }
    script.go("closed").await;
    assert_eq!(next_rating(&mut op, chat_id).await, (Rating::Bad, None));
    script.step("rated").await;
    script.go("why").await;
    assert_eq!(
        next_rating(&mut op, chat_id).await,
        (Rating::Bad, Some("Долго ждала ответа".to_owned()))
    );
    finish(child, script).await;
    server.server.shutdown().await;
}

/// `browser/chat_bound.mjs` on a server that allows one chat a visitor an hour: the second
/// chat is refused, and the rating the visitor gives next still reaches the operator (the
/// widget held every command behind a refused one for the whole wait).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_past_the_hours_bound_is_refused_and_holds_nothing_back() {
    let server = TestServer::start_with(|c| c.limits.new_chats_per_visitor_per_hour = 1).await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, script) = run_script(&server, "chat_bound.mjs");
    let first = op.next_chat_id().await;
    let rated = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, .. },
                ..
            } => panic!("a second chat {} past the bound", chat.id),
            OperatorOut::Event {
                event:
                    EventBody::ChatRated {
                        chat_id, rating, ..
                    },
                ..
            } => Some((*chat_id, *rating)),
            _ => None,
        })
        .await;
    assert_eq!(rated, (first, Rating::Good));
    finish(child, script).await;
    server.server.shutdown().await;
}
