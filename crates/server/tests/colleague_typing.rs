//! An operator's typing, as colleagues see it: sending the message ends it for them at once,
//! though a plain colleague never gets the message itself (a colleague's chat is not theirs
//! to read), so its arrival cannot tell them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{OperatorIn, OperatorOut};

/// The next typing state of `operator` in `chat` that `watcher` hears.
async fn typing_of(watcher: &mut Operator, operator: i64, chat: i64) -> bool {
    watcher
        .until(|f| match f {
            OperatorOut::OperatorTyping {
                chat_id,
                operator_id,
                typing,
            } if *chat_id == chat && *operator_id == operator => Some(*typing),
            _ => None,
        })
        .await
}

#[tokio::test]
async fn a_sent_message_ends_the_operators_typing_for_colleagues() {
    let server = TestServer::start().await;
    let (mut anna, anna_id) =
        Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut boris, _) = Operator::in_sync(&server, &server.operator_token("boris").await).await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let chat_id = visitor
        .start_chat("s-1", "Сколько стоит доставка в Тверь?")
        .await;
    anna.send(&OperatorIn::Accept {
        id: "a-1".into(),
        chat_id,
    })
    .await;
    anna.answer("a-1").await.unwrap();

    anna.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    assert!(typing_of(&mut boris, anna_id, chat_id).await);
    // The console sends no `typing: false` after a message (the box empties as it sends).
    anna.send(&OperatorIn::Message {
        id: "m-1".into(),
        chat_id,
        text: "Здравствуйте! Доставка в Тверь — 350 ₽.".into(),
    })
    .await;
    anna.answer("m-1").await.unwrap();
    assert!(!typing_of(&mut boris, anna_id, chat_id).await);
    server.server.shutdown().await;
}
