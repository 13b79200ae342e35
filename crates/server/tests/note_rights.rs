//! Who may add an internal note to a chat: on a chat another operator has taken, only that
//! operator or a supervisor; a chat nobody has taken yet, any operator (it stays untaken).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    ErrorCode, MessageKind, OperatorIn, OperatorOut, OperatorRole, VisitorOut,
};

type Answer = Result<(), ErrorCode>;

async fn operator(server: &TestServer, name: &str, role: OperatorRole) -> Operator {
    let token = server.operator_token_as(name, name, role).await;
    Operator::in_sync(server, &token).await.0
}

async fn answer(op: &mut Operator, id: &str) -> Answer {
    op.until(|f| match f {
        OperatorOut::Ack { id: i, .. } if i == id => Some(Ok(())),
        OperatorOut::Error {
            id: Some(i), code, ..
        } if i == id => Some(Err(*code)),
        _ => None,
    })
    .await
}

async fn note(op: &mut Operator, id: &str, chat_id: i64) -> Answer {
    op.send(&OperatorIn::Note {
        id: id.into(),
        chat_id,
        text: format!("note {id}"),
    })
    .await;
    answer(op, id).await
}

/// A visitor who wrote, so a chat waits; its id.
async fn waiting_chat(server: &TestServer) -> (Visitor, i64) {
    let (mut v, _) = Visitor::join(server, None).await;
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = v.say("m1", "Добрый день, вопрос по заказу").await
    else {
        panic!("no chat")
    };
    (v, chat_id)
}

#[tokio::test]
async fn a_note_on_a_colleagues_chat_needs_a_supervisor() {
    let server = TestServer::start().await;
    let mut anna = operator(&server, "anna", OperatorRole::Operator).await;
    let mut boris = operator(&server, "boris", OperatorRole::Operator).await;
    let mut lead = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (_v, chat_id) = waiting_chat(&server).await;
    anna.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id,
    })
    .await;
    answer(&mut anna, "a1").await.expect("anna takes the chat");

    assert_eq!(
        note(&mut boris, "n-boris", chat_id).await,
        Err(ErrorCode::Forbidden),
        "an operator may not write into a colleague's chat, notes included"
    );
    note(&mut lead, "n-lead", chat_id)
        .await
        .expect("a supervisor may");
    note(&mut anna, "n-anna", chat_id)
        .await
        .expect("the chat's own operator may");

    // Exactly the two allowed notes were stored.
    anna.send(&OperatorIn::History {
        id: "h".into(),
        chat_id,
        before: None,
        limit: 50,
    })
    .await;
    let texts = anna
        .until(|f| match f {
            OperatorOut::History { messages, .. } => Some(
                messages
                    .iter()
                    .filter(|m| m.kind == MessageKind::Note)
                    .map(|m| m.text.clone())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .await;
    assert_eq!(texts, ["note n-lead", "note n-anna"]);
    server.server.shutdown().await;
}

#[tokio::test]
async fn any_operator_may_note_a_chat_nobody_has_taken_and_it_stays_untaken() {
    let server = TestServer::start().await;
    let mut boris = operator(&server, "boris", OperatorRole::Operator).await;
    let (_v, chat_id) = waiting_chat(&server).await;
    note(&mut boris, "n1", chat_id)
        .await
        .expect("a note on a waiting chat");

    // Still nobody's: a colleague can take it.
    let mut anna = operator(&server, "anna", OperatorRole::Operator).await;
    anna.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id,
    })
    .await;
    answer(&mut anna, "a1")
        .await
        .expect("the chat is still waiting after the note");
    server.server.shutdown().await;
}
