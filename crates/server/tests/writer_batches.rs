//! The writer's short path for a batch of one command (no savepoints; a refusal rolls the whole
//! transaction back) and the statements folded for a new chat: what operators see must not
//! change.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{ErrorCode, EventBody, OperatorOut, VisitorIn, VisitorOut};

/// A new chat carries the visitor's page trail: the newest 20 pages, oldest first, read in
/// the same statement as the visitor.
#[tokio::test]
async fn a_new_chat_carries_the_newest_pages_oldest_first() {
    // 22 page views in a row would trip the per-visitor rate limit.
    let server = TestServer::start_with(|c| c.limits.raise_rates(1000)).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    for i in 1..=22 {
        let id = format!("p{i}");
        visitor
            .send(&VisitorIn::PageView {
                id: id.clone(),
                url: format!("https://shop.example/{i}"),
                title: None,
                referrer: None,
                search_query: None,
            })
            .await;
        visitor
            .until(|f| matches!(f, VisitorOut::Ack { id: got, .. } if *got == id).then_some(()))
            .await;
    }
    visitor.say("m1", "Где мой заказ?").await;
    let profile = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { visitor, .. },
                ..
            } => Some(visitor.clone()),
            _ => None,
        })
        .await;
    let urls: Vec<&str> = profile.pages.iter().map(|p| p.url.as_str()).collect();
    let expected: Vec<String> = (3..=22)
        .map(|i| format!("https://shop.example/{i}"))
        .collect();
    assert_eq!(urls, expected);
    // The message names the visitor as the profile does (the name is read once, with it).
    let (_, message) = op.until(posted).await;
    assert_eq!(message.author.name, profile.fields.name);
    server.server.shutdown().await;
}

/// A refused command alone in its batch leaves no trace: the next event's `seq` follows the
/// last one with no gap, and its command id stays free.
#[tokio::test]
async fn a_refused_lone_command_leaves_no_gap_and_no_record() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (mut alice, _) = Visitor::join(&server, None).await;
    alice.say("a1", "first").await;
    let (first, _) = op.until(posted).await;

    let (mut bob, _) = Visitor::join(&server, None).await;
    // Bob has no chat: closing one is refused, after his visit was already marked active.
    bob.send(&VisitorIn::CloseChat { id: "x".into() }).await;
    let refused = bob
        .until(|f| match f {
            VisitorOut::Error {
                id: Some(id), code, ..
            } if id == "x" => Some(*code),
            _ => None,
        })
        .await;
    assert_eq!(refused, ErrorCode::InvalidState);

    alice.say("a2", "second").await;
    let (second, message) = op.until(posted).await;
    assert_eq!(message.text, "second");
    assert_eq!(second, first + 1, "a refused command left a gap in seq");

    // The refused id was not remembered: used again for a command that works, it works.
    let ack = bob.say("x", "now I have a question").await;
    assert!(matches!(ack, VisitorOut::Ack { .. }), "{ack:?}");
    server.server.shutdown().await;
}

/// A command's events reach its own socket before its ack, also when the command was stored
/// on that socket's own task (the writer leads on the caller when the connection is free).
#[tokio::test]
async fn an_operator_reads_the_events_of_a_command_before_its_ack() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    visitor.say("v1", "Здравствуйте!").await;
    let (_, question) = op.until(posted).await;
    for n in 0..5 {
        let id = format!("r{n}");
        op.send(&frontdesk_protocol::OperatorIn::Message {
            id: id.clone(),
            chat_id: question.chat_id,
            text: format!("Ответ {n}"),
        })
        .await;
        let mut seen = false;
        op.until(|f| match f {
            OperatorOut::Ack { id: got, .. } if *got == id => Some(()),
            f => {
                seen |= posted(f).is_some_and(|(_, m)| m.text == format!("Ответ {n}"));
                None
            }
        })
        .await;
        assert!(seen, "the message event came after the ack of {id}");
    }
    server.server.shutdown().await;
}

/// A visitor sees the echo of each own message before its ack, also when the messages are
/// sent together and stored in one batch of the writer (their echoes and acks then wait for
/// the socket side by side).
#[tokio::test]
async fn a_visitor_reads_the_echo_of_a_message_before_its_ack() {
    let server = TestServer::start().await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    // Five: within the visitor's message rate.
    for n in 0..5 {
        visitor
            .send(&VisitorIn::Message {
                id: format!("v{n}"),
                text: format!("Вопрос {n}"),
            })
            .await;
    }
    let frames = visitor
        .frames_until(|f| matches!(f, VisitorOut::Ack { id, .. } if id == "v4"))
        .await;
    // Answers of one commit leave in one write: still each after its echo, in sent order.
    let acks: Vec<&str> = frames
        .iter()
        .filter_map(|f| match f {
            VisitorOut::Ack { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(acks, ["v0", "v1", "v2", "v3", "v4"]);
    for n in 0..5 {
        let text = format!("Вопрос {n}");
        let id = format!("v{n}");
        let echo = frames
            .iter()
            .position(|f| matches!(f, VisitorOut::Message { message } if message.text == text));
        let ack = frames
            .iter()
            .position(|f| matches!(f, VisitorOut::Ack { id: got, .. } if *got == id));
        assert!(
            matches!((echo, ack), (Some(e), Some(a)) if e < a),
            "{id}: echo at {echo:?}, ack at {ack:?} in {frames:?}"
        );
    }
    server.server.shutdown().await;
}
