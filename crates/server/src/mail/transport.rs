//! `[mail]` → a lettre SMTP transport, one e-mail → a lettre message, and SMTP errors → a
//! short reason an operator can read.

use std::error::Error as _;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::config::{MailConfig, MailSecurity};

/// The SMTP client the mailer keeps for its life (it pools connections).
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Why an e-mail was not sent, and whether trying again could help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub reason: String,
    /// The server refused it for good (a 5xx reply other than authentication), or the address
    /// is not one: retrying would get the same answer.
    pub permanent: bool,
}

impl SendError {
    fn permanent(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            permanent: true,
        }
    }
}

/// The transport for `config` (which is enabled and checked).
pub fn build(config: &MailConfig) -> anyhow::Result<Transport> {
    let host = config.host.trim();
    let tls = match config.security {
        MailSecurity::Plain => Tls::None,
        // STARTTLS is required: a server that does not offer it gets nothing in clear.
        MailSecurity::Starttls => Tls::Required(tls_parameters(config, host)?),
        MailSecurity::Tls => Tls::Wrapper(tls_parameters(config, host)?),
    };
    let mut builder = Transport::builder_dangerous(host)
        .tls(tls)
        .port(config.port())
        .timeout(Some(Duration::from_secs(config.timeout_secs.max(1))));
    if !config.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            config.username.clone(),
            config.password.0.clone(),
        ));
    }
    Ok(builder.build())
}

/// Certificates checked for `host` against the system's trust store, plus `ca_file`'s.
fn tls_parameters(config: &MailConfig, host: &str) -> anyhow::Result<TlsParameters> {
    let mut params = TlsParameters::builder(host.to_owned());
    let ca_file = config.ca_file.trim();
    if !ca_file.is_empty() {
        let pem =
            std::fs::read(ca_file).map_err(|e| anyhow::anyhow!("[mail] ca_file {ca_file}: {e}"))?;
        let ca = Certificate::from_pem(&pem)
            .map_err(|e| anyhow::anyhow!("[mail] ca_file {ca_file}: {e}"))?;
        params = params.add_root_certificate(ca);
    }
    Ok(params.build_rustls()?)
}

/// One e-mail, from the configured sender to `recipient`.
pub fn message(
    config: &MailConfig,
    recipient: &str,
    subject: String,
    text: String,
) -> Result<Message, SendError> {
    let to: Mailbox = recipient
        .trim()
        .parse()
        .map_err(|_| SendError::permanent("not a valid e-mail address"))?;
    let from: Mailbox = config
        .from
        .parse()
        .map_err(|_| SendError::permanent("[mail] from is not a valid address"))?;
    let mut builder = Message::builder().from(from).to(to).subject(subject);
    if !config.reply_to.trim().is_empty() {
        let reply_to: Mailbox = config
            .reply_to
            .parse()
            .map_err(|_| SendError::permanent("[mail] reply_to is not a valid address"))?;
        builder = builder.reply_to(reply_to);
    }
    builder
        .header(ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(|e| SendError::permanent(format!("the e-mail could not be built: {e}")))
}

/// Sends `message`; the error says in a few words what went wrong.
pub async fn send(transport: &Transport, message: Message) -> Result<(), SendError> {
    transport.send(message).await.map(|_| ()).map_err(reason)
}

/// A short reason for an SMTP failure, and whether it is final.
fn reason(e: lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = e.status() {
        let code = code.to_string();
        let text = e
            .source()
            .map(|s| one_line(&s.to_string()))
            .unwrap_or_default();
        // 530/534/535: the credentials, which an administrator can fix while the mail waits.
        if matches!(code.as_str(), "530" | "534" | "535") {
            return SendError {
                reason: format!("authentication failed ({code} {text})"),
                permanent: false,
            };
        }
        if e.is_permanent() {
            return SendError::permanent(format!("rejected by the mail server ({code} {text})"));
        }
        return SendError {
            reason: format!("temporarily refused ({code} {text})"),
            permanent: false,
        };
    }
    let reason = if e.is_timeout() {
        "the mail server did not answer in time".to_owned()
    } else if e.is_tls() {
        format!("TLS failed: {}", one_line(&innermost(&e)))
    } else if let Some(kind) = io_kind(&e) {
        match kind {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                "the connection was cut".to_owned()
            }
            // tokio-rustls reports a failed handshake (after STARTTLS too) as invalid data.
            std::io::ErrorKind::InvalidData => {
                format!("TLS failed: {}", one_line(&innermost(&e)))
            }
            _ => format!("network error: {}", one_line(&innermost(&e))),
        }
    } else {
        one_line(&e.to_string())
    };
    SendError {
        reason,
        permanent: false,
    }
}

/// The kind of the I/O error under `e`, if there is one.
fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = err.source();
    }
    None
}

/// The text of the deepest error in the chain (the most specific one).
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// Longest reason, in characters: the console shows it on one line.
const MAX_REASON_CHARS: usize = 160;

fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().take(MAX_REASON_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_recipient_fails_for_good() {
        let config = MailConfig {
            host: "127.0.0.1".into(),
            from: "help@shop.example".into(),
            ..MailConfig::default()
        };
        let e = message(&config, "not an address", "s".into(), "t".into()).expect_err("refused");
        assert!(e.permanent);
        // The visitor typed the address: it names one mailbox, or it is refused.
        for forged in [
            "igor@example.ru, all@example.ru",
            "igor@example.ru\r\nBcc: all@example.ru",
        ] {
            assert!(
                message(&config, forged, "s".into(), "t".into()).is_err(),
                "{forged:?}"
            );
        }
        assert!(message(&config, " igor@example.ru ", "s".into(), "t".into()).is_ok());
    }

    #[tokio::test]
    async fn nothing_listening_is_connection_refused_and_worth_a_retry() {
        // A port that was free a moment ago: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let config = MailConfig {
            host: "127.0.0.1".into(),
            port,
            security: MailSecurity::Plain,
            from: "help@shop.example".into(),
            ..MailConfig::default()
        };
        let transport = build(&config).expect("transport");
        let m = message(&config, "igor@example.ru", "s".into(), "t".into()).expect("message");
        let e = send(&transport, m).await.expect_err("nobody listens");
        assert_eq!(e.reason, "connection refused");
        assert!(!e.permanent);
    }
}
