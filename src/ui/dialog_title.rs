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
        let used: usize = spans.iter().map(Span::width).sum();
        let text = gone_words(state, chat, room.saturating_sub(used + 4));
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
        // Parted from the title's other parts as they are from each other.
        spans.push(Span::raw(" ·"));
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
    // Parts that each end and begin with a blank meet with one.
    for i in 1..spans.len() {
        if spans[i].content.starts_with(' ') && spans[i - 1].content.ends_with(' ') {
            let trimmed = spans[i - 1].content.trim_end_matches(' ').to_owned();
            spans[i - 1].content = trimmed.into();
        }
    }
    // What the border cannot hold reads as cut, not as the whole of it.
    super::columns::fit_line_marked(Line::from(spans), room, theme.dim())
}

/// "нет на сайте с 14:05: ответ уйдёт и на почту", or as much of it as fits `room`: the mail
/// note before the time, "нет на сайте" always.
fn gone_words(state: &State, chat: &ChatView, room: usize) -> String {
    let words = state.strings.card;
    let email = chat.visitor.fields.email.as_deref();
    let mailed = state.mail_answers && email.is_some_and(|e| !e.trim().is_empty());
    let since = chat.visitor_away.and_then(|a| a.since);
    let at = since.map(|t| words.left_site_at.replace("{time}", &clock(state, t)));
    let with_mail = |base: &str| format!("{base}: {}", words.by_mail_too);
    let mut told = Vec::new();
    if mailed {
        told.extend(at.as_deref().map(with_mail));
        told.push(with_mail(words.left_site));
    }
    told.extend(at);
    told.push(words.left_site.to_owned());
    // When the chat closes by itself comes first where it fits: it is what the operator can
    // still act on.
    let offered = state.offers.contains_key(&chat.chat.id);
    let closes = state
        .quiet_close_after_ms
        .and_then(|after| chat.closes_quietly_at(after, offered))
        .map(|at| words.closes_at.replace("{time}", &clock(state, at)));
    let with_close = closes
        .iter()
        .flat_map(|closes| told.iter().map(move |t| format!("{t}, {closes}")));
    let choices: Vec<String> = with_close.chain(told.iter().cloned()).collect();
    choices
        .into_iter()
        .find(|c| wrap::width(c) <= room)
        .unwrap_or_else(|| words.left_site.to_owned())
}

/// `14:05` on the operator's clock; `05.12 14:05` on another day than today.
fn clock(state: &State, millis: i64) -> String {
    crate::app::state::clock_time_seen(&state.tz, millis, state.now)
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
