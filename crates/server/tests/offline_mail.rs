//! Answers to offline messages by e-mail: the answer reaches the visitor's dialog and, when
//! they left an address, a real SMTP server (aiosmtpd, started by the test). SMTP down: the
//! e-mail is retried with its state on the consoles, the answer kept; back up: it goes out. A
//! recipient refused for good fails at once. Real server, real sockets, real SMTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::offline_mail::{
    ANSWER, MORE, QUESTION, answer, in_snapshot, leave_offline_message, mail_event, mail_to,
    outbox_rows,
};
use common::smtp::{SmtpSink, free_port};
use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{MailDelivery, OperatorIn, Role, VisitorOut};

#[tokio::test]
async fn the_answer_reaches_the_dialog_and_the_visitors_mailbox() {
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        // Lines within 4 s of the first go in one e-mail (room for a slow machine).
        c.mail.batch_secs = 4;
    })
    .await;
    let (visitor_token, chat_id) = leave_offline_message(&server, Some("igor@example.ru")).await;

    let token = server
        .operator_token_as("anna", "Анна", frontdesk_protocol::OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let queued = answer(&mut op, "r-1", chat_id, ANSWER).await;
    // Acknowledged = queued, in the same transaction, and the consoles are told.
    assert_eq!(outbox_rows(&server), 1);
    let [queued] = queued.as_slice() else {
        panic!("one e-mail queued: {queued:?}")
    };
    assert_eq!(queued.state, MailDelivery::Queued);
    assert_eq!(queued.attempts, 0);
    assert_eq!(queued.recipient, "igor@example.ru");
    // Within the batch time: the same e-mail, no new event.
    assert_eq!(answer(&mut op, "r-2", chat_id, MORE).await, []);
    // A note is never mailed.
    op.send(&OperatorIn::Note {
        id: "n-1".into(),
        chat_id,
        text: "постоянный клиент".into(),
    })
    .await;
    op.answer("n-1").await.expect("the note is stored");

    let sent = mail_event(&mut op, |m| m.state != MailDelivery::Queued).await;
    assert_eq!(sent.state, MailDelivery::Sent, "{sent:?}");
    assert_eq!(sent.mail_id, queued.mail_id);
    assert_eq!(sent.attempts, 1);
    assert!(sent.sent_at.is_some());

    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1, "both lines in one e-mail: {mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.to, "igor@example.ru");
    assert_eq!(mail.from, "Магазин <help@shop.example>");
    assert_eq!(mail.reply_to.as_deref(), Some("support@shop.example"));
    assert_eq!(mail.subject, "Ответ для Игорь");
    assert_eq!(
        mail.text.replace("\r\n", "\n"),
        format!("{ANSWER}\n\n{MORE}\n--\nАнна\n> {QUESTION}\n")
    );
    // Still one row: the batch was one e-mail; the note queued nothing.
    assert_eq!(outbox_rows(&server), 1);

    // A console started later sees the state in its snapshot.
    let (mail_state, _) = in_snapshot(&server, &token, chat_id).await;
    assert_eq!(mail_state.map(|m| m.state), Some(MailDelivery::Sent));

    // The visitor comes back and finds the answers in the dialog.
    let (_back, welcome) = Visitor::join(&server, Some(visitor_token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        unreachable!()
    };
    let texts: Vec<(Role, &str)> = messages
        .iter()
        .map(|m| (m.author.role, m.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (Role::Visitor, QUESTION),
            (Role::Operator, ANSWER),
            (Role::Operator, MORE)
        ]
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn with_smtp_down_the_email_is_retried_visibly_and_goes_out_once_it_is_back() {
    let port = free_port();
    let server = TestServer::start_with(mail_to(port)).await;
    let (_, chat_id) = leave_offline_message(&server, Some("igor@example.ru")).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;

    // Nothing listens: each attempt fails, the state says so and the attempts grow.
    let first = mail_event(&mut op, |m| m.attempts == 1).await;
    assert_eq!(first.state, MailDelivery::Queued, "{first:?}");
    assert_eq!(first.error.as_deref(), Some("connection refused"));
    assert!(first.next_attempt_at.is_some());
    let second = mail_event(&mut op, |m| m.attempts == 2).await;
    assert_eq!(second.state, MailDelivery::Queued);
    assert_eq!(second.mail_id, first.mail_id);

    // The answer is kept, and a console started now sees the retrying e-mail.
    let (mail_state, texts) = in_snapshot(&server, &token, chat_id).await;
    assert!(texts.contains(&ANSWER.to_owned()), "{texts:?}");
    let mail_state = mail_state.expect("the snapshot carries the e-mail");
    assert_eq!(mail_state.state, MailDelivery::Queued);
    assert!(mail_state.attempts >= 2, "{mail_state:?}");
    assert_eq!(mail_state.error.as_deref(), Some("connection refused"));

    // The SMTP server comes up on that port: the next attempt delivers.
    let sink = SmtpSink::start(port).await;
    let sent = mail_event(&mut op, |m| m.state != MailDelivery::Queued).await;
    assert_eq!(sent.state, MailDelivery::Sent, "{sent:?}");
    assert!(sent.attempts >= 3);
    assert_eq!(sent.error, None);
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "igor@example.ru");
    assert!(mails[0].text.contains(ANSWER), "{:?}", mails[0].text);
    server.server.shutdown().await;
}

#[tokio::test]
async fn without_an_address_or_without_a_mail_server_nothing_is_queued() {
    // Mail on, but the visitor left no address.
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(mail_to(sink.port)).await;
    let (_, chat_id) = leave_offline_message(&server, None).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;
    assert_eq!(outbox_rows(&server), 0);
    let (mail_state, texts) = in_snapshot(&server, &token, chat_id).await;
    assert_eq!(mail_state, None);
    assert!(texts.contains(&ANSWER.to_owned()));
    server.server.shutdown().await;

    // An address, but `[mail] host` is empty (the default): the answer only reaches the dialog.
    let server = TestServer::start().await;
    let (visitor_token, chat_id) = leave_offline_message(&server, Some("igor@example.ru")).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;
    assert_eq!(outbox_rows(&server), 0);
    let (mail_state, _) = in_snapshot(&server, &token, chat_id).await;
    assert_eq!(mail_state, None);
    let (_back, welcome) = Visitor::join(&server, Some(visitor_token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        unreachable!()
    };
    assert!(messages.iter().any(|m| m.text == ANSWER));
    assert!(sink.mails().is_empty());
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_recipient_the_mail_server_refuses_for_good_fails_at_once_and_the_answer_stays() {
    let sink = SmtpSink::rejecting(free_port()).await;
    let server = TestServer::start_with(mail_to(sink.port)).await;
    let (visitor_token, chat_id) = leave_offline_message(&server, Some("nobody@example.ru")).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;

    let failed = mail_event(&mut op, |m| m.attempts > 0).await;
    assert_eq!(failed.state, MailDelivery::Failed, "{failed:?}");
    assert_eq!(failed.attempts, 1, "a permanent refusal is not retried");
    assert_eq!(
        failed.error.as_deref(),
        Some("rejected by the mail server (550 5.1.1 No such user here)")
    );
    let (mail_state, _) = in_snapshot(&server, &token, chat_id).await;
    assert_eq!(mail_state.map(|m| m.state), Some(MailDelivery::Failed));
    let (_back, welcome) = Visitor::join(&server, Some(visitor_token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        unreachable!()
    };
    assert!(messages.iter().any(|m| m.text == ANSWER), "{messages:?}");
    server.server.shutdown().await;
}
