//! Who reads what: a plain operator does not read a chat active with a colleague (not live,
//! not on resume, not in the snapshot, not by `history`), a supervisor reads everything and the
//! visitor never notices them, a transfer's colleague reads before accepting, and notes and
//! whispers never reach a visitor's wire.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
mod helpers;
mod previews;

use common::{Operator, TestServer, posted};
use frontdesk_protocol::{
    ErrorCode, EventBody, MessageKind, OperatorIn, OperatorOut, OperatorRole, OperatorStatus,
    VisitorIn,
};
use helpers::{
    command, history, in_snapshot, is_status_of, operator, posted_in, say, status, texts,
    waiting_chat, whisper,
};

#[tokio::test]
async fn a_colleagues_active_chat_is_read_by_its_operator_and_supervisors_only() {
    let server = TestServer::start().await;
    let (mut anna, anna_id, anna_token) = operator(&server, "anna", OperatorRole::Operator).await;
    let (mut boris, _, boris_token) = operator(&server, "boris", OperatorRole::Operator).await;
    let (mut lead, _, lead_token) = operator(&server, "lead", OperatorRole::Supervisor).await;
    // Second consoles that only watch (the first ones read past events waiting for acks).
    let (mut anna_watch, _) = Operator::in_sync(&server, &anna_token).await;
    let (mut lead_watch, _) = Operator::in_sync(&server, &lead_token).await;
    let (mut visitor, chat_id) = waiting_chat(&server, "waiting: anyone reads this").await;
    // Untaken: everyone reads it.
    let (since, first) = boris.until(posted).await;
    assert_eq!(first.text, "waiting: anyone reads this");

    let accept = OperatorIn::Accept {
        id: "a".into(),
        chat_id,
    };
    command(&mut anna, accept).await.unwrap();
    visitor.say("v2", "secret from the visitor").await;
    command(&mut anna, say("m", chat_id, "secret answer"))
        .await
        .unwrap();
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id,
        text: "secret note".into(),
    };
    command(&mut anna, note).await.unwrap();
    command(&mut lead, whisper("w", chat_id, "secret whisper"))
        .await
        .unwrap();
    // A marker every operator gets after all of those.
    command(&mut anna, status("away", OperatorStatus::Away))
        .await
        .unwrap();
    let away = |f: &OperatorOut| is_status_of(f, anna_id, OperatorStatus::Away);

    let seen = boris.frames_until(away).await;
    assert!(posted_in(&seen, chat_id).is_empty(), "Boris read: {seen:?}");
    assert!(
        seen.iter().any(|f| matches!(f, OperatorOut::Event {
            event: EventBody::ChatAccepted { chat_id: c, .. }, ..
        } if *c == chat_id)),
        "chat-level events reach everyone"
    );
    let all = [
        "secret from the visitor",
        "secret answer",
        "secret note",
        "secret whisper",
    ];
    assert_eq!(
        posted_in(&lead_watch.frames_until(away).await, chat_id)[1..],
        all
    );
    assert_eq!(
        posted_in(&anna_watch.frames_until(away).await, chat_id)[1..],
        all
    );

    // Nor the visitor's live draft: the supervisor gets it, Boris does not (Anna's typing,
    // sent after it, is the marker).
    visitor
        .send(&VisitorIn::Typing {
            draft: "secret draft".into(),
        })
        .await;
    visitor.send(&VisitorIn::Ping).await;
    visitor.raw_until(r#""type":"pong""#).await;
    let draft = lead_watch
        .until(|f| match f {
            OperatorOut::VisitorTyping { draft, .. } => Some(draft.clone()),
            _ => None,
        })
        .await;
    assert_eq!(draft, "secret draft");
    anna.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    let seen = boris
        .frames_until(|f| matches!(f, OperatorOut::OperatorTyping { operator_id, .. } if *operator_id == anna_id))
        .await;
    assert!(
        !seen
            .iter()
            .any(|f| matches!(f, OperatorOut::VisitorTyping { .. })),
        "Boris read the draft: {seen:?}"
    );

    // Not by history, not in a snapshot, not on resume.
    assert_eq!(
        history(&mut boris, chat_id).await,
        Err(ErrorCode::Forbidden)
    );
    let read = history(&mut lead, chat_id).await.unwrap();
    assert_eq!(texts(&read)[1..], all);
    assert_eq!(read[4].kind, MessageKind::Whisper);
    assert!(
        in_snapshot(&server, &boris_token, chat_id)
            .await
            .messages
            .is_empty()
    );
    let lead_sees = in_snapshot(&server, &lead_token, chat_id).await.messages;
    assert_eq!(texts(&lead_sees)[1..], all);
    let mut again = Operator::join(&server, &boris_token, Some(since)).await;
    let replayed = again.frames_until(away).await;
    assert!(
        replayed
            .iter()
            .any(|f| matches!(f, OperatorOut::Welcome { resumed: true, .. }))
    );
    assert!(
        posted_in(&replayed, chat_id).is_empty(),
        "replayed: {replayed:?}"
    );

    // Closed, the chat is everyone's to read again (a returning visitor's earlier chat).
    let close = OperatorIn::Close {
        id: "c".into(),
        chat_id,
    };
    command(&mut anna, close).await.unwrap();
    let read = history(&mut boris, chat_id).await.unwrap();
    assert_eq!(
        texts(&read),
        [
            "waiting: anyone reads this",
            "secret from the visitor",
            "secret answer",
            "secret note"
        ]
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn the_visitor_never_sees_notes_whispers_or_a_supervisor() {
    let server = TestServer::start().await;
    let (mut anna, _, _) = operator(&server, "anna", OperatorRole::Operator).await;
    let (mut lead, _, _) = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (mut visitor, chat_id) = waiting_chat(&server, "Здравствуйте").await;
    command(&mut anna, say("m1", chat_id, "Добрый день"))
        .await
        .unwrap();
    visitor.raw_until("Добрый день").await;

    // The supervisor looks on: typing (then a ping, so it was handled), a whisper, a note.
    lead.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    lead.send(&OperatorIn::Ping).await;
    lead.until(|f| matches!(f, OperatorOut::Pong).then_some(()))
        .await;
    command(&mut lead, whisper("w", chat_id, "whisper-7f3"))
        .await
        .unwrap();
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id,
        text: "note-5c1".into(),
    };
    command(&mut lead, note).await.unwrap();
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id,
        text: "note-9d2".into(),
    };
    command(&mut anna, note).await.unwrap();
    // Then the chat's operator types and answers: the visitor gets these, and nothing before.
    anna.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    command(&mut anna, say("m2", chat_id, "marker-answer"))
        .await
        .unwrap();
    let wire = visitor.raw_until("marker-answer").await;
    assert_eq!(wire.len(), 2, "one typing and the answer: {wire:?}");
    assert!(
        wire[0].contains(r#""type":"typing""#) && wire[0].contains("anna"),
        "{wire:?}"
    );
    for frame in &wire {
        for secret in ["whisper-7f3", "note-5c1", "note-9d2", "lead", "whisper"] {
            assert!(
                !frame.contains(secret),
                "{secret} reached the visitor: {frame}"
            );
        }
    }
    // Nor by the visitor's history.
    visitor
        .send(&frontdesk_protocol::VisitorIn::History {
            id: "vh".into(),
            before: None,
            limit: 50,
        })
        .await;
    let wire = visitor.raw_until(r#""type":"history""#).await;
    let history = wire.last().unwrap();
    assert!(history.contains("marker-answer"), "{history}");
    assert!(
        !history.contains("whisper-7f3") && !history.contains("note-"),
        "{history}"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_transfers_colleague_reads_the_chat_before_accepting_and_no_one_else() {
    let server = TestServer::start().await;
    let (mut anna, anna_id, _) = operator(&server, "anna", OperatorRole::Operator).await;
    let (mut boris, boris_id, boris_token) =
        operator(&server, "boris", OperatorRole::Operator).await;
    let (mut carl, _, carl_token) = operator(&server, "carl", OperatorRole::Operator).await;
    let (mut visitor, chat_id) = waiting_chat(&server, "Хочу вернуть чайник").await;
    command(&mut anna, say("m1", chat_id, "Номер заказа?"))
        .await
        .unwrap();
    visitor.say("v2", "A-1043").await;
    let offer = OperatorIn::Transfer {
        id: "t".into(),
        chat_id,
        to_operator: boris_id,
        note: Some("refund, card checked".into()),
    };
    command(&mut anna, offer).await.unwrap();
    visitor.say("v3", "while offered").await;
    command(&mut anna, status("away", OperatorStatus::Away))
        .await
        .unwrap();
    let away = |f: &OperatorOut| is_status_of(f, anna_id, OperatorStatus::Away);

    // Boris gets the note and what the visitor writes meanwhile, live (what came before the
    // offer is in the history); Carl, once the chat is taken, nothing.
    let seen = boris.frames_until(away).await;
    assert_eq!(
        posted_in(&seen, chat_id),
        [
            "Хочу вернуть чайник",
            "refund, card checked",
            "while offered"
        ]
    );
    let seen = carl.frames_until(away).await;
    assert_eq!(posted_in(&seen, chat_id), ["Хочу вернуть чайник"]);

    let read = history(&mut boris, chat_id).await.unwrap();
    assert_eq!(
        texts(&read),
        [
            "Хочу вернуть чайник",
            "Номер заказа?",
            "A-1043",
            "refund, card checked",
            "while offered"
        ]
    );
    assert_eq!(
        in_snapshot(&server, &boris_token, chat_id)
            .await
            .messages
            .len(),
        5
    );
    assert_eq!(history(&mut carl, chat_id).await, Err(ErrorCode::Forbidden));
    assert!(
        in_snapshot(&server, &carl_token, chat_id)
            .await
            .messages
            .is_empty()
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn only_a_supervisor_whispers_and_only_into_an_active_chat() {
    let server = TestServer::start_with(|c| c.limits.max_message_chars = 50).await;
    let (mut anna, _, _) = operator(&server, "anna", OperatorRole::Operator).await;
    let (mut lead, _, _) = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (_visitor, chat_id) = waiting_chat(&server, "Здравствуйте").await;
    assert_eq!(
        command(&mut lead, whisper("w0", chat_id, "nobody to read it")).await,
        Err(ErrorCode::InvalidState),
        "a waiting chat has nobody to whisper to"
    );
    command(&mut anna, say("m", chat_id, "Добрый день"))
        .await
        .unwrap();
    assert_eq!(
        command(&mut anna, whisper("w1", chat_id, "to myself")).await,
        Err(ErrorCode::Forbidden)
    );
    assert_eq!(
        command(&mut lead, whisper("w2", chat_id, &"я".repeat(51))).await,
        Err(ErrorCode::MessageTooLong)
    );
    assert_eq!(
        command(&mut lead, whisper("w3", chat_id, "  ")).await,
        Err(ErrorCode::InvalidFrame)
    );
    assert_eq!(
        command(&mut lead, whisper("w4", 999, "no such chat")).await,
        Err(ErrorCode::NotFound)
    );
    command(&mut lead, whisper("w5", chat_id, "ok"))
        .await
        .unwrap();
    let close = OperatorIn::Close {
        id: "c".into(),
        chat_id,
    };
    command(&mut anna, close).await.unwrap();
    assert_eq!(
        command(&mut lead, whisper("w6", chat_id, "too late")).await,
        Err(ErrorCode::InvalidState)
    );
    server.server.shutdown().await;
}
