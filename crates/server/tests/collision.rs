//! Two operators race for one visitor: exactly one takes the chat, and the other's accept and
//! message are refused with a clear error, never stored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{ChatStatus, ErrorCode, ErrorReason, EventBody, OperatorIn, OperatorOut};

#[tokio::test]
async fn two_operators_racing_for_one_chat_one_wins_the_other_is_told() {
    let server = TestServer::start().await;
    let (token_a, token_b) = (
        server.operator_token("anna").await,
        server.operator_token("boris").await,
    );
    let mut anna = Operator::join(&server, &token_a, None).await;
    let mut boris = Operator::join(&server, &token_b, None).await;
    // Both in sync (and so online) before the visitor writes: the chat then waits for them.
    for op in [&mut anna, &mut boris] {
        op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
            .await;
    }
    let (mut visitor, _) = Visitor::join(&server, None).await;
    visitor.say("v1", "Есть ли чайник в наличии?").await;
    let chat_id = anna
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, .. },
                ..
            } if chat.status == ChatStatus::Waiting => Some(chat.id),
            _ => None,
        })
        .await;

    // Both press Enter at once: both accepts are on the wire before either is answered.
    let accept = |id: &str| OperatorIn::Accept {
        id: id.into(),
        chat_id,
    };
    anna.send(&accept("a-take")).await;
    boris.send(&accept("b-take")).await;
    let (a, b) = (anna.answer("a-take").await, boris.answer("b-take").await);
    assert!(a.is_ok() != b.is_ok(), "exactly one wins: {a:?} {b:?}");
    let (mut winner, mut loser, loser_id) = if a.is_ok() {
        (anna, boris, "b")
    } else {
        (boris, anna, "a")
    };

    // The loser answers anyway: refused, with words that say why, and nothing stored.
    let said = format!("{loser_id}-msg");
    loser
        .send(&OperatorIn::Message {
            id: said.clone(),
            chat_id,
            text: "Да, есть".into(),
        })
        .await;
    let (code, message, reason) = loser.refusal(&said).await;
    assert_eq!(code, ErrorCode::Forbidden);
    assert!(message.contains("another operator"), "{message}");
    assert_eq!(
        reason,
        Some(ErrorReason::NotYourChat),
        "the console's words for it"
    );
    // Taking it again names the case too.
    loser.send(&accept("again")).await;
    let (code, _, reason) = loser.refusal("again").await;
    assert_eq!(
        (code, reason),
        (ErrorCode::InvalidState, Some(ErrorReason::ChatTaken))
    );

    // The winner's reply is the first operator message the visitor gets.
    winner
        .send(&OperatorIn::Message {
            id: "w-msg".into(),
            chat_id,
            text: "Сейчас проверю".into(),
        })
        .await;
    winner.answer("w-msg").await.expect("stored");
    let first = visitor
        .until(|f| match f {
            frontdesk_protocol::VisitorOut::Message { message }
                if message.author.role == frontdesk_protocol::Role::Operator =>
            {
                Some(message.text.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(
        first, "Сейчас проверю",
        "the refused reply never reached the visitor"
    );
    server.server.shutdown().await;
}

/// The next `operator_viewing` about `who` that `op` hears.
async fn viewing_of(op: &mut Operator, who: i64) -> Option<i64> {
    op.until(|f| match f {
        OperatorOut::OperatorViewing {
            operator_id,
            chat_id,
        } if *operator_id == who => Some(*chat_id),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn colleagues_see_which_chat_each_console_shows() {
    let server = TestServer::start().await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    boris.send(&OperatorIn::Viewing { chat_id: Some(7) }).await;
    assert_eq!(viewing_of(&mut anna, boris_id).await, Some(7));

    // A console that connects later hears it right after its snapshot.
    let (mut late, _) = Operator::in_sync(&server, &server.operator_token("lead").await).await;
    assert_eq!(viewing_of(&mut late, boris_id).await, Some(7));

    // Boris looks elsewhere, then his console goes: both are told.
    boris.send(&OperatorIn::Viewing { chat_id: None }).await;
    assert_eq!(viewing_of(&mut anna, boris_id).await, None);
    boris.send(&OperatorIn::Viewing { chat_id: Some(8) }).await;
    assert_eq!(viewing_of(&mut anna, boris_id).await, Some(8));
    drop(boris);
    assert_eq!(viewing_of(&mut anna, boris_id).await, None);
    server.server.shutdown().await;
}
