//! `--mail`: a transcript handed to a command of yours that e-mails it to the visitor. Frontdesk
//! sends no mail itself; the hook gets the text on stdin and the address in the environment.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::transcript::Transcript;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;

use crate::i18n::Strings;

/// `[export]` in config.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// The command and its arguments, e.g. `["/usr/local/bin/mail-transcript"]`; empty: none.
    pub mail_hook: Vec<String>,
}

/// A hook still running after this is killed.
const HOOK_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the hook for one transcript; fails when there is no hook, no usable address, or the
/// hook fails.
pub async fn send(
    config: &MailConfig,
    t: &Transcript,
    tz: &TimeZone,
    words: &'static Strings,
) -> anyhow::Result<()> {
    let Some((program, args)) = config.mail_hook.split_first() else {
        bail!("{}", words.export.no_mail_hook);
    };
    let address = t
        .visitor
        .fields
        .email
        .as_deref()
        .filter(|a| plausible_address(a))
        .with_context(|| {
            words
                .export
                .no_email
                .replace("{id}", &t.chat.id.to_string())
        })?;
    let mut body = Vec::new();
    super::format::text(t, &mut body, tz, words.export)?;
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .env("FRONTDESK_MAIL_TO", address)
        .env("FRONTDESK_CHAT_ID", t.chat.id.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("running the mail hook {program}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&body).await?;
    }
    let out = tokio::time::timeout(HOOK_TIMEOUT, child.wait_with_output())
        .await
        .with_context(|| format!("the mail hook ran over {} s", HOOK_TIMEOUT.as_secs()))??;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        bail!("the mail hook failed ({}): {}", out.status, said.trim());
    }
    Ok(())
}

/// The address is the visitor's own text and goes into a hook's environment, where a naive
/// script may put it into a mail header: one line, one `@`, no spaces or controls.
fn plausible_address(a: &str) -> bool {
    a.len() <= 254
        && a.matches('@').count() == 1
        && !a.starts_with('@')
        && !a.ends_with('@')
        && !a
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == ';')
}

#[cfg(test)]
mod tests {
    use super::plausible_address;

    #[test]
    fn only_a_single_plain_address_is_used() {
        assert!(plausible_address("olga@example.ru"));
        for bad in [
            "olga@example.ru\nBcc: all@example.com",
            "a@b@c",
            "olga example@ru",
            "@example.ru",
            "olga@",
            "a@b.ru,c@d.ru",
            "",
        ] {
            assert!(!plausible_address(bad), "{bad:?}");
        }
    }
}
