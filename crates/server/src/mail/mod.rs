//! Answers to offline messages by e-mail.
//!
//! An operator's text line in a chat that began as an offline message with an address is
//! queued in `mail_outbox` by the writer, in the answer's own transaction
//! (`store/mail_outbox.rs`). This task sends what is due through the `[mail]` SMTP server
//! (`transport.rs`), rendering the subject and text at send time (`template.rs`, so every
//! line of a batch and the current templates are used), and records each outcome through the
//! writer (`retry.rs` decides between retrying and giving up), which tells the chat's
//! consoles with a `mail_state` event. The answer itself is always in the dialog.

pub mod config;
mod retry;
mod template;
mod transport;

use std::time::Duration;

pub use config::{MailConfig, MailSecurity, Secret};
use tokio::task::JoinHandle;

use crate::store::{Cmd, MailJob, MailOutcome, Store, now_ms};

/// How often the outbox is looked at when nothing was due.
const POLL: Duration = Duration::from_millis(500);

/// Starts the mailer when `[mail]` has a host (the config is checked).
pub fn spawn(config: &MailConfig, store: Store) -> anyhow::Result<Option<JoinHandle<()>>> {
    if !config.enabled() {
        return Ok(None);
    }
    let transport = transport::build(config)?;
    Ok(Some(tokio::spawn(run(config.clone(), store, transport))))
}

async fn run(config: MailConfig, store: Store, transport: transport::Transport) {
    loop {
        let due = store.due_mail(now_ms()).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "reading the mail outbox failed");
            Vec::new()
        });
        let idle = due.is_empty();
        for job in due {
            let outcome = attempt(&config, &transport, &job).await;
            match &outcome {
                MailOutcome::Sent { .. } => {
                    tracing::info!(mail_id = job.mail_id, chat_id = job.chat_id, "e-mail sent");
                }
                MailOutcome::Retry { error, .. } | MailOutcome::Failed { error } => {
                    tracing::warn!(mail_id = job.mail_id, chat_id = job.chat_id, %error, "e-mail not sent");
                }
            }
            let mail_id = job.mail_id;
            if let Err(e) = store.run(Cmd::MailOutcome { mail_id, outcome }).await {
                // The row stays queued and is tried again: a duplicate at worst, never a loss.
                tracing::warn!(mail_id, error = %e, "recording an e-mail's outcome failed");
            }
        }
        if idle {
            tokio::time::sleep(POLL).await;
        }
    }
}

/// One attempt at `job`.
async fn attempt(
    config: &MailConfig,
    transport: &transport::Transport,
    job: &MailJob,
) -> MailOutcome {
    let values = values(job);
    let subject = template::subject(&config.subject, &values);
    let text = template::render(&config.text, &values);
    let sent = match transport::message(config, &job.recipient, subject, text) {
        Ok(message) => transport::send(transport, message).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(()) => MailOutcome::Sent {
            last_message_id: job.last_message_id,
        },
        Err(e) => retry::after_failure(
            config,
            job.attempts.saturating_add(1),
            job.created_at,
            now_ms(),
            e,
        ),
    }
}

fn values(job: &MailJob) -> template::Values {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in &job.answers {
        if !name.is_empty() && !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let answers: Vec<&str> = job.answers.iter().map(|(_, text)| text.as_str()).collect();
    template::Values {
        visitor_name: job.visitor_name.clone().unwrap_or_default(),
        operator_name: names.join(", "),
        answer: answers.join("\n\n"),
        question: job.question.clone(),
    }
}
