//! A chat that went quiet after its visitor left closes by itself (`[presence]
//! close_after_left_secs`, here 2 s), over real sockets: the console hears `chat_closed` by
//! `system`, and the visitor coming back finds no open chat. A chat whose visitor's words are
//! the last, one whose visitor is still on the site, and one where an operator wrote after the
//! visitor left (a note) are not closed before their time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::presence::presence_of;
use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, Role, VisitorOut};

const QUIET: Duration = Duration::from_secs(2);

/// A server that hears a visitor leave at once and closes a chat quiet for `quiet` since
/// (zero: never).
fn quiet_after(quiet: Duration) -> impl FnOnce(&mut frontdesk_server::Config) {
    move |c| {
        c.site.linger_secs = 0;
        c.presence.close_after_left_secs = quiet.as_secs();
    }
}

/// A visitor who started a chat that `op` took and answered: the visitor, the chat, their token.
async fn answered_chat(
    server: &TestServer,
    op: &mut Operator,
    name: &str,
) -> (Visitor, i64, String) {
    let (mut v, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    let chat_id = v.start_chat(&format!("{name}-s"), "Здравствуйте!").await;
    let accept = format!("{name}-a");
    op.send(&OperatorIn::Accept {
        id: accept.clone(),
        chat_id,
    })
    .await;
    op.answer(&accept).await.unwrap();
    let answer = format!("{name}-r");
    op.send(&OperatorIn::Message {
        id: answer.clone(),
        chat_id,
        text: "Добрый день! Чем могу помочь?".into(),
    })
    .await;
    op.answer(&answer).await.unwrap();
    (v, chat_id, token)
}

/// The chat a `chat_closed` event closes, with who closed it.
fn closed(frame: &OperatorOut) -> Option<(i64, Role)> {
    match frame {
        OperatorOut::Event {
            event: EventBody::ChatClosed { chat_id, by, .. },
            ..
        } => Some((*chat_id, *by)),
        _ => None,
    }
}

async fn status_of(server: &TestServer, chat_id: i64) -> String {
    let mut db = server.db().await;
    sqlx::query_scalar("SELECT status FROM chats WHERE id = ?")
        .bind(chat_id)
        .fetch_one(&mut db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_chat_quiet_since_its_visitor_left_closes_by_itself_and_no_other_does() {
    let server = TestServer::start_with(quiet_after(QUIET)).await;
    let (mut op, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (left, answered, token) = answered_chat(&server, &mut op, "a").await;
    let (mut asking, unanswered, _) = answered_chat(&server, &mut op, "b").await;
    let (_staying, on_site, _) = answered_chat(&server, &mut op, "c").await;
    let (noted_visitor, noted, _) = answered_chat(&server, &mut op, "d").await;

    // The last words of `unanswered` are the visitor's: they wait for an answer.
    asking.say("b-2", "А самовывоз есть?").await;
    drop(asking);
    assert!(!presence_of(&mut op, unanswered).await);
    // Instants taken before the server can stamp what they time.
    let gone = Instant::now();
    drop(left);
    assert!(!presence_of(&mut op, answered).await);
    drop(noted_visitor);
    assert!(!presence_of(&mut op, noted).await);
    // A note in `noted` after its visitor left: the quiet counts from it.
    let noted_at = Instant::now();
    op.send(&OperatorIn::Note {
        id: "d-n".into(),
        chat_id: noted,
        text: "Перезвонить завтра насчёт возврата".into(),
    })
    .await;
    op.answer("d-n").await.unwrap();

    let mut closes = Vec::new();
    while closes.len() < 2 {
        let (chat, by) = op.until(closed).await;
        closes.push((chat, by, Instant::now()));
    }
    let [(first, by_first, first_at), (second, by_second, second_at)] = closes[..] else {
        unreachable!()
    };
    assert_eq!((first, second), (answered, noted), "{closes:?}");
    assert_eq!((by_first, by_second), (Role::System, Role::System));
    assert!(first_at - gone >= QUIET, "not before its time");
    assert!(second_at - noted_at >= QUIET, "counted from the note");
    assert_eq!(status_of(&server, answered).await, "closed");

    // Twice the time later the others are still open.
    let later = op.frames_within(QUIET * 2).await;
    assert!(
        later.iter().filter_map(closed).next().is_none(),
        "{later:?}"
    );
    for chat in [unanswered, on_site] {
        assert_eq!(status_of(&server, chat).await, "active", "chat {chat}");
    }

    // The visitor of the closed chat comes back to no open chat.
    let (_back, welcome) = Visitor::join(&server, Some(token)).await;
    assert!(
        matches!(welcome, VisitorOut::Welcome { chat_id: None, .. }),
        "{welcome:?}"
    );
}

/// After a restart every open chat's visitor counts as gone since their last sign of life,
/// also one whose widget is about to connect again: the quiet counts from the start at the
/// earliest, so a restart closes nothing at once.
#[tokio::test]
async fn a_restart_gives_every_chat_the_whole_quiet_time_again() {
    let server = TestServer::start_with(quiet_after(Duration::ZERO)).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (left, chat, _) = answered_chat(&server, &mut op, "a").await;
    drop(left);
    assert!(!presence_of(&mut op, chat).await);
    drop(op);
    // Quiet longer than the time before the restart, with chats never closed so.
    tokio::time::sleep(QUIET + Duration::from_millis(500)).await;

    let restarted = Instant::now();
    let server = server.restart_with(quiet_after(QUIET)).await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    assert_eq!(
        status_of(&server, chat).await,
        "active",
        "open after the restart"
    );
    let (closed_chat, by) = op.until(closed).await;
    assert_eq!((closed_chat, by), (chat, Role::System));
    assert!(
        restarted.elapsed() >= QUIET,
        "not at once after the restart"
    );
}

/// A transfer offered and not yet answered keeps a quiet chat open, and the colleague who
/// accepts it gets the whole quiet time from then.
#[tokio::test]
async fn a_transfer_in_flight_keeps_the_chat_and_its_taker_gets_the_whole_time() {
    let server = TestServer::start_with(quiet_after(QUIET)).await;
    let (mut anna, _) = Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    let (left, chat, _) = answered_chat(&server, &mut anna, "a").await;
    drop(left);
    assert!(!presence_of(&mut anna, chat).await);
    anna.send(&OperatorIn::Transfer {
        id: "t-1".into(),
        chat_id: chat,
        to_operator: boris_id,
        note: None,
    })
    .await;
    anna.answer("t-1").await.unwrap();

    let offered = boris.frames_within(QUIET * 2).await;
    assert!(
        offered.iter().filter_map(closed).next().is_none(),
        "{offered:?}"
    );
    assert_eq!(status_of(&server, chat).await, "active");

    let accepted = Instant::now();
    boris
        .send(&OperatorIn::AcceptTransfer {
            id: "t-2".into(),
            chat_id: chat,
        })
        .await;
    boris.answer("t-2").await.unwrap();
    let (closed_chat, by) = boris.until(closed).await;
    assert_eq!((closed_chat, by), (chat, Role::System));
    assert!(accepted.elapsed() >= QUIET, "counted from the hand-over");
}

/// The quiet time a fresh console of `token` is told in its `welcome`.
async fn welcome_quiet(server: &TestServer, token: &str) -> Option<u64> {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| match f {
        OperatorOut::Welcome {
            close_after_left_secs,
            ..
        } => Some(*close_after_left_secs),
        _ => None,
    })
    .await
}

/// What a console needs to say when a chat will close by itself: the rule's time in its
/// `welcome` (absent where chats never close so), and in the snapshot when each chat was taken
/// on (`held_at`): the time of its `chat_accepted`.
#[tokio::test]
async fn a_console_is_told_the_quiet_time_and_when_each_chat_was_taken_on() {
    let never = TestServer::start_with(quiet_after(Duration::ZERO)).await;
    let token = never.operator_token("anna").await;
    assert_eq!(welcome_quiet(&never, &token).await, None);

    let server = TestServer::start_with(quiet_after(Duration::from_secs(1800))).await;
    let token = server.operator_token("anna").await;
    assert_eq!(welcome_quiet(&server, &token).await, Some(1800));
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (_v, chat_id, _) = answered_chat(&server, &mut op, "h").await;
    let mut fresh = Operator::join(&server, &token, None).await;
    let (accepted_at, held_at) = fresh
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => chats
                .iter()
                .find(|c| c.chat.id == chat_id)
                .map(|c| (c.chat.accepted_at, c.held_at)),
            _ => None,
        })
        .await;
    assert!(held_at.is_some(), "held_at in the snapshot");
    assert_eq!(held_at, accepted_at);
}
