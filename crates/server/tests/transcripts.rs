//! Export over REST: a chat's transcript and the chats of a period, within read rights, with a
//! JSON error for a missing token, a bad query, a colleague's chat and an unknown one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::rest::ErrorBody;
use frontdesk_protocol::transcript::{ChatList, Transcript};
use frontdesk_protocol::{ErrorCode, MessageKind, OperatorIn, OperatorRole, VisitorOut};
use reqwest::StatusCode;

async fn get(server: &TestServer, token: Option<&str>, path: &str) -> reqwest::Response {
    let url = format!("{}{path}", server.server.http_url());
    let mut req = reqwest::Client::new().get(url);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

async fn error_of(res: reqwest::Response) -> (StatusCode, ErrorCode) {
    let status = res.status();
    let body: ErrorBody = res.json().await.expect("a JSON error body");
    (status, body.code)
}

async fn chat_of(visitor: &mut Visitor, id: &str, text: &str) -> i64 {
    match visitor.say(id, text).await {
        VisitorOut::Ack {
            chat_id: Some(chat_id),
            ..
        } => chat_id,
        other => panic!("{other:?}"),
    }
}

async fn command(op: &mut Operator, frame: OperatorIn, id: &str) {
    op.send(&frame).await;
    op.answer(id).await.expect(id);
}

#[tokio::test]
async fn a_transcript_holds_what_its_reader_may_read_and_nothing_else() {
    let server = TestServer::start().await;
    let anna_token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let boris_token = server
        .operator_token_as("boris", "Борис", OperatorRole::Operator)
        .await;
    let lead_token = server
        .operator_token_as("lead", "Lead", OperatorRole::Supervisor)
        .await;
    let (mut anna, _) = Operator::in_sync(&server, &anna_token).await;
    let (mut lead, _) = Operator::in_sync(&server, &lead_token).await;

    let (mut visitor, _) = Visitor::join(&server, None).await;
    let chat_id = chat_of(&mut visitor, "v1", "Где мой заказ 1043?").await;
    command(
        &mut anna,
        OperatorIn::Accept {
            id: "a".into(),
            chat_id,
        },
        "a",
    )
    .await;
    let reply = OperatorIn::Message {
        id: "r".into(),
        chat_id,
        text: "Сейчас проверю".into(),
    };
    command(&mut anna, reply, "r").await;
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id,
        text: "постоянный клиент".into(),
    };
    command(&mut anna, note, "n").await;
    let whisper = OperatorIn::Whisper {
        id: "w".into(),
        chat_id,
        text: "offer free delivery".into(),
    };
    command(&mut lead, whisper, "w").await;

    let path = format!("/api/chats/{chat_id}/transcript");
    let res = get(&server, Some(&anna_token), &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let t: Transcript = res.json().await.unwrap();
    assert_eq!(t.chat.id, chat_id);
    assert!(!t.truncated);
    let lines: Vec<(MessageKind, &str)> = t
        .messages
        .iter()
        .map(|m| (m.kind, m.text.as_str()))
        .collect();
    let texts: Vec<&str> = lines.iter().map(|(_, text)| *text).collect();
    // Oldest first, the `started` system lines aside; the whisper is for Anna, so hers too.
    let mine: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| {
            [
                "Где мой заказ 1043?",
                "Сейчас проверю",
                "постоянный клиент",
                "offer free delivery",
            ]
            .contains(t)
        })
        .collect();
    assert_eq!(
        mine,
        [
            "Где мой заказ 1043?",
            "Сейчас проверю",
            "постоянный клиент",
            "offer free delivery"
        ]
    );
    assert!(lines.contains(&(MessageKind::Note, "постоянный клиент")));

    // Boris may not read Anna's active chat: 403 with a JSON body, and it is not in his list.
    let res = get(&server, Some(&boris_token), &path).await;
    assert_eq!(
        error_of(res).await,
        (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    );
    let period = "/api/chats?since=0&until=99999999999999";
    let boris_list: ChatList = get(&server, Some(&boris_token), period)
        .await
        .json()
        .await
        .unwrap();
    assert!(boris_list.chats.iter().all(|c| c.chat.id != chat_id));

    // Once closed, anyone reads it, but the whisper stays for Anna (and supervisors).
    command(
        &mut anna,
        OperatorIn::Close {
            id: "c".into(),
            chat_id,
        },
        "c",
    )
    .await;
    let res = get(&server, Some(&boris_token), &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let t: Transcript = res.json().await.unwrap();
    let texts: Vec<&str> = t.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"постоянный клиент"), "{texts:?}");
    assert!(!texts.contains(&"offer free delivery"), "{texts:?}");

    // No token, an unknown chat, a bad query: clear JSON errors.
    let res = get(&server, None, &path).await;
    assert_eq!(
        error_of(res).await,
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
    let res = get(&server, Some(&anna_token), "/api/chats/999999/transcript").await;
    assert_eq!(
        error_of(res).await,
        (StatusCode::NOT_FOUND, ErrorCode::NotFound)
    );
    let res = get(&server, Some(&anna_token), "/api/chats?since=abc").await;
    assert_eq!(error_of(res).await.0, StatusCode::BAD_REQUEST);
    let res = get(&server, Some(&anna_token), "/api/chats?since=10&until=5").await;
    assert_eq!(error_of(res).await.0, StatusCode::BAD_REQUEST);
    server.server.shutdown().await;
}

#[tokio::test]
async fn the_chats_of_a_period_come_a_page_at_a_time_and_filter_by_operator() {
    let server = TestServer::start().await;
    let anna_token = server.operator_token("anna").await;
    let (mut anna, _) = Operator::in_sync(&server, &anna_token).await;
    let mut ids = Vec::new();
    let mut visitors = Vec::new();
    for i in 0..3 {
        let (mut v, _) = Visitor::join(&server, None).await;
        ids.push(chat_of(&mut v, &format!("v{i}"), &format!("вопрос {i}")).await);
        visitors.push(v);
    }
    command(
        &mut anna,
        OperatorIn::Accept {
            id: "a".into(),
            chat_id: ids[1],
        },
        "a",
    )
    .await;

    // Pages of one: every chat once, in order, then no `next_after`.
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let path = format!("/api/chats?since=0&until=99999999999999&limit=1&after={after}");
        let page: ChatList = get(&server, Some(&anna_token), &path)
            .await
            .json()
            .await
            .unwrap();
        seen.extend(page.chats.iter().map(|c| c.chat.id));
        match page.next_after {
            Some(next) => after = next,
            None => break,
        }
    }
    assert_eq!(seen, ids);

    let path = "/api/chats?since=0&until=99999999999999&operator=anna";
    let anna_only: ChatList = get(&server, Some(&anna_token), path)
        .await
        .json()
        .await
        .unwrap();
    let only: Vec<i64> = anna_only.chats.iter().map(|c| c.chat.id).collect();
    assert_eq!(only, [ids[1]]);
    assert_eq!(anna_only.chats[0].preview.as_deref(), Some("вопрос 1"));

    // A period before any chat started lists none.
    let empty: ChatList = get(&server, Some(&anna_token), "/api/chats?since=0&until=1")
        .await
        .json()
        .await
        .unwrap();
    assert!(empty.chats.is_empty() && empty.next_after.is_none());
    server.server.shutdown().await;
}
