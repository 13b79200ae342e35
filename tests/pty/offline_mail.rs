//! The e-mail copy of an offline answer, as the operator sees it: the SMTP server is down, so
//! the dialog says the e-mail is not sent yet, why, and when it is retried, and the list marks
//! the chat; the SMTP server comes up and the line says it was sent. The real binary in a pty,
//! the real server, a real SMTP server (aiosmtpd) on a port that first has nobody listening.

use frontdesk_server::mail::MailSecurity;

use crate::common::Setup;
use crate::keys::ENTER;
use crate::smtp::{SmtpSink, free_port};
use crate::support::irina_leaves_a_message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_shows_the_email_retried_then_sent() {
    let port = free_port();
    let setup = Setup::start_with(|c| {
        c.mail.host = "127.0.0.1".into();
        c.mail.port = port;
        c.mail.security = MailSecurity::Plain;
        c.mail.from = "help@shop.example".into();
        c.mail.batch_secs = 0;
        c.mail.retry_first_secs = 1;
        c.mail.retry_max_secs = 1;
    })
    .await;
    let visitor = irina_leaves_a_message(&setup).await;
    drop(visitor);

    let mut console = setup.console_sized(30, 140);
    console
        .wait_for("the message under its heading", |s| {
            s.contains("Left a message (1)") && s.contains("Ирина")
        })
        .await;
    console.keys(ENTER);
    console
        .wait_for("taken: the reply box names Irina", |s| {
            s.contains("Reply to Ирина")
        })
        .await;
    let reply = "Да, в течение 14 дней";
    console.keys(reply);
    console.wait_text(reply).await;
    console.keys(ENTER);
    console.wait_text(&format!("✓ Анна: {reply}")).await;

    // Nobody listens on the SMTP port: the dialog says so, and the list row is marked.
    console
        .wait_for("the e-mail retried, with its reason", |s| {
            s.contains("✉ not sent yet to irina@example.com")
                && s.contains("connection refused")
                && s.contains("✉…")
        })
        .await;

    let sink = SmtpSink::start(port).await;
    console
        .wait_for("the e-mail sent", |s| {
            s.contains("✉ sent to irina@example.com") && !s.contains("not sent yet")
        })
        .await;
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "irina@example.com");
    assert!(mails[0].text.contains(reply), "{:?}", mails[0].text);
    assert!(console.quit().await.success());
}
