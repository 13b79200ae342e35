//! Bans: an operator bans the visitor of a chat (by token, optionally by address); the
//! visitor's chat closes, their sockets get `banned` and close, and new chats are refused
//! until the ban ends or a supervisor lifts it. Real server, sockets and SQLite file; "the
//! period passes" by moving the ban's `until` back in the file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, WAIT};
use frontdesk_protocol::{
    Ban, ErrorCode, ErrorReason, EventBody, OperatorIn, OperatorOut, OperatorRole, VisitorIn,
    VisitorOut,
};
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

type Answer = Result<(), ErrorCode>;

const DAY: u32 = 24 * 60 * 60;

async fn operator(server: &TestServer, name: &str, role: OperatorRole) -> Operator {
    let token = server.operator_token_as(name, name, role).await;
    Operator::in_sync(server, &token).await.0
}

async fn answer(op: &mut Operator, id: &str) -> Answer {
    answer_and_events(op, id).await.0
}

/// The answer to command `id`, and the events that came before it (a command's own event
/// comes before its `ack`, but need not: see [`event`]).
async fn answer_and_events(op: &mut Operator, id: &str) -> (Answer, Vec<EventBody>) {
    let mut events = Vec::new();
    let answer = op
        .until(|f| match f {
            OperatorOut::Ack { id: i, .. } if i == id => Some(Ok(())),
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

/// The first event `pick` takes among `seen`, else the next one from the socket.
async fn event<T>(
    op: &mut Operator,
    seen: &[EventBody],
    pick: impl Fn(&EventBody) -> Option<T>,
) -> T {
    if let Some(t) = seen.iter().find_map(&pick) {
        return t;
    }
    op.until(|f| match f {
        OperatorOut::Event { event, .. } => pick(event),
        _ => None,
    })
    .await
}

async fn ban(
    op: &mut Operator,
    id: &str,
    chat_id: i64,
    secs: u32,
    reason: &str,
    ip: bool,
) -> Result<Ban, ErrorCode> {
    op.send(&OperatorIn::Ban {
        id: id.into(),
        chat_id,
        duration_secs: secs,
        reason: reason.into(),
        by_ip: ip,
    })
    .await;
    let (answer, seen) = answer_and_events(op, id).await;
    answer?;
    Ok(event(op, &seen, |e| match e {
        EventBody::VisitorBanned { ban } => Some(ban.clone()),
        _ => None,
    })
    .await)
}

/// Lifts a ban; on `ack`, waits for its `visitor_unbanned` event.
async fn unban(op: &mut Operator, id: &str, ban_id: i64) -> Answer {
    op.send(&OperatorIn::Unban {
        id: id.into(),
        ban_id,
    })
    .await;
    let (answer, seen) = answer_and_events(op, id).await;
    answer?;
    let lifted = event(op, &seen, |e| match e {
        EventBody::VisitorUnbanned { ban_id, .. } => Some(*ban_id),
        _ => None,
    })
    .await;
    assert_eq!(lifted, ban_id);
    Ok(())
}

async fn list_bans(op: &mut Operator, id: &str) -> Result<Vec<Ban>, ErrorCode> {
    op.send(&OperatorIn::ListBans {
        id: id.into(),
        before: None,
    })
    .await;
    op.until(|f| match f {
        OperatorOut::Bans { id: i, bans, .. } if i == id => Some(Ok(bans.clone())),
        OperatorOut::Error {
            id: Some(i), code, ..
        } if i == id => Some(Err(*code)),
        _ => None,
    })
    .await
}

/// The `visitor_banned` event every console gets.
async fn banned_event(op: &mut Operator) -> Ban {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::VisitorBanned { ban },
            ..
        } => Some(ban.clone()),
        _ => None,
    })
    .await
}

/// A visitor who wrote, so a chat waits: the socket, its token and the chat id.
async fn waiting_chat(server: &TestServer) -> (Visitor, String, i64) {
    let (mut v, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        panic!("no welcome")
    };
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = v.say("m1", "купите наши ссылки").await
    else {
        panic!("no chat")
    };
    (v, token, chat_id)
}

