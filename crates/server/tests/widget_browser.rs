//! The visitor widget end to end: real headless Chromium (driven by `tests/browser/widget.mjs`
//! through playwright-core) on the demo page, against this process's server, with a real
//! operator socket on the other side.
//!
//! The script and this test take turns: the script prints `STEP name` when the page is ready
//! for the operator, the test answers `GO name` on its standard input after acting.
//! Needs `/usr/bin/chromium` (or `FRONTDESK_CHROMIUM`) and `npm ci` in `tests/browser`;
//! `scripts/test` installs both. A missing piece fails the test, it is never skipped.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::browser::{event, finish, next_json, run_script, until};
use common::{Operator, TestServer, login};
use frontdesk_protocol::{OperatorIn, OperatorRole, OperatorStatus};
use frontdesk_server::site::rules::InvitationRule;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_in_chromium() {
    let started = Instant::now();
    // The burst step must pass the visitor's rate however slowly the browser types on a busy
    // machine: at 2 messages a second (bursts of 4), 14 quick messages always do.
    let server = TestServer::start_with(|c| c.limits.visitor_messages_per_sec = 2).await;
    server
        .server
        .add_operator("anna", "Анна", "pw-секрет", OperatorRole::Operator)
        .await
        .unwrap();
    let token = login(&server.server.http_url(), "anna", "pw-секрет").await;

    let (child, mut script) = run_script(&server, "widget.mjs");

    // 1. Nobody online: the page left an offline message; the operator finds it on connecting.
    script.step("offline-sent").await;
    let mut op = Operator::join(&server, &token, Some(0)).await;
    let offline = until(&mut op, |f| {
        event(f, "chat_created").is_some_and(|e| e["chat"]["status"] == "offline")
    })
    .await;
    let offline_chat = offline["event"]["chat"]["id"].as_i64().unwrap();
    let text = until(&mut op, |f| {
        event(f, "message_posted").is_some_and(|e| e["message"]["chat_id"] == offline_chat)
    })
    .await;
    assert_eq!(
        text["event"]["message"]["text"],
        "Перезвоните, пожалуйста, после 18:00."
    );
    // Answering takes the offline chat; the open page shows the reply.
    op.send(&OperatorIn::Message {
        id: "o-1".into(),
        chat_id: offline_chat,
        text: "Игорь, перезвоним в 18:30.".into(),
    })
    .await;
    until(&mut op, |f| {
        event(f, "message_posted").is_some_and(|e| e["message"]["chat_id"] == offline_chat)
    })
    .await;
    script.go("operator-online").await;

    // 2. A visitor fills the form and writes; the operator gets the fields, the page and the text.
    script.step("sent").await;
    let (mut fields, mut pages, mut chat_id) = (None, Vec::new(), None);
    let mut texts = Vec::new();
    while texts.len() < 2 || !pages.iter().any(|p: &String| p.contains("page=delivery")) {
        let f = next_json(&mut op).await;
        if let Some(e) = event(&f, "visitor_updated") {
            fields = Some(e["visitor"]["fields"].clone());
        } else if let Some(e) = event(&f, "page_viewed") {
            pages.push(e["page"]["url"].as_str().unwrap().to_owned());
        } else if let Some(e) = event(&f, "message_posted") {
            chat_id = e["message"]["chat_id"].as_i64();
            texts.push(e["message"]["text"].as_str().unwrap().to_owned());
        }
    }
    let fields = fields.expect("the pre-chat form reached the operator");
    assert_eq!(fields["name"], "Ольга");
    assert_eq!(fields["email"], "olga@example.ru");
    assert_eq!(fields["phone"], "+7 900 000-00-00");
    assert!(pages[0].ends_with("/demo"), "{pages:?}");
    assert_eq!(
        texts,
        [
            "Здравствуйте! Есть ли доставка в Казань?",
            "<img src=x onerror=alert(1)>"
        ]
    );
    let chat_id = chat_id.unwrap();
    op.send(&OperatorIn::Accept {
        id: "a-1".into(),
        chat_id,
    })
    .await;
    // Only the chat's operator's typing reaches the visitor: type once the chat is ours.
    until(&mut op, |f| f["type"] == "ack" && f["id"] == "a-1").await;
    op.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    script.go("typing").await;

    // 3. The page shows the operator typing; the visitor's draft reaches the operator.
    script.step("typing-seen").await;
    until(&mut op, |f| {
        f["type"] == "visitor_typing" && f["draft"] == "А оплата при получ"
    })
    .await;
    op.send(&OperatorIn::Message {
        id: "m-1".into(),
        chat_id,
        text: "Ольга, да, доставляем: https://shop.example/delivery. <img src=x onerror=alert(1)> javascript:alert(1)".into(),
    })
    .await;
    script.go("replied").await;

    // 4. The script checks the reply, the escaping, reload and a burst past the rate limit.
    script.step("burst-sent").await;
    let mut burst = Vec::new();
    while burst.len() < 14 {
        let f = next_json(&mut op).await;
        if let Some(e) = event(&f, "message_posted")
            && let Some(t) = e["message"]["text"].as_str()
            && t.starts_with("Сообщение ")
        {
            burst.push(t.to_owned());
        }
    }
    let expected: Vec<String> = (1..=14).map(|i| format!("Сообщение {i}")).collect();
    assert_eq!(burst, expected, "each message stored once, in order");

    // 5. The server goes away and comes back on the same address and database; the widget
    //    reconnects and delivers what was written meanwhile, once.
    script.step("before-drop").await;
    drop(op);
    let addr = server.server.addr;
    let database = server.dir.path().join("frontdesk.db");
    let TestServer { server: old, dir } = server;
    old.shutdown().await;
    script.go("dropped").await;
    script.step("written-offline").await;
    let mut config = frontdesk_server::Config::local(&database);
    config.listen = addr;
    let restarted = frontdesk_server::start(config)
        .await
        .expect("restart on the same port");
    let server = TestServer {
        server: restarted,
        dir,
    };
    script.go("restarted").await;
    script.step("reconnected").await;
    let mut op = Operator::join(&server, &token, None).await;
    let snapshot = until(&mut op, |f| f["type"] == "snapshot").await;
    let texts: Vec<&str> = snapshot["chats"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["messages"].as_array().unwrap())
        .filter_map(|m| m["text"].as_str())
        .filter(|t| t.contains("во время обрыва"))
        .collect();
    assert_eq!(texts, ["Написано во время обрыва"], "stored exactly once");

    // 6. Many replies and the typing line, then the chat is closed: the page follows them.
    for i in 1..=12 {
        op.send(&OperatorIn::Message {
            id: format!("r-{i}"),
            chat_id,
            text: format!("Ответ {i}: уточняю у склада, минуту."),
        })
        .await;
    }
    // Typing is not stored and could overtake the replies; any reply hides the typing line.
    until(&mut op, |f| f["type"] == "ack" && f["id"] == "r-12").await;
    op.send(&OperatorIn::Typing {
        chat_id,
        typing: true,
    })
    .await;
    script.go("flooded").await;
    script.step("flood-seen").await;
    op.send(&OperatorIn::Close {
        id: "c-1".into(),
        chat_id,
    })
    .await;
    script.go("closed").await;

    // 7. The visitor asks again (a new chat) and scrolls up; the operator accepts and answers.
    script.step("asked-again").await;
    let again = until(&mut op, |f| {
        event(f, "message_posted")
            .is_some_and(|e| e["message"]["text"] == "Ещё вопрос: а самовывоз есть?")
    })
    .await;
    let again = again["event"]["message"]["chat_id"].as_i64().unwrap();
    op.send(&OperatorIn::Accept {
        id: "a-2".into(),
        chat_id: again,
    })
    .await;
    script.go("accepted").await;
    script.step("scrolled-up").await;
    op.send(&OperatorIn::Message {
        id: "m-2".into(),
        chat_id: again,
        text: "Самовывоз есть: Садовая, 5, с 10 до 20.".into(),
    })
    .await;
    script.go("answered").await;

    script.step("before-ban").await;
    op.send(&OperatorIn::Ban {
        id: "b-1".into(),
        chat_id: again,
        duration_secs: 3600,
        reason: "test of the widget's ban line".into(),
        by_ip: false,
    })
    .await;
    let answer = until(&mut op, |f| f["id"] == "b-1").await;
    assert_eq!(answer["type"], "ack", "{answer}");
    script.go("banned").await;
    finish(child, script).await;
    println!("browser test took {:.1} s", started.elapsed().as_secs_f64());
    server.server.shutdown().await;
}

