//! Words of the e-mail copy of an answer to an offline message, in English and Russian.
//! `{to}` (the visitor's address), `{time}`, `{n}` (the attempt), `{wait}` and `{error}` are
//! filled in.

/// The line at the foot of a dialog whose answer goes out by e-mail.
#[derive(Debug, PartialEq, Eq)]
pub struct MailLabels {
    /// Queued, not tried yet (the batch of lines is still open).
    pub queued: &'static str,
    /// An attempt failed; another follows.
    pub retrying: &'static str,
    pub sent: &'static str,
    /// Given up.
    pub failed: &'static str,
}

pub static MAIL_EN: MailLabels = MailLabels {
    queued: "✉ e-mail to {to} goes out at {time}",
    retrying: "✉ not sent yet to {to} — retry {n} in {wait}: {error}",
    sent: "✉ sent to {to} {time}",
    failed: "✉ e-mail to {to} failed: {error}; the answer is kept in the dialog",
};

pub static MAIL_RU: MailLabels = MailLabels {
    queued: "✉ письмо на {to} уйдёт в {time}",
    retrying: "✉ письмо на {to} ещё не ушло — попытка {n} через {wait}: {error}",
    sent: "✉ отправлено на {to} {time}",
    failed: "✉ письмо на {to} не отправлено: {error}; ответ остался в диалоге",
};
