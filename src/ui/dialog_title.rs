//! A dialog pane's borders: the title ("2 Ольга · read-only 12.11.2026 · 2/7") and the search
//! prompt on the bottom border.

use frontdesk_protocol::OperatorStatus;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use crate::app::search::Search;
use crate::app::state::{ChatView, Pane};
use crate::app::{State, wrap};
use crate::sanitize::{Mode, sanitize};

/// "2 Ольга · read-only 12.11.2026 · 2/7": pane number, label, the date of an earlier
/// chat, and where the search is.
pub(super) fn title(
    state: &State,
    (index, pane): (usize, &Pane),
    chat: Option<&ChatView>,
    search: Option<&Search>,
    style: Style,
    room: usize,
    theme: Theme<'_>,
) -> Line<'static> {
    let s = state.strings;
    let label = chat.map_or("", |c| c.label.as_str());
    let head = if state.panes.len() > 1 {
        format!("{} {label}", index + 1)
    } else {
        label.to_owned()
    };
    let mut spans = Vec::new();
    if !head.is_empty() {
        spans.push(Span::styled(head, style));
    }
    if let (Some(chat), Some(_)) = (chat, pane.earlier) {
        let date = jiff::Timestamp::from_millisecond(chat.chat.created_at)
            .map(|t| {
                t.to_zoned(state.tz.clone())
                    .strftime("%d.%m.%Y")
                    .to_string()
            })
            .unwrap_or_default();
        spans.push(Span::styled(
            format!(" · {} {date} ", s.search.read_only),
            theme.unread(),
        ));
    }
    // The visitor closed the site: an answer waits until they come back, or also goes to
    // the e-mail of their form where the server mails (as it then does, `docs/offline.md`).
    if let Some(chat) = chat.filter(|c| pane.earlier.is_none() && c.visitor_gone()) {
        let email = chat.visitor.fields.email.as_deref();
        let text = if state.mail_answers && email.is_some_and(|e| !e.trim().is_empty()) {
            s.card.left_site_mail
        } else {
            s.card.left_site
        };
        spans.push(Span::styled(format!(" · {text} "), theme.dim()));
    }
    // Offered to me: by whom, and how to take it or say no.
    if let Some(offer) = chat.and_then(|c| state.offered_to_me(c.chat.id)) {
        let by = state.operator_label(offer.from_operator_id);
        let text = s.commands.offered.replace("{name}", &by);
        spans.push(Span::styled(format!(" · {text} "), theme.unread()));
    }
    // Offered by me: to whom, and that the chat is mine until they answer.
    if let Some(offer) = chat.and_then(|c| state.offered_by_me(c.chat.id)) {
        let to = state.operators.get(&offer.to_operator_id);
        let name = state.operator_label(offer.to_operator_id);
        let here = to.is_some_and(|o| o.status == OperatorStatus::Online);
        let text = if here {
            s.commands.offering
        } else {
            s.commands.offering_absent
        };
        let text = text.replace("{name}", &name);
        spans.push(Span::styled(format!(" · {text} "), theme.wait_warning()));
    }
    // Colleagues whose consoles show this chat too.
    if let Some(chat) = chat.filter(|_| pane.earlier.is_none()) {
        let mut names: Vec<String> = state
            .viewing
            .iter()
            .filter(|(_, c)| **c == chat.chat.id)
            .filter_map(|(op, _)| state.operators.get(op))
            .map(|op| {
                crate::sanitize::sanitize(&op.display_name, crate::sanitize::Mode::NAME)
                    .into_owned()
            })
            .collect();
        names.sort();
        if !names.is_empty() {
            let text = s.commands.also_here.replace("{names}", &names.join(", "));
            spans.push(Span::styled(format!(" · {text} "), theme.wait_warning()));
        }
    }
    if let Some(search) = search {
        let count = match search.position() {
            Some((k, n)) => format!(" {k}/{n} "),
            None if search.hits.is_empty() => format!(" {} ", s.search.no_matches),
            None => format!(" {} ", search.hits.len()),
        };
        spans.push(Span::styled(count, theme.search_current()));
    }
    // The standards' cues last, each only where it fits whole.
    if let Some(chat) = chat.filter(|_| pane.earlier.is_none()) {
        let mut used: usize = spans.iter().map(Span::width).sum();
        let before = spans.len();
        // Each cue needs its room plus the blank that closes the title.
        for cue in super::compose_marks::cues(state, chat, index == state.pane, theme) {
            if used + cue.width() < room {
                used += cue.width();
                spans.push(cue);
            }
        }
        if spans.len() > before {
            spans.push(Span::raw(" "));
        }
    }
    Line::from(spans)
}

pub(super) fn search_query(chat: Option<&ChatView>) -> String {
    let query = chat
        .and_then(|c| c.search.as_ref())
        .map_or("", |s| s.query.as_str());
    // Typed or pasted: it may hold anything.
    sanitize(query, Mode::line(200)).into_owned()
}

/// " /query▕" on the pane's bottom border, the end of a long query kept in view.
pub(super) fn prompt(query: &str, width: u16, theme: Theme<'_>) -> Line<'static> {
    let room = usize::from(width).saturating_sub(8).max(1);
    let mut shown = query;
    while wrap::width(shown) > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    Line::from(vec![
        Span::styled(" /", theme.header()),
        Span::raw(shown.to_owned()),
        Span::styled(" ", theme.cursor()),
        Span::raw(" "),
    ])
}
