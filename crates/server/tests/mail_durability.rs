//! An acknowledged answer's e-mail is never lost: kill -9 the real server binary right after
//! an operator's answer to an offline message is acknowledged, while the SMTP server is down;
//! start it again with the SMTP server (aiosmtpd) up, and the e-mail arrives.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::smtp::{SmtpSink, free_port};
use common::{Client, Operator, login};
use frontdesk_protocol::{OperatorIn, OperatorOut, VisitorIn, VisitorOut};

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk-server");
const ANSWER: &str = "Здравствуйте, Игорь! Перезвоним в 18:30.";

fn write_config(dir: &std::path::Path, smtp_port: u16) -> std::path::PathBuf {
    let path = dir.join("server.toml");
    let db = dir.join("frontdesk.db");
    std::fs::write(
        &path,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {:?}\n\
             [mail]\nhost = \"127.0.0.1\"\nport = {smtp_port}\nsecurity = \"plain\"\n\
             from = \"help@shop.example\"\nbatch_secs = 0\nretry_first_secs = 1\nretry_max_secs = 1\n",
            db.display().to_string()
        ),
    )
    .unwrap();
    path
}

#[tokio::test]
async fn an_acknowledged_answers_email_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = write_config(dir.path(), port);
    let mut add = Command::new(BIN)
        .args(["--config", config.to_str().unwrap()])
        .args(["operator", "add", "anna", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"pw\n").unwrap();
    assert!(add.wait().unwrap().success());

    // The SMTP server is down.
    let (mut server, url) = common::spawn_serve(&config);
    let ws_url = url.replacen("http", "ws", 1);
    let mut visitor: Client<VisitorIn, VisitorOut> =
        Client::connect(&format!("{ws_url}/ws/visitor")).await;
    visitor
        .send(&VisitorIn::Hello {
            token: None,
            site: None,
            language: None,
        })
        .await;
    visitor
        .send(&VisitorIn::OfflineMessage {
            id: "om-1".into(),
            text: "Перезвоните после 18:00".into(),
            name: Some("Игорь".into()),
            email: Some("igor@example.ru".into()),
        })
        .await;
    let chat_id = visitor
        .until(|f| match f {
            VisitorOut::Ack { id, chat_id, .. } if id == "om-1" => *chat_id,
            _ => None,
        })
        .await;

    let token = login(&url, "anna", "pw").await;
    let mut op: Operator = Client::connect(&format!("{ws_url}/ws/operator")).await;
    op.send(&OperatorIn::Hello {
        token,
        since: None,
        pack_ms: None,
    })
    .await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    op.send(&OperatorIn::Message {
        id: "r-1".into(),
        chat_id,
        text: ANSWER.into(),
    })
    .await;
    op.answer("r-1").await.expect("the answer is acknowledged");
    server.kill().unwrap(); // SIGKILL right after the ack: no shutdown, no final checkpoint
    server.wait().unwrap();

    // The SMTP server comes up, then the server again on the same file.
    let sink = SmtpSink::start(port).await;
    let (mut server, _) = common::spawn_serve(&config);
    let mails = sink.wait_for(1).await;
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, "igor@example.ru");
    assert!(mails[0].text.contains(ANSWER), "{:?}", mails[0].text);
}
