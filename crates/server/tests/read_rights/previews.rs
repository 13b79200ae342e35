//! A visitor's list of chats does not leak a colleague's active chat either: its preview is
//! the visitor's first words in it, so a plain operator gets the chat without one.

use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, OperatorRole};

use super::helpers::{command, operator, waiting_chat};
use crate::common::{Operator, TestServer};

async fn preview(op: &mut Operator, visitor_id: i64, chat_id: i64) -> Option<String> {
    op.send(&OperatorIn::VisitorChats {
        id: "vc".into(),
        visitor_id,
        before: None,
        limit: 10,
    })
    .await;
    op.until(|f| match f {
        OperatorOut::VisitorChats { chats, .. } => Some(
            chats
                .iter()
                .find(|c| c.chat.id == chat_id)
                .expect("the chat is listed")
                .preview
                .clone(),
        ),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn a_colleagues_active_chat_is_listed_without_its_preview() {
    let server = TestServer::start().await;
    let (mut anna, _, _) = operator(&server, "anna", OperatorRole::Operator).await;
    let (mut boris, _, _) = operator(&server, "boris", OperatorRole::Operator).await;
    let (mut lead, _, _) = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (_visitor, chat_id) = waiting_chat(&server, "мой номер карты 1234").await;
    let visitor_id = boris
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, .. },
                ..
            } => Some(chat.visitor_id),
            _ => None,
        })
        .await;
    // Nobody's yet: anyone reads it, preview included.
    assert!(preview(&mut boris, visitor_id, chat_id).await.is_some());

    let accept = OperatorIn::Accept {
        id: "a".into(),
        chat_id,
    };
    command(&mut anna, accept).await.unwrap();
    assert_eq!(preview(&mut boris, visitor_id, chat_id).await, None);
    assert!(preview(&mut anna, visitor_id, chat_id).await.is_some());
    assert!(preview(&mut lead, visitor_id, chat_id).await.is_some());
}
