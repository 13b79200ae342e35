//! A transfer is an offer: the colleague reads the note and the history before taking it, the
//! visitor hears of it only once taken, and a declined offer leaves the chat where it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    ErrorCode, ErrorReason, EventBody, OperatorIn, OperatorOut, SystemEvent, VisitorOut,
};

/// Anna has taken a chat with a visitor who wrote once; returns the chat id.
async fn annas_chat(anna: &mut Operator, visitor: &mut Visitor) -> i64 {
    visitor.say("v1", "Хочу вернуть чайник").await;
    let chat_id = anna.next_chat_id().await;
    anna.send(&OperatorIn::Accept {
        id: "take".into(),
        chat_id,
    })
    .await;
    anna.answer("take").await.expect("taken");
    chat_id
}

fn transfer(id: &str, chat_id: i64, to: i64, note: &str) -> OperatorIn {
    OperatorIn::Transfer {
        id: id.into(),
        chat_id,
        to_operator: to,
        note: Some(note.into()),
    }
}

#[tokio::test]
async fn an_offer_is_taken_by_its_colleague_and_only_then_the_visitor_hears() {
    let server = TestServer::start().await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    let (mut carl, _) = Operator::in_sync(&server, &server.operator_token("carl").await).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let chat_id = annas_chat(&mut anna, &mut visitor).await;

    anna.send(&transfer(
        "t1",
        chat_id,
        boris_id,
        "вернуть A-1043, карта проверена",
    ))
    .await;
    anna.answer("t1").await.expect("offered");
    let offered = boris
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatTransferOffered { note, .. },
                ..
            } => Some(note.clone()),
            _ => None,
        })
        .await;
    assert_eq!(offered.as_deref(), Some("вернуть A-1043, карта проверена"));

    // Someone else cannot take Boris's offer.
    carl.send(&OperatorIn::AcceptTransfer {
        id: "c-take".into(),
        chat_id,
    })
    .await;
    assert_eq!(
        carl.answer("c-take").await.map_err(|(code, _)| code),
        Err(ErrorCode::InvalidState)
    );

    // A console that connects now hears of the offer right after its snapshot.
    let token = server.operator_token("lead").await;
    let mut late = Operator::join(&server, &token, None).await;
    let offers = late
        .until(|f| match f {
            OperatorOut::TransferOffers { offers } => Some(offers.clone()),
            _ => None,
        })
        .await;
    assert_eq!(offers.len(), 1);
    assert_eq!(
        (offers[0].chat_id, offers[0].to_operator_id),
        (chat_id, boris_id)
    );

    boris
        .send(&OperatorIn::AcceptTransfer {
            id: "b-take".into(),
            chat_id,
        })
        .await;
    boris.answer("b-take").await.expect("taken");
    // The visitor's first news of it all: who helps now, and never the note.
    let told = visitor
        .until(|f| {
            let seen = format!("{f:?}");
            assert!(
                !seen.contains("A-1043"),
                "the note reached the visitor: {seen}"
            );
            match f {
                VisitorOut::System {
                    event: SystemEvent::Transferred,
                    operator_name,
                    ..
                } => Some(operator_name.clone()),
                _ => None,
            }
        })
        .await;
    assert_eq!(told.as_deref(), Some("boris display"));
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_declined_offer_leaves_the_chat_with_its_operator() {
    let server = TestServer::start().await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let chat_id = annas_chat(&mut anna, &mut visitor).await;
    anna.send(&transfer("t1", chat_id, boris_id, "биллинг?"))
        .await;
    anna.answer("t1").await.expect("offered");

    boris
        .send(&OperatorIn::DeclineTransfer {
            id: "no".into(),
            chat_id,
            reason: Some("не моя тема".into()),
        })
        .await;
    boris.answer("no").await.expect("declined");
    let reason = anna
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatTransferDeclined { reason, .. },
                ..
            } => Some(reason.clone()),
            _ => None,
        })
        .await;
    assert_eq!(reason.as_deref(), Some("не моя тема"));
    // Still Anna's: she answers, and Boris can no longer take it.
    anna.send(&OperatorIn::Message {
        id: "m".into(),
        chat_id,
        text: "Сейчас уточню".into(),
    })
    .await;
    anna.answer("m").await.expect("still hers");
    boris
        .send(&OperatorIn::AcceptTransfer {
            id: "late".into(),
            chat_id,
        })
        .await;
    assert_eq!(
        boris.answer("late").await.map_err(|(code, _)| code),
        Err(ErrorCode::InvalidState)
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_transfer_note_is_bounded_like_any_note() {
    let server = TestServer::start_with(|c| c.limits.max_message_chars = 50).await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (_boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let chat_id = annas_chat(&mut anna, &mut visitor).await;
    anna.send(&transfer("long", chat_id, boris_id, &"я".repeat(51)))
        .await;
    assert_eq!(
        anna.answer("long").await.map_err(|(code, _)| code),
        Err(ErrorCode::MessageTooLong)
    );
    anna.send(&transfer("ok", chat_id, boris_id, &"я".repeat(50)))
        .await;
    anna.answer("ok").await.expect("offered");
    server.server.shutdown().await;
}

/// A message left offline is nobody's yet: handing it on is refused with its case (taken
/// first), and so is one of a closed chat.
#[tokio::test]
async fn a_message_left_offline_or_a_closed_chat_is_not_handed_on() {
    let server = TestServer::start().await;
    let (_, chat_id) = common::offline_mail::leave_offline_message(&server, None).await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (_boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    anna.send(&transfer("t-left", chat_id, boris_id, "перезвонить"))
        .await;
    let (code, _, reason) = anna.refusal("t-left").await;
    assert_eq!(
        (code, reason),
        (ErrorCode::InvalidState, Some(ErrorReason::LeftMessage))
    );
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let live = annas_chat(&mut anna, &mut visitor).await;
    anna.send(&OperatorIn::Close {
        id: "close".into(),
        chat_id: live,
    })
    .await;
    anna.answer("close").await.expect("closed");
    anna.send(&transfer("t-closed", live, boris_id, "поздно"))
        .await;
    assert_eq!(
        anna.refusal("t-closed").await.2,
        Some(ErrorReason::ChatClosed)
    );
}
