//! Answers to offline messages by e-mail: the answer reaches the visitor's dialog and, when
//! they left an address, a real SMTP server (aiosmtpd, started by the test). SMTP down: the
//! e-mail is retried with its state on the consoles, the answer kept; back up: it goes out.
//! Real server, real sockets, real SMTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::smtp::{SmtpSink, free_port};
use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    EventBody, MailDelivery, MailStatus, OperatorIn, OperatorOut, Role, VisitorIn, VisitorOut,
};
use frontdesk_server::Config;
use frontdesk_server::mail::MailSecurity;

const QUESTION: &str = "Перезвоните, пожалуйста, после 18:00.";
const ANSWER: &str = "Здравствуйте, Игорь! Перезвоним в 18:30.";
const MORE: &str = "И ещё: заказ № 1042 уже собран.";

/// `[mail]` for the sink on `port`: plain SMTP on 127.0.0.1, tiny waits.
fn mail_to(port: u16) -> impl FnOnce(&mut Config) {
    move |c: &mut Config| {
        c.mail.host = "127.0.0.1".into();
        c.mail.port = port;
        c.mail.security = MailSecurity::Plain;
        c.mail.from = "Магазин <help@shop.example>".into();
        c.mail.reply_to = "support@shop.example".into();
        c.mail.subject = "Ответ для {visitor_name}".into();
        c.mail.text = "{answer}\n--\n{operator_name}\n> {question}\n".into();
        c.mail.batch_secs = 0;
        c.mail.retry_first_secs = 1;
        c.mail.retry_max_secs = 1;
    }
}

/// A visitor leaves an offline message (with `email`) and closes the tab; returns their token
/// and the chat id.
async fn leave_offline_message(server: &TestServer, email: Option<&str>) -> (String, i64) {
    let (mut visitor, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    visitor
        .send(&VisitorIn::OfflineMessage {
            id: "om-1".into(),
            text: QUESTION.into(),
            name: Some("Игорь".into()),
            email: email.map(str::to_owned),
        })
        .await;
    let chat_id = visitor
        .until(|f| match f {
            VisitorOut::Ack { id, chat_id, .. } if id == "om-1" => *chat_id,
            _ => None,
        })
        .await;
    (token, chat_id)
}

/// Sends an answer and waits for its ack; returns the `mail_state` events that came first
/// (the one queueing its e-mail is in the same commit).
async fn answer(op: &mut Operator, id: &str, chat_id: i64, text: &str) -> Vec<MailStatus> {
    op.send(&OperatorIn::Message {
        id: id.into(),
        chat_id,
        text: text.into(),
    })
    .await;
    let mut mails = Vec::new();
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::MailState { mail },
            ..
        } => {
            mails.push(mail.clone());
            None
        }
        OperatorOut::Ack { id: got, .. } if got == id => Some(()),
        OperatorOut::Error {
            id: Some(got),
            message,
            ..
        } if got == id => {
            panic!("the answer was refused: {message}")
        }
        _ => None,
    })
    .await;
    mails
}

/// The next `mail_state` event on `op` that `pick` accepts.
async fn mail_event(op: &mut Operator, pick: impl Fn(&MailStatus) -> bool) -> MailStatus {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::MailState { mail },
            ..
        } if pick(mail) => Some(mail.clone()),
        _ => None,
    })
    .await
}

/// The chat's latest e-mail and its message texts, in a fresh operator snapshot.
async fn in_snapshot(
    server: &TestServer,
    token: &str,
    chat_id: i64,
) -> (Option<MailStatus>, Vec<String>) {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| match f {
        OperatorOut::Snapshot { chats, .. } => {
            chats.iter().find(|c| c.chat.id == chat_id).map(|c| {
                (
                    c.mail.clone(),
                    c.messages.iter().map(|m| m.text.clone()).collect(),
                )
            })
        }
        _ => None,
    })
    .await
}

/// Rows in the outbox, read from the database file.
fn outbox_rows(server: &TestServer) -> i64 {
    let db = rusqlite::Connection::open(server.dir.path().join("frontdesk.db")).unwrap();
    db.query_row("SELECT COUNT(*) FROM mail_outbox", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn the_answer_reaches_the_dialog_and_the_visitors_mailbox() {
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        // Lines within 2 s of the first go in one e-mail.
        c.mail.batch_secs = 2;
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

/// A private CA (its PEM at `dir/ca.pem`) and a certificate for 127.0.0.1 signed by it
/// (`dir/cert.pem`, `dir/key.pem`), for the SMTP server.
fn relay_certificates(dir: &std::path::Path) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, SanType};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.subject_alt_names = vec![SanType::IpAddress([127, 0, 0, 1].into())];
    let leaf = params.signed_by(&key, &issuer).unwrap();
    std::fs::write(dir.join("cert.pem"), leaf.pem()).unwrap();
    std::fs::write(dir.join("key.pem"), key.serialize_pem()).unwrap();
}

/// An answer by e-mail over `security` to an aiosmtpd started with `options`; with `trust`
/// the relay's CA is `[mail] ca_file`. Returns the first `mail_state` after an attempt and
/// the sink.
async fn over_tls(
    security: MailSecurity,
    options: &[&str],
    certs: &std::path::Path,
    trust: bool,
) -> (MailStatus, SmtpSink) {
    let opts: Vec<std::ffi::OsString> = options
        .iter()
        .map(|o| match *o {
            "CERT" => certs.join("cert.pem").into_os_string(),
            "KEY" => certs.join("key.pem").into_os_string(),
            other => other.into(),
        })
        .collect();
    let opts: Vec<&std::ffi::OsStr> = opts.iter().map(|o| o.as_os_str()).collect();
    let sink = SmtpSink::start_with(free_port(), &opts).await;
    let ca_file = certs.join("ca.pem").display().to_string();
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        c.mail.security = security;
        if trust {
            c.mail.ca_file = ca_file;
        }
    })
    .await;
    let (_, chat_id) = leave_offline_message(&server, Some("igor@example.ru")).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;
    let tried = mail_event(&mut op, |m| m.attempts > 0).await;
    server.server.shutdown().await;
    (tried, sink)
}

#[tokio::test]
async fn starttls_and_tls_deliver_to_a_relay_whose_ca_is_trusted_and_only_then() {
    let certs = tempfile::tempdir().unwrap();
    relay_certificates(certs.path());
    let starttls = ["--tlscert", "CERT", "--tlskey", "KEY"];
    let smtps = ["--smtpscert", "CERT", "--smtpskey", "KEY"];
    for (security, options) in [
        (MailSecurity::Starttls, starttls),
        (MailSecurity::Tls, smtps),
    ] {
        let (tried, sink) = over_tls(security, &options, certs.path(), true).await;
        assert_eq!(tried.state, MailDelivery::Sent, "{security:?}: {tried:?}");
        let mails = sink.wait_for(1).await;
        assert_eq!(mails[0].to, "igor@example.ru", "{security:?}");
        assert!(mails[0].text.contains(ANSWER), "{security:?}");

        // Without the relay's CA its certificate is refused: nothing goes in clear.
        let (tried, sink) = over_tls(security, &options, certs.path(), false).await;
        assert_eq!(tried.state, MailDelivery::Queued, "{security:?}: {tried:?}");
        let error = tried.error.unwrap_or_default();
        assert!(error.starts_with("TLS failed"), "{security:?}: {error}");
        assert!(sink.mails().is_empty(), "{security:?}");
    }
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