/// Presence, live: online, away (the page says when the team replies, and a chat still opens),
/// online again, gone (the offline form; the chat she had taken is released), back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_follows_operator_presence() {
    let server = TestServer::start_with(|c| {
        c.presence.offline_grace_secs = 0;
        c.widget.away_reply_mins = 7;
    })
    .await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "presence.mjs");
    script.step("online-seen").await;
    set_status(&mut op, "s-1", OperatorStatus::Away).await;
    script.go("away").await;
    script.step("away-seen").await;
    let created = until(&mut op, |f| {
        event(f, "chat_created").is_some_and(|e| e["chat"]["status"] == "waiting")
    })
    .await;
    let chat_id = created["event"]["chat"]["id"].as_i64().unwrap();
    set_status(&mut op, "s-2", OperatorStatus::Online).await;
    // The chat started while she was away is hers now; when her console goes, it is released.
    op.send(&OperatorIn::Accept {
        id: "a-1".into(),
        chat_id,
    })
    .await;
    until(&mut op, |f| f["type"] == "ack" && f["id"] == "a-1").await;
    script.go("back").await;
    script.step("back-seen").await;
    drop(op);
    script.go("gone").await;
    script.step("offline-seen").await;
    let _op = Operator::in_sync(&server, &token).await;
    script.go("returned").await;
    finish(child, script).await;
    server.server.shutdown().await;
}

