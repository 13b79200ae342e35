//! What the real widget (headless Chromium) tells visitors about the server's settings. An
//! offline message (`tests/browser/offline_mail.mjs`) on a server that sends answers by e-mail:
//! the form says so before the visitor writes, thanks only for what the server stored (spaces
//! are not sent, a refused text stays in the form with why), the thanks names the address, and the
//! operator's answer reaches both the widget and a real mailbox (aiosmtpd). A live chat the
//! visitor closes (`left_chat_mail.mjs`): the pre-chat form said the answer would follow by
//! e-mail, and it does, and the widget puts it up when the visitor comes back. The message length
//! limit (`too_long.mjs`): the boxes take no more, and a longer text is refused in the
//! visitor's language. Real server, real sockets, real browser, real SMTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::browser::{finish, run_script};
use common::offline_mail::{ANSWER, answer, mail_to};
use common::presence::presence;
use common::smtp::{SmtpSink, free_port};
use common::{Operator, TestServer};
use frontdesk_protocol::OperatorRole;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_message_from_the_widget_is_answered_by_e_mail_as_the_form_said() {
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(mail_to(sink.port)).await;
    let (child, mut script) = run_script(&server, "offline_mail.mjs");
    script.step("offline-sent").await;

    // Nobody was online (so the widget offered the form): the operator comes now.
    let db = server.dir.path().join("frontdesk.db");
    let chat_id: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT id FROM chats WHERE status = 'offline'", [], |r| {
            r.get(0)
        })
        .expect("the offline message is stored");
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let queued = answer(&mut op, "r-1", chat_id, ANSWER).await;
    assert_eq!(queued.len(), 1, "one e-mail queued: {queued:?}");
    let mails = sink.wait_for(1).await;
    assert_eq!(mails[0].to, "igor$&@example.ru");
    assert!(mails[0].text.contains(ANSWER), "{:?}", mails[0].text);

    script.go("answered").await;
    finish(child, script).await;
    server.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_widget_keeps_to_the_servers_message_length_and_says_so_when_refused() {
    let server = TestServer::start_with(|c| c.limits.max_message_chars = 40).await;
    // Someone online, so the pre-chat form and then the chat show.
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (_op, _) = Operator::in_sync(&server, &token).await;
    let (child, script) = run_script(&server, "too_long.mjs");
    finish(child, script).await;
    server.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_who_closes_the_page_gets_the_answer_by_e_mail_as_the_form_said() {
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        c.site.linger_secs = 0;
    })
    .await;
    // Someone online, so the pre-chat form and the chat show.
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "left_chat_mail.mjs");
    script.step("left").await;
    let chat_id = op
        .until(|f| {
            presence(f)
                .filter(|(_, on_site)| !on_site)
                .map(|(chat, _)| chat)
        })
        .await;
    let queued = answer(&mut op, "r-1", chat_id, "Два дня, курьером до двери.").await;
    assert_eq!(queued.len(), 1, "one e-mail queued: {queued:?}");
    let mails = sink.wait_for(1).await;
    assert_eq!(mails[0].to, "olga@example.ru");
    assert!(mails[0].text.contains("Два дня"), "{:?}", mails[0].text);
    assert!(
        mails[0].text.contains("Казань"),
        "the question is quoted: {:?}",
        mails[0].text
    );

    script.go("answered").await;
    finish(child, script).await;
    server.server.shutdown().await;
}
