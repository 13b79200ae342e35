//! The operators' own chat over real sockets: a room line reaches every operator, a
//! one-to-one line only its two (live, on resume, in `team_recent`), a console back after a
//! drop gets the lines it missed, and `team_history` pages back through either.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer};
use frontdesk_protocol::{ErrorCode, EventBody, OperatorIn, OperatorOut, TeamMessage};

async fn operator(server: &TestServer, name: &str) -> (Operator, i64, String) {
    let token = server.operator_token(name).await;
    let (op, id) = Operator::in_sync(server, &token).await;
    (op, id, token)
}

/// Sends a team line; its ack's seq, or the error code.
async fn line(op: &mut Operator, id: &str, to: Option<i64>, text: &str) -> Result<u64, ErrorCode> {
    op.send(&OperatorIn::TeamMessage {
        id: id.into(),
        to_operator: to,
        text: text.into(),
    })
    .await;
    op.until(|f| match f {
        OperatorOut::Ack { id: got, seq, .. } if got == id => Some(Ok(seq.expect("a seq"))),
        OperatorOut::Error {
            id: Some(got),
            code,
            ..
        } if got == id => Some(Err(*code)),
        _ => None,
    })
    .await
}

fn team_line(frame: &OperatorOut) -> Option<TeamMessage> {
    match frame {
        OperatorOut::Event {
            event: EventBody::TeamMessagePosted { message },
            ..
        } => Some(message.clone()),
        _ => None,
    }
}

/// The texts of the team lines among `frames`.
fn lines(frames: &[OperatorOut]) -> Vec<String> {
    frames
        .iter()
        .filter_map(team_line)
        .map(|m| m.text)
        .collect()
}

/// Team lines up to and including the room line `marker` (sent after what is checked).
async fn lines_until(op: &mut Operator, marker: &str) -> Vec<String> {
    let frames = op
        .frames_until(|f| team_line(f).is_some_and(|m| m.text == marker))
        .await;
    lines(&frames)
}