/// The close frame's code and reason, once the server closes the socket.
async fn close_of(v: &mut Visitor) -> (u16, String) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let next = tokio::time::timeout_at(deadline, v.ws.next())
            .await
            .expect("the socket closes before the deadline");
        match next {
            Some(Ok(Message::Close(Some(frame)))) => {
                return (frame.code.into(), frame.reason.to_string());
            }
            Some(Ok(_)) => {}
            other => panic!("the socket ended without a close frame: {other:?}"),
        }
    }
}

/// The `banned` error (without `id`), then close 1008 `banned`.
async fn told_banned_and_closed(v: &mut Visitor) {
    v.until(|f| match f {
        VisitorOut::Error {
            id: None,
            code: ErrorCode::Banned,
            ..
        } => Some(()),
        VisitorOut::Welcome { .. } => panic!("a banned visitor got a welcome"),
        _ => None,
    })
    .await;
    assert_eq!(close_of(v).await, (1008, "banned".to_owned()));
}

/// Says `hello` with this token (or none) and expects the ban.
async fn hello_refused(server: &TestServer, token: Option<String>) {
    let mut v = Visitor::connect(&server.url("/ws/visitor")).await;
    v.send(&VisitorIn::Hello {
        token,
        site: None,
        language: None,
    })
    .await;
    told_banned_and_closed(&mut v).await;
}