async fn set_status(op: &mut Operator, id: &str, status: OperatorStatus) {
    op.send(&OperatorIn::SetStatus {
        id: id.into(),
        status,
    })
    .await;
    until(op, |f| f["type"] == "ack" && f["id"] == id).await;
}

/// Invitations in the widget: an automatic rule's shows once and is dismissed (recorded);
/// an operator's own shows once, and the visitor's answer is a chat already the operator's,
/// the invitation its first message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_shows_invitations_once() {
    let server = TestServer::start_with(|c| {
        c.invitations.rules = vec![InvitationRule {
            name: "demo".into(),
            text: "Подобрать размер?".into(),
            url: "*/demo*".into(),
            seconds_on_page: 1,
            ..InvitationRule::default()
        }];
    })
    .await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, anna) = Operator::in_sync(&server, &token).await;
    op.send(&OperatorIn::WatchSite { on: true }).await;
    let (child, mut script) = run_script(&server, "invite.mjs");

    script.step("auto-dismissed").await;
    let visitor = until(&mut op, |f| {
        f["type"] == "site_visitors"
            && f["upsert"]
                .as_array()
                .is_some_and(|rows| rows.iter().any(|r| r["invited"] == true))
    })
    .await["upsert"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["invited"] == true)
        .unwrap()["visitor_id"]
        .as_i64()
        .unwrap();
    // The dismissal may still be on its way: a pending invitation refuses a new one.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let id = format!("inv-{attempt}");
        op.send(&OperatorIn::Invite {
            id: id.clone(),
            visitor_id: visitor,
            text: "Здравствуйте! Помочь с выбором обуви?".into(),
        })
        .await;
        let answer = until(&mut op, |f| f["id"] == id.as_str()).await;
        if answer["type"] == "ack" {
            break;
        }
        assert!(attempt < 20, "{answer}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    script.go("invited").await;

    script.step("answered").await;
    let accepted = until(&mut op, |f| event(f, "chat_accepted").is_some()).await;
    assert_eq!(accepted["event"]["operator_id"], anna);
    let first = until(&mut op, |f| event(f, "message_posted").is_some()).await;
    assert_eq!(
        first["event"]["message"]["text"],
        "Здравствуйте! Помочь с выбором обуви?"
    );
    assert_eq!(first["event"]["message"]["author"]["operator_id"], anna);
    let second = until(&mut op, |f| event(f, "message_posted").is_some()).await;
    assert_eq!(
        second["event"]["message"]["text"],
        "Да, ищу кеды 38-го размера"
    );
    script.go("checked").await;
    finish(child, script).await;
    server.server.shutdown().await;
}

/// The files test's PNG (`png()` in tests/browser/files.mjs builds the same bytes).
fn png(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    bytes.extend((0..size).map(|i| (i % 251) as u8));
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_through_the_widget_in_chromium() {
    let server = TestServer::start_with(|c| c.files.max_bytes = 64 * 1024).await;
    server
        .server
        .add_operator("anna", "Анна", "pw-секрет", OperatorRole::Operator)
        .await
        .unwrap();
    let token = login(&server.server.http_url(), "anna", "pw-секрет").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "files.mjs");

    // 1. The visitor's file reaches the operator with the bytes the page sent.
    script.step("uploaded").await;
    let posted = until(&mut op, |f| {
        event(f, "message_posted").is_some_and(|e| !e["message"]["attachment"].is_null())
    })
    .await;
    let message = &posted["event"]["message"];
    let file = &message["attachment"];
    assert_eq!(file["name"], "чек <img src=x onerror=alert(1)>.png");
    assert_eq!(file["mime"], "image/png");
    let http = reqwest::Client::new();
    let bytes = http
        .get(format!(
            "{}/api/files/{}",
            server.server.http_url(),
            file["id"]
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), png(20000).as_slice(), "identical bytes");

    // 2. The operator answers with a PDF the page downloads.
    let chat_id = message["chat_id"].as_i64().unwrap();
    let res = http
        .post(format!(
            "{}/api/files?chat={chat_id}",
            server.server.http_url()
        ))
        .bearer_auth(&token)
        .header("X-File-Name", "invoice.pdf")
        .body(b"%PDF-1.4\n%%EOF\n".repeat(100))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    script.go("answered").await;
    finish(child, script).await;
}
