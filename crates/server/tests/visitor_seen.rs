//! The visitor's `seen`, over real sockets: it tells operators their answer was read
//! (`chat_seen`) once per new mark, the snapshot keeps the mark, and a visitor can neither mark
//! what they were never shown (a note, another visitor's chat) nor make a closed chat or an
//! older mark say anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{ErrorCode, EventBody, OperatorIn, OperatorOut, VisitorIn, VisitorOut};

/// The mark a `chat_seen` event sets, if the frame is one.
fn seen_mark(frame: &OperatorOut) -> Option<(i64, i64)> {
    match frame {
        OperatorOut::Event {
            event:
                EventBody::ChatSeen {
                    chat_id,
                    message_id,
                },
            ..
        } => Some((*chat_id, *message_id)),
        _ => None,
    }
}

async fn seen(v: &mut Visitor, id: &str, message_id: i64) -> VisitorOut {
    let frame = VisitorIn::Seen {
        id: id.into(),
        message_id,
    };
    v.send_and_ack(id, frame).await
}

/// With anna in sync: a visitor whose question she took and answered: the
/// visitor, the chat and the answer's message id.
async fn answered(server: &TestServer, op: &mut Operator) -> (Visitor, i64, i64) {
    let (mut v, _) = Visitor::join(server, None).await;
    let chat_id = v.start_chat("s", "Есть ли чайник на 1 литр?").await;
    op.send(&OperatorIn::Accept {
        id: "a".into(),
        chat_id,
    })
    .await;
    op.answer("a").await.unwrap();
    let text = OperatorIn::Message {
        id: "m".into(),
        chat_id,
        text: "Да, есть.".into(),
    };
    (v, chat_id, op.posted_id("m", text).await)
}

fn assert_not_found(refused: VisitorOut) {
    assert!(
        matches!(
            refused,
            VisitorOut::Error {
                code: ErrorCode::NotFound,
                ..
            }
        ),
        "{refused:?}"
    );
}

async fn seen_column(server: &TestServer, chat_id: i64) -> Option<i64> {
    let mut db = server.db().await;
    sqlx::query_scalar("SELECT seen_id FROM chats WHERE id = ?")
        .bind(chat_id)
        .fetch_one(&mut db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_seen_answer_is_told_once_kept_and_only_for_what_the_visitor_was_shown() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (mut v, chat_id, answer) = answered(&server, &mut op).await;
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id,
        text: "уточнить склад".into(),
    };
    let note = op.posted_id("n", note).await;

    // Seen: acknowledged, stored, and told to the operator.
    assert!(matches!(
        seen(&mut v, "s1", answer).await,
        VisitorOut::Ack { .. }
    ));
    assert_eq!(op.until(seen_mark).await, (chat_id, answer));
    assert_eq!(seen_column(&server, chat_id).await, Some(answer));

    // The same mark again, and an older one: acknowledged, nothing told or changed.
    assert!(matches!(
        seen(&mut v, "s2", answer).await,
        VisitorOut::Ack { .. }
    ));
    let first = answer - 1; // the visitor's own first message
    assert!(matches!(
        seen(&mut v, "s3", first).await,
        VisitorOut::Ack { .. }
    ));
    v.say("q", "А доставка?").await;
    let between = op
        .frames_until(|f| common::posted(f).is_some_and(|(_, m)| m.text == "А доставка?"))
        .await;
    assert!(
        !between.iter().any(|f| seen_mark(f).is_some()),
        "{between:?}"
    );
    assert_eq!(seen_column(&server, chat_id).await, Some(answer));

    // A note was never shown to the visitor, nor another visitor's chat.
    assert_not_found(seen(&mut v, "s4", note).await);
    let (mut other, _) = Visitor::join(&server, None).await;
    assert_not_found(seen(&mut other, "o1", answer).await);
    assert_eq!(seen_column(&server, chat_id).await, Some(answer));

    // A console connecting later finds the mark in its snapshot.
    let mut later = Operator::join(&server, &token, None).await;
    let state = later
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } | OperatorOut::SnapshotPart { chats, .. } => {
                chats.iter().find(|c| c.chat.id == chat_id).cloned()
            }
            _ => None,
        })
        .await;
    assert_eq!(state.seen_id, Some(answer));
}

#[tokio::test]
async fn a_closed_chat_takes_no_new_mark() {
    let server = TestServer::start().await;
    let (mut op, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut v, chat_id, answer) = answered(&server, &mut op).await;
    v.send_and_ack("c", VisitorIn::CloseChat { id: "c".into() })
        .await;
    assert!(matches!(
        seen(&mut v, "s1", answer).await,
        VisitorOut::Ack { .. }
    ));
    assert_eq!(seen_column(&server, chat_id).await, None);
}