#[tokio::test]
async fn a_ban_closes_the_chat_and_socket_refuses_hello_and_lifting_it_restores() {
    let server = TestServer::start().await;
    let mut anna = operator(&server, "anna", OperatorRole::Operator).await;
    let mut lead = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (mut troll, token, chat_id) = waiting_chat(&server).await;
    anna.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id,
    })
    .await;
    answer(&mut anna, "a1").await.unwrap();

    let made = ban(&mut anna, "b1", chat_id, DAY, "spam links", false)
        .await
        .expect("the assigned operator bans");
    troll
        .until(|f| match f {
            VisitorOut::System { event, .. } => {
                (*event == frontdesk_protocol::SystemEvent::Closed).then_some(())
            }
            _ => None,
        })
        .await;
    told_banned_and_closed(&mut troll).await;
    let closed = lead
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatClosed { chat_id: c, .. },
                ..
            } => Some(*c),
            _ => None,
        })
        .await;
    assert_eq!(closed, chat_id, "the banned visitor's chat is closed");
    assert_eq!(
        banned_event(&mut lead).await,
        made,
        "every console sees the ban"
    );
    assert_eq!((made.chat_id, made.by_ip), (Some(chat_id), false));
    assert_eq!(made.reason, "spam links");

    hello_refused(&server, Some(token.clone())).await;
    // A ban by token only: someone else at the same address chats on.
    let (_other, _, _) = waiting_chat(&server).await;

    assert_eq!(list_bans(&mut anna, "l1").await, Err(ErrorCode::Forbidden));
    assert_eq!(
        unban(&mut anna, "u1", made.id).await,
        Err(ErrorCode::Forbidden)
    );
    let listed = list_bans(&mut lead, "l2")
        .await
        .expect("a supervisor lists");
    assert_eq!(listed, vec![made.clone()]);
    unban(&mut lead, "u2", made.id)
        .await
        .expect("a supervisor lifts");
    assert_eq!(
        unban(&mut lead, "u3", made.id).await,
        Err(ErrorCode::InvalidState)
    );
    // Refusals name their case, for the console's own words.
    for (op, id, case) in [
        (&mut lead, "u4", ErrorReason::BanEnded),
        (&mut anna, "u5", ErrorReason::SupervisorOnly),
    ] {
        op.send(&OperatorIn::Unban {
            id: id.into(),
            ban_id: made.id,
        })
        .await;
        assert_eq!(op.refusal(id).await.2, Some(case));
    }
    assert_eq!(list_bans(&mut lead, "l3").await, Ok(vec![]));

    let (mut back, _) = Visitor::join(&server, Some(token)).await;
    assert!(
        matches!(back.say("m2", "простите").await, VisitorOut::Ack { chat_id: Some(c), .. } if c != chat_id),
        "a lifted ban lets the visitor open a new chat"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_ban_by_address_refuses_any_token_from_it_until_the_period_ends() {
    let server = TestServer::start().await;
    let mut anna = operator(&server, "anna", OperatorRole::Operator).await;
    // Connected from the same address before the ban, without a chat.
    let (mut neighbour, _) = Visitor::join(&server, None).await;
    let (mut troll, token, chat_id) = waiting_chat(&server).await;

    // A waiting chat is nobody's: any operator may ban from it.
    let made = ban(&mut anna, "b1", chat_id, 60, "abuse", true)
        .await
        .expect("banned from a waiting chat");
    assert!(made.by_ip);
    told_banned_and_closed(&mut troll).await;
    hello_refused(&server, None).await;
    hello_refused(&server, Some(token.clone())).await;
    let VisitorOut::Error { code, .. } = neighbour.say("n1", "здравствуйте").await
    else {
        panic!("a new chat from a banned address was opened")
    };
    assert_eq!(code, ErrorCode::Banned, "no new chat from a banned address");

    // The minute passes.
    server
        .execute("UPDATE bans SET until = until - 61000")
        .await;

    let (_new, _) = Visitor::join(&server, None).await;
    let (mut back, _) = Visitor::join(&server, Some(token)).await;
    assert!(matches!(
        back.say("m2", "снова я").await,
        VisitorOut::Ack { .. }
    ));
    assert!(matches!(
        neighbour.say("n2", "здравствуйте").await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}

#[tokio::test]
async fn who_may_ban_and_the_bounds() {
    let server = TestServer::start().await;
    let mut anna = operator(&server, "anna", OperatorRole::Operator).await;
    let mut boris = operator(&server, "boris", OperatorRole::Operator).await;
    let mut lead = operator(&server, "lead", OperatorRole::Supervisor).await;
    let (_v, _, chat_id) = waiting_chat(&server).await;
    anna.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id,
    })
    .await;
    answer(&mut anna, "a1").await.unwrap();

    let bad = Some(ErrorCode::InvalidFrame);
    assert_eq!(
        ban(&mut anna, "d1", chat_id, 59, "spam", false).await.err(),
        bad
    );
    assert_eq!(
        ban(&mut anna, "d2", chat_id, 365 * DAY + 1, "spam", false)
            .await
            .err(),
        bad
    );
    assert_eq!(
        ban(&mut anna, "r1", chat_id, DAY, "  ", false).await.err(),
        bad
    );
    let long = "х".repeat(frontdesk_protocol::MAX_BAN_REASON_CHARS + 1);
    assert_eq!(
        ban(&mut anna, "r2", chat_id, DAY, &long, false).await.err(),
        bad
    );
    assert_eq!(
        ban(&mut anna, "c1", chat_id + 100, DAY, "spam", false)
            .await
            .err(),
        Some(ErrorCode::NotFound)
    );
    assert_eq!(
        ban(&mut boris, "f1", chat_id, DAY, "spam", false)
            .await
            .err(),
        Some(ErrorCode::Forbidden),
        "a colleague's chat is not boris's to ban from"
    );
    let reason = "х".repeat(frontdesk_protocol::MAX_BAN_REASON_CHARS);
    ban(&mut lead, "s1", chat_id, 365 * DAY, &reason, false)
        .await
        .expect("a supervisor bans from any chat, for a year at most");
    assert_eq!(
        ban(&mut anna, "s2", chat_id, DAY, "again", false)
            .await
            .err(),
        Some(ErrorCode::InvalidState),
        "already banned"
    );
    assert_eq!(unban(&mut lead, "u1", 999).await, Err(ErrorCode::NotFound));
    server.server.shutdown().await;
}
