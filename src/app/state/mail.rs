//! The e-mail copy of a chat's answer, as the server reported it last (`mail_state`, or the
//! snapshot): kept sanitized, because the address is the visitor's and the error the SMTP
//! server's.

use frontdesk_protocol::MailStatus;

use super::ChatView;
use crate::sanitize::{Mode, sanitize};

/// Longest error kept, in characters: it shares one line with the address.
const ERROR_CHARS: usize = 160;

/// `mail` with its visitor and server text made safe to show.
pub fn clean(mut mail: MailStatus) -> MailStatus {
    mail.recipient = sanitize(&mail.recipient, Mode::NAME).into_owned();
    mail.error = mail
        .error
        .map(|e| sanitize(&e, Mode::line(ERROR_CHARS)).into_owned());
    mail
}

impl ChatView {
    /// A newer report about the chat's e-mail; an older one (events of an earlier e-mail
    /// replayed late) changes nothing.
    pub fn set_mail(&mut self, mail: MailStatus) {
        if self.mail.as_ref().is_some_and(|m| m.mail_id > mail.mail_id) {
            return;
        }
        self.mail = Some(clean(mail));
    }
}

#[cfg(test)]
mod tests {
    use frontdesk_protocol::MailDelivery;

    use super::*;

    #[test]
    fn hostile_text_is_made_safe() {
        let mail = clean(MailStatus {
            mail_id: 1,
            chat_id: 2,
            recipient: "igor@example.ru\u{202e}\x1b[2J".into(),
            state: MailDelivery::Queued,
            attempts: 1,
            next_attempt_at: Some(5),
            error: Some("550 no\nsuch user\x07".into()),
            sent_at: None,
        });
        assert!(!mail.recipient.contains('\u{202e}'));
        assert!(!mail.recipient.contains('\x1b'));
        let error = mail.error.expect("kept");
        assert!(
            !error.contains('\n') && !error.contains('\x07'),
            "{error:?}"
        );
    }
}
