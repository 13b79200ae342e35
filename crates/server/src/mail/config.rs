//! `[mail]`: the SMTP server, the sender, the template and the retry policy.

use serde::{Deserialize, Serialize};

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailSecurity {
    /// Plain connection upgraded with STARTTLS (refused if the server does not offer it).
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
    /// No encryption: only for a relay on the same machine or network.
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// SMTP server's host name; empty: no e-mail (answers still reach the dialog).
    pub host: String,
    /// 0: by `security` (587 starttls, 465 tls, 25 plain).
    pub port: u16,
    pub security: MailSecurity,
    /// A PEM file of CA certificates to trust besides the system's (a relay with a private
    /// CA); empty: the system's trust store only.
    pub ca_file: String,
    /// Empty: no authentication.
    pub username: String,
    pub password: Secret,
    /// `Name <address>` or an address.
    pub from: String,
    /// Where a visitor's reply goes (a human mailbox); empty: no Reply-To header.
    pub reply_to: String,
    /// Templates; see `template.rs` for the placeholders.
    pub subject: String,
    pub text: String,
    /// Operator lines written within this many seconds after the first unsent one go in one
    /// e-mail; 0: one e-mail per line.
    pub batch_secs: u64,
    /// The first retry waits this long; each further one twice as long, up to `retry_max_secs`.
    pub retry_first_secs: u64,
    pub retry_max_secs: u64,
    /// An e-mail not sent within this many seconds of being queued, or after `max_attempts`
    /// attempts, is given up (`failed`).
    pub give_up_after_secs: u64,
    pub max_attempts: u32,
    /// Seconds one SMTP conversation may take.
    pub timeout_secs: u64,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 0,
            security: MailSecurity::Starttls,
            ca_file: String::new(),
            username: String::new(),
            password: Secret::default(),
            from: String::new(),
            reply_to: String::new(),
            subject: "Ответ на Ваше сообщение / Reply to your message".into(),
            text: DEFAULT_TEXT.into(),
            batch_secs: 30,
            retry_first_secs: 30,
            retry_max_secs: 3600,
            give_up_after_secs: 48 * 3600,
            max_attempts: 60,
            timeout_secs: 30,
        }
    }
}

const DEFAULT_TEXT: &str = "Здравствуйте! / Hello!\n\n{answer}\n\n{operator_name}\n\n\
Ваше сообщение / Your message:\n{question}\n";

/// A password: kept as written, never shown by `{:?}` (a logged config keeps it secret).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}

impl MailConfig {
    /// Whether e-mail is on: answers are queued and a mailer sends them.
    pub fn enabled(&self) -> bool {
        !self.host.trim().is_empty()
    }

    /// The port to connect to: the configured one, or the usual one for `security`.
    pub fn port(&self) -> u16 {
        match (self.port, self.security) {
            (0, MailSecurity::Starttls) => 587,
            (0, MailSecurity::Tls) => 465,
            (0, MailSecurity::Plain) => 25,
            (port, _) => port,
        }
    }

    /// A setting the mailer could not work with, said before the server starts.
    pub fn check(&self) -> Result<(), String> {
        if !self.enabled() {
            return Ok(());
        }
        self.from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| format!("[mail] from {:?}: {e}", self.from))?;
        if !self.reply_to.trim().is_empty() {
            self.reply_to
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| format!("[mail] reply_to {:?}: {e}", self.reply_to))?;
        }
        if self.username.is_empty() != self.password.0.is_empty() {
            return Err("[mail] username and password go together".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_follows_the_security_unless_given() {
        let mut c = MailConfig::default();
        assert_eq!(c.port(), 587);
        c.security = MailSecurity::Tls;
        assert_eq!(c.port(), 465);
        c.security = MailSecurity::Plain;
        assert_eq!(c.port(), 25);
        c.port = 2525;
        assert_eq!(c.port(), 2525);
    }

    #[test]
    fn a_bad_sender_is_refused_only_when_mail_is_on() {
        let mut c = MailConfig {
            from: "not an address".into(),
            ..MailConfig::default()
        };
        assert!(c.check().is_ok());
        c.host = "smtp.example".into();
        assert!(c.check().is_err());
        c.from = "Shop <help@shop.example>".into();
        assert!(c.check().is_ok());
        c.username = "u".into();
        assert!(c.check().is_err());
        c.password = Secret("hunter2".into());
        assert!(c.check().is_ok());
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
