//! Where the e-mail copy of an offline message's answer stands.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// The state of one e-mail in the server's outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailDelivery {
    /// Waiting for its first attempt or for a retry (`next_attempt_at`).
    Queued,
    /// The SMTP server took it.
    Sent,
    /// Given up: a permanent refusal, or retried too long. The answer stays in the dialog.
    Failed,
}

/// One e-mail carrying operator answers of a chat to the address the visitor left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    pub mail_id: i64,
    pub chat_id: i64,
    /// The visitor's address (visitor text: sanitise before showing).
    pub recipient: String,
    pub state: MailDelivery,
    /// Attempts made so far (0: not tried yet).
    pub attempts: u32,
    /// When the next attempt is due, while `queued`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<Millis>,
    /// Why the last attempt failed, in a few words (SMTP text: sanitise before showing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<Millis>,
}
