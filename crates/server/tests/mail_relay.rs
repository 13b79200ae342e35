//! How the server talks to the SMTP server: STARTTLS and TLS with the relay's certificate
//! checked (a private CA through `[mail] ca_file`, nothing sent without it), and
//! authentication (wrong credentials: retried with the reason shown; right ones: delivered).
//! Real server, real aiosmtpd.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::offline_mail::{ANSWER, answer, leave_offline_message, mail_event, mail_to};
use common::smtp::{SmtpSink, free_port};
use common::{Operator, TestServer};
use frontdesk_protocol::{MailDelivery, MailStatus};
use frontdesk_server::mail::MailSecurity;

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

/// Igor leaves an offline message with his address, Anna answers it: the first `mail_state`
/// after an attempt to e-mail the answer. The server is shut down after it.
async fn first_attempt(server: TestServer) -> MailStatus {
    let (_, chat_id) = leave_offline_message(&server, Some("igor@example.ru")).await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    answer(&mut op, "r-1", chat_id, ANSWER).await;
    let tried = mail_event(&mut op, |m| m.attempts > 0).await;
    server.server.shutdown().await;
    tried
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
    (first_attempt(server).await, sink)
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

/// An answer by e-mail to a relay that wants `shop` / `secret`, sent with `password`: the first
/// `mail_state` after an attempt, and the sink.
async fn with_password(password: &str) -> (MailStatus, SmtpSink) {
    let sink = SmtpSink::with_auth(free_port(), "shop", "secret").await;
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        c.mail.username = "shop".into();
        c.mail.password = frontdesk_server::mail::Secret(password.into());
    })
    .await;
    (first_attempt(server).await, sink)
}

#[tokio::test]
async fn wrong_credentials_are_retried_with_the_reason_and_right_ones_deliver() {
    let (tried, sink) = with_password("wrong").await;
    assert_eq!(tried.state, MailDelivery::Queued, "retried: {tried:?}");
    let error = tried.error.unwrap_or_default();
    assert!(error.starts_with("authentication failed (535"), "{error}");
    assert!(sink.mails().is_empty());

    let (tried, sink) = with_password("secret").await;
    assert_eq!(tried.state, MailDelivery::Sent, "{tried:?}");
    let mails = sink.wait_for(1).await;
    assert_eq!(mails[0].to, "igor@example.ru");
    assert!(mails[0].text.contains(ANSWER));
}
