//! The offline-message-and-answer flow the e-mail tests share: a server with `[mail]` aimed
//! at a test SMTP server, a visitor leaving a message, an operator answering it, and what the
//! consoles and the database then say about its e-mail.

use frontdesk_protocol::{EventBody, MailStatus, OperatorIn, OperatorOut, VisitorIn, VisitorOut};
use frontdesk_server::Config;
use frontdesk_server::mail::MailSecurity;

use super::{Operator, TestServer, Visitor};

pub const QUESTION: &str = "Перезвоните, пожалуйста, после 18:00.";
pub const ANSWER: &str = "Здравствуйте, Игорь! Перезвоним в 18:30.";
pub const MORE: &str = "И ещё: заказ № 1042 уже собран.";

/// `[mail]` for the sink on `port`: plain SMTP on 127.0.0.1, tiny waits.
pub fn mail_to(port: u16) -> impl FnOnce(&mut Config) {
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
pub async fn leave_offline_message(server: &TestServer, email: Option<&str>) -> (String, i64) {
    let (_, token, chat_id) = offline_message(server, "Игорь", QUESTION, email).await;
    (token, chat_id)
}

/// A visitor leaves an offline message and stays on the site; returns them, their token and
/// the chat id.
pub async fn offline_message(
    server: &TestServer,
    name: &str,
    text: &str,
    email: Option<&str>,
) -> (Visitor, String, i64) {
    let (mut visitor, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    visitor
        .send(&VisitorIn::OfflineMessage {
            id: "om-1".into(),
            text: text.into(),
            name: Some(name.into()),
            email: email.map(str::to_owned),
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

/// Sends an answer and waits for its ack; returns the `mail_state` events that came first
/// (the one queueing its e-mail is in the same commit).
pub async fn answer(op: &mut Operator, id: &str, chat_id: i64, text: &str) -> Vec<MailStatus> {
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
pub async fn mail_event(op: &mut Operator, pick: impl Fn(&MailStatus) -> bool) -> MailStatus {
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
pub async fn in_snapshot(
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
pub fn outbox_rows(server: &TestServer) -> i64 {
    let db = rusqlite::Connection::open(server.dir.path().join("frontdesk.db")).unwrap();
    db.query_row("SELECT COUNT(*) FROM mail_outbox", [], |r| r.get(0))
        .unwrap()
}
