//! Where an answer's e-mail stands: a line at the foot of the dialog, a mark in the list.
//! The address and the error were sanitized when they came in (`app/state/mail.rs`).

use frontdesk_protocol::{MailDelivery, MailStatus};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, format_elapsed};
use crate::app::State;
use crate::app::state::{ChatView, GUTTER, Who, cut_to_width};
use crate::app::wrap::wrap;

/// Most rows the e-mail line takes at the foot of a dialog.
const MAX_ROWS: usize = 3;

/// The dialog's e-mail line, wrapped to `cols` (at most [`MAX_ROWS`] rows); empty when the
/// chat has no e-mail.
pub fn lines(state: &State, chat: &ChatView, cols: usize, theme: Theme<'_>) -> Vec<Line<'static>> {
    let Some(mail) = chat.mail.as_ref() else {
        return Vec::new();
    };
    let style = match mail.state {
        MailDelivery::Failed => theme.wait_alarm(),
        MailDelivery::Queued if mail.attempts > 0 => theme.wait_warning(),
        _ => theme.system(),
    };
    let room = cols.saturating_sub(GUTTER).max(1);
    let mut rows = wrap(&text(state, mail), room, 0);
    if rows.len() > MAX_ROWS {
        rows.truncate(MAX_ROWS);
        if let Some(last) = rows.last_mut() {
            *last = format!("{}…", cut_to_width(last, room.saturating_sub(1)));
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let gutter = if i == 0 {
                super::dialog::gutter(Who::System, theme)
            } else {
                Span::raw(" ".repeat(GUTTER))
            };
            Line::from(vec![gutter, Span::styled(row, style)])
        })
        .collect()
}

/// The line's words in the console's language.
pub fn text(state: &State, mail: &MailStatus) -> String {
    let words = state.strings.mail;
    let template = match mail.state {
        MailDelivery::Queued if mail.attempts == 0 => words.queued,
        MailDelivery::Queued => words.retrying,
        MailDelivery::Sent => words.sent,
        MailDelivery::Failed => words.failed,
    };
    let at = match mail.state {
        MailDelivery::Sent => mail.sent_at,
        _ => mail.next_attempt_at,
    };
    let wait = mail
        .next_attempt_at
        .map_or(0, |next| next.saturating_sub(state.now));
    template
        .replace("{to}", &mail.recipient)
        .replace(
            "{time}",
            &at.map(|t| state.clock_time(t)).unwrap_or_default(),
        )
        .replace("{n}", &(mail.attempts.saturating_add(1)).to_string())
        .replace("{wait}", &format_elapsed(wait, state.strings.day_hour))
        .replace("{error}", mail.error.as_deref().unwrap_or(""))
}

/// The list row's mark: ` ✉` sent, ` ✉…` still to go, ` ✉!` given up.
pub fn mark(chat: &ChatView, theme: Theme<'_>) -> (String, Style) {
    match chat.mail.as_ref().map(|m| (m.state, m.attempts)) {
        None => (String::new(), theme.dim()),
        Some((MailDelivery::Sent, _)) => (" ✉".to_owned(), theme.dim()),
        Some((MailDelivery::Queued, 0)) => (" ✉…".to_owned(), theme.dim()),
        Some((MailDelivery::Queued, _)) => (" ✉…".to_owned(), theme.wait_warning()),
        Some((MailDelivery::Failed, _)) => (" ✉!".to_owned(), theme.wait_alarm()),
    }
}