#[tokio::test]
async fn the_room_reaches_all_and_a_one_to_one_line_only_its_two() {
    let server = TestServer::start_with(|c| c.limits.max_message_chars = 50).await;
    let (mut anna, anna_id, anna_token) = operator(&server, "anna").await;
    let (mut boris, boris_id, boris_token) = operator(&server, "boris").await;
    let (mut carl, _, carl_token) = operator(&server, "carl").await;
    // Consoles that only read (the first ones read past lines waiting for their acks).
    let (mut anna_watch, _) = Operator::in_sync(&server, &anna_token).await;
    let (mut boris_watch, _) = Operator::in_sync(&server, &boris_token).await;

    let room = line(&mut anna, "r1", None, "всем привет").await.unwrap();
    line(&mut anna, "p1", Some(boris_id), "только Борису")
        .await
        .unwrap();
    line(&mut boris, "p2", Some(anna_id), "только Анне")
        .await
        .unwrap();
    line(&mut anna, "r2", None, "marker").await.unwrap();
    let both = ["всем привет", "только Борису", "только Анне", "marker"];
    assert_eq!(lines_until(&mut anna_watch, "marker").await, both);
    assert_eq!(lines_until(&mut boris_watch, "marker").await, both);
    assert_eq!(
        lines_until(&mut carl, "marker").await,
        ["всем привет", "marker"]
    );

    // A console that connects now gets the recent lines it may read after its snapshot, as
    // stored: who, to whom, the event's seq, the client's id.
    let mut fresh = Operator::join(&server, &carl_token, None).await;
    let recent = fresh
        .until(|f| match f {
            OperatorOut::TeamRecent { messages } => Some(messages.clone()),
            _ => None,
        })
        .await;
    let texts: Vec<&str> = recent.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["всем привет", "marker"], "Carl's recent lines");
    assert_eq!(
        (
            recent[0].seq,
            recent[0].from_operator_id,
            recent[0].to_operator_id
        ),
        (room, anna_id, None)
    );
    assert_eq!(recent[0].client_id.as_deref(), Some("r1"));
    assert_eq!(recent[0].from_name, "anna display");

    // Refused: to yourself, to nobody, too long, blank.
    assert_eq!(
        line(&mut anna, "x1", Some(anna_id), "me").await,
        Err(ErrorCode::InvalidFrame)
    );
    assert_eq!(
        line(&mut anna, "x2", Some(9999), "who?").await,
        Err(ErrorCode::NotFound)
    );
    assert_eq!(
        line(&mut anna, "x3", None, &"я".repeat(51)).await,
        Err(ErrorCode::MessageTooLong)
    );
    assert_eq!(
        line(&mut anna, "x4", None, " ").await,
        Err(ErrorCode::InvalidFrame)
    );
    // The same id again: the first answer, nothing stored twice.
    assert_eq!(line(&mut anna, "r1", None, "всем привет").await, Ok(room));
    line(&mut anna, "r3", None, "marker 2").await.unwrap();
    assert_eq!(lines_until(&mut carl, "marker 2").await, ["marker 2"]);
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_console_back_after_a_drop_gets_the_lines_it_missed_and_no_others() {
    let server = TestServer::start().await;
    let (mut anna, _, _) = operator(&server, "anna").await;
    let (mut boris, boris_id, _) = operator(&server, "boris").await;
    let (mut carl, carl_id, carl_token) = operator(&server, "carl").await;
    let since = line(&mut anna, "r0", None, "before the drop")
        .await
        .unwrap();
    assert_eq!(
        lines_until(&mut carl, "before the drop").await,
        ["before the drop"]
    );
    carl.ws.close(None).await.unwrap();
    drop(carl);

    line(&mut anna, "p1", Some(boris_id), "Anna to Boris")
        .await
        .unwrap();
    line(&mut boris, "p2", Some(carl_id), "Boris to Carl")
        .await
        .unwrap();
    line(&mut anna, "r1", None, "room while away")
        .await
        .unwrap();
    let mut carl = Operator::join(&server, &carl_token, Some(since)).await;
    line(&mut anna, "r2", None, "marker").await.unwrap();
    assert_eq!(
        lines_until(&mut carl, "marker").await,
        ["Boris to Carl", "room while away", "marker"]
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn team_history_pages_back_oldest_first_through_the_room_or_one_colleague() {
    let server = TestServer::start().await;
    let (mut anna, anna_id, _) = operator(&server, "anna").await;
    let (mut boris, boris_id, _) = operator(&server, "boris").await;
    let (mut carl, carl_id, _) = operator(&server, "carl").await;
    for i in 0..5 {
        line(&mut anna, &format!("r{i}"), None, &format!("room {i}"))
            .await
            .unwrap();
    }
    line(&mut anna, "ab", Some(boris_id), "Anna to Boris")
        .await
        .unwrap();
    line(&mut boris, "ba", Some(anna_id), "Boris to Anna")
        .await
        .unwrap();
    line(&mut carl, "ca", Some(anna_id), "Carl to Anna")
        .await
        .unwrap();

    let page = |with: Option<i64>, before: Option<i64>, limit: u32| OperatorIn::TeamHistory {
        id: "th".into(),
        with_operator: with,
        before,
        limit,
    };
    async fn answer(op: &mut Operator, frame: OperatorIn) -> (Vec<TeamMessage>, bool) {
        op.send(&frame).await;
        op.until(|f| match f {
            OperatorOut::TeamHistory { messages, more, .. } => Some((messages.clone(), *more)),
            _ => None,
        })
        .await
    }
    let texts = |m: &[TeamMessage]| m.iter().map(|m| m.text.clone()).collect::<Vec<_>>();

    let (newest, more) = answer(&mut carl, page(None, None, 2)).await;
    assert_eq!(
        (texts(&newest), more),
        (vec!["room 3".into(), "room 4".into()], true)
    );
    let (older, more) = answer(&mut carl, page(None, Some(newest[0].id), 2)).await;
    assert_eq!(
        (texts(&older), more),
        (vec!["room 1".into(), "room 2".into()], true)
    );
    let (oldest, more) = answer(&mut carl, page(None, Some(older[0].id), 2)).await;
    assert_eq!((texts(&oldest), more), (vec!["room 0".into()], false));

    // One colleague: both directions of that pair, nothing of another pair.
    let (pair, more) = answer(&mut anna, page(Some(boris_id), None, 50)).await;
    assert_eq!(texts(&pair), ["Anna to Boris", "Boris to Anna"]);
    assert!(!more);
    let (pair, _) = answer(&mut boris, page(Some(anna_id), None, 50)).await;
    assert_eq!(texts(&pair), ["Anna to Boris", "Boris to Anna"]);
    // Carl asking about Boris gets his own (none), never Anna and Boris's lines.
    let (none, _) = answer(&mut carl, page(Some(boris_id), None, 50)).await;
    assert!(none.is_empty(), "{none:?}");
    let (mine, _) = answer(&mut carl, page(Some(anna_id), None, 50)).await;
    assert_eq!(texts(&mine), ["Carl to Anna"]);
    assert_eq!(mine[0].to_operator_id, Some(anna_id));
    assert_eq!(mine[0].from_operator_id, carl_id);
    server.server.shutdown().await;
}
