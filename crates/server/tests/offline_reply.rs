//! Offline messages are answerable: a visitor writes while no operator is online, an operator
//! later accepts or simply answers, and the visitor finds the answer when they come back.
//! Real server, real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{
    ChatStatus, ErrorCode, EventBody, OperatorIn, OperatorOut, Role, SystemEvent, VisitorIn,
    VisitorOut,
};

const QUESTION: &str = "Перезвоните, пожалуйста, после 18:00.";
const ANSWER: &str = "Здравствуйте, Игорь! Перезвоним в 18:30.";

/// A visitor leaves an offline message; returns the visitor (still connected), its token and
/// the chat id.
async fn leave_offline_message(server: &TestServer) -> (Visitor, String, i64) {
    let (mut visitor, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome {
        token,
        operators_online,
        ..
    } = welcome
    else {
        unreachable!()
    };
    assert!(!operators_online);
    visitor
        .send(&VisitorIn::OfflineMessage {
            id: "om-1".into(),
            text: QUESTION.into(),
            name: Some("Игорь".into()),
            email: Some("igor@example.ru".into()),
        })
        .await;
    let chat_id = visitor
        .until(|f| match f {
            VisitorOut::Ack { id, chat_id, .. } if id == "om-1" => *chat_id,
            _ => None,
        })
        .await;
    (visitor, token, chat_id)
}

/// Joins as an operator and returns the socket and the status of `chat_id` in the snapshot.
async fn operator_with_snapshot(
    server: &TestServer,
    token: &str,
    chat_id: i64,
) -> (Operator, Option<ChatStatus>) {
    let mut op = Operator::join(server, token, None).await;
    let status = op
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => Some(
                chats
                    .iter()
                    .find(|c| c.chat.id == chat_id)
                    .map(|c| c.chat.status),
            ),
            _ => None,
        })
        .await;
    (op, status)
}

type Answer = Result<(Option<u64>, Option<i64>), ErrorCode>;

/// The answer to command `id` (Ok((seq, message id)) for an ack, Err(code) for an error), and
/// every event that came before it.
async fn answer_and_events(op: &mut Operator, id: &str) -> (Answer, Vec<EventBody>) {
    let mut events = Vec::new();
    let answer = op
        .until(|f| match f {
            OperatorOut::Ack {
                id: i,
                seq,
                message_id,
                ..
            } if i == id => Some(Ok((*seq, *message_id))),
            OperatorOut::Error {
                id: Some(i), code, ..
            } if i == id => Some(Err(*code)),
            OperatorOut::Event { event, .. } => {
                events.push(event.clone());
                None
            }
            _ => None,
        })
        .await;
    (answer, events)
}

async fn answer(op: &mut Operator, id: &str) -> Answer {
    answer_and_events(op, id).await.0
}

/// The `chat_accepted` event for `chat_id` among `events`, or the next one on `op`: the
/// operator it went to.
async fn accepted(op: &mut Operator, events: &[EventBody], chat_id: i64) -> i64 {
    let pick = |e: &EventBody| match e {
        EventBody::ChatAccepted {
            chat_id: c,
            operator_id,
            ..
        } if *c == chat_id => Some(*operator_id),
        _ => None,
    };
    if let Some(id) = events.iter().find_map(pick) {
        return id;
    }
    op.until(|f| match f {
        OperatorOut::Event { event, .. } => pick(event),
        _ => None,
    })
    .await
}

/// The text of the message event with this id, among `events` or the next ones on `op`.
async fn posted_text(op: &mut Operator, events: &[EventBody], message_id: i64) -> String {
    let pick = |e: &EventBody| match e {
        EventBody::MessagePosted { message } if message.id == message_id => {
            Some(message.text.clone())
        }
        _ => None,
    };
    if let Some(text) = events.iter().find_map(pick) {
        return text;
    }
    op.until(|f| {
        posted(f)
            .filter(|(_, m)| m.id == message_id)
            .map(|(_, m)| m.text)
    })
    .await
}

#[tokio::test]
async fn an_operators_reply_takes_an_offline_message_and_the_visitor_finds_it() {
    let server = TestServer::start().await;
    let (visitor, visitor_token, chat_id) = leave_offline_message(&server).await;
    // The visitor closes the tab before anyone is online.
    drop(visitor);

    let token = server.operator_token("anna").await;
    let (mut op, status) = operator_with_snapshot(&server, &token, chat_id).await;
    assert_eq!(status, Some(ChatStatus::Offline));
    op.send(&OperatorIn::Message {
        id: "r-1".into(),
        chat_id,
        text: ANSWER.into(),
    })
    .await;
    let (answered, events) = answer_and_events(&mut op, "r-1").await;
    let (seq, message_id) = answered.expect("the reply is stored");
    let message_id = message_id.expect("the ack names the message");
    assert!(seq.is_some());
    // Consoles learn the chat is now this operator's, and get the reply.
    let taker = accepted(&mut op, &events, chat_id).await;
    assert_eq!(posted_text(&mut op, &events, message_id).await, ANSWER);

    // Other consoles see it as active and taken in a fresh snapshot.
    let (_again, status) = operator_with_snapshot(&server, &token, chat_id).await;
    assert_eq!(status, Some(ChatStatus::Active));

    // The visitor comes back: the welcome holds that chat with the question and the answer.
    let (_back, welcome) = Visitor::join(&server, Some(visitor_token)).await;
    let VisitorOut::Welcome {
        chat_id: open,
        chat_status,
        messages,
        ..
    } = welcome
    else {
        unreachable!()
    };
    assert_eq!(open, Some(chat_id));
    assert_eq!(chat_status, Some(ChatStatus::Active));
    let texts: Vec<(Role, &str)> = messages
        .iter()
        .map(|m| (m.author.role, m.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [(Role::Visitor, QUESTION), (Role::Operator, ANSWER)],
        "{messages:?}"
    );
    assert_eq!(messages[1].author.operator_id, Some(taker));
    server.server.shutdown().await;
}

#[tokio::test]
async fn accepting_an_offline_message_takes_it_once_when_two_operators_race() {
    let server = TestServer::start().await;
    let (mut visitor, _, chat_id) = leave_offline_message(&server).await;
    let anna = server.operator_token("anna").await;
    let boris = server.operator_token("boris").await;
    let (mut a, _) = operator_with_snapshot(&server, &anna, chat_id).await;
    let (mut b, _) = operator_with_snapshot(&server, &boris, chat_id).await;

    // Both press accept at once: exactly one gets the chat.
    let accept = |id: &str| OperatorIn::Accept {
        id: id.into(),
        chat_id,
    };
    a.send(&accept("a-a")).await;
    b.send(&accept("a-b")).await;
    let (got_a, events_a) = answer_and_events(&mut a, "a-a").await;
    let (got_b, events_b) = answer_and_events(&mut b, "a-b").await;
    assert!(
        got_a.is_ok() != got_b.is_ok(),
        "exactly one accept wins: {got_a:?} {got_b:?}"
    );
    let loser_code = got_a.err().or(got_b.err());
    assert_eq!(loser_code, Some(ErrorCode::InvalidState));
    let (winner, loser, loser_name, events) = if got_a.is_ok() {
        (&mut a, &mut b, "b", events_a)
    } else {
        (&mut b, &mut a, "a", events_b)
    };
    let taker = accepted(winner, &events, chat_id).await;

    // The visitor, still on the page, sees an operator join.
    let joined = visitor
        .until(|f| match f {
            VisitorOut::System {
                chat_id: c,
                event: SystemEvent::Joined,
                operator_name,
                ..
            } if *c == chat_id => operator_name.clone(),
            _ => None,
        })
        .await;
    assert!(joined.ends_with("display"), "{joined}");

    // The one who lost may not answer it now; the one who won may.
    loser
        .send(&OperatorIn::Message {
            id: format!("late-{loser_name}"),
            chat_id,
            text: "Я тоже отвечу".into(),
        })
        .await;
    let late = answer(loser, &format!("late-{loser_name}")).await;
    assert_eq!(late, Err(ErrorCode::Forbidden));
    winner
        .send(&OperatorIn::Message {
            id: "r-1".into(),
            chat_id,
            text: ANSWER.into(),
        })
        .await;
    answer(winner, "r-1").await.expect("the taker answers");
    visitor
        .until(|f| match f {
            VisitorOut::Message { message } if message.text == ANSWER => {
                Some(message.author.operator_id)
            }
            _ => None,
        })
        .await
        .map(|id| assert_eq!(id, taker))
        .expect("the reply names its operator");
    server.server.shutdown().await;
}

#[tokio::test]
async fn an_offline_message_is_not_taken_while_the_visitor_has_another_open_chat() {
    let server = TestServer::start().await;
    let (mut visitor, _, offline_id) = leave_offline_message(&server).await;
    // The visitor then starts a live chat (an operator came online meanwhile).
    let ack = visitor.say("m-1", "Вы уже онлайн?").await;
    let VisitorOut::Ack {
        chat_id: Some(live_id),
        ..
    } = ack
    else {
        panic!("{ack:?}")
    };
    assert_ne!(live_id, offline_id);

    let token = server.operator_token("anna").await;
    let (mut op, _) = operator_with_snapshot(&server, &token, offline_id).await;
    op.send(&OperatorIn::Accept {
        id: "a-1".into(),
        chat_id: offline_id,
    })
    .await;
    assert_eq!(answer(&mut op, "a-1").await, Err(ErrorCode::InvalidState));
    // Answering there is refused the same way; the live chat is where the visitor is.
    op.send(&OperatorIn::Message {
        id: "r-1".into(),
        chat_id: offline_id,
        text: ANSWER.into(),
    })
    .await;
    assert_eq!(answer(&mut op, "r-1").await, Err(ErrorCode::InvalidState));
    let (_, status) = operator_with_snapshot(&server, &token, offline_id).await;
    assert_eq!(status, Some(ChatStatus::Offline));
    server.server.shutdown().await;
}
