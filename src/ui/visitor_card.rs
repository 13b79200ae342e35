//! The visitor card: who the visitor in the open chat is, where they are on the site and how
//! they got there. Every value here came from the visitor's browser, so all of it passes the
//! sanitizer; what is not known says so instead of staying blank.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
use crate::app::state::ChatView;
use crate::i18n::CardLabels;
use crate::sanitize::{Mode, sanitize};
use crate::useragent;

/// Pages of the trail shown, newest first.
const TRAIL: usize = 6;

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let l = state.strings.card;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(l.title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(chat) = state.open_chat() else {
        frame.render_widget(Paragraph::new(Line::styled(l.no_chat, theme.dim())), inner);
        return;
    };
    let lines = card_lines(state, chat, l, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn clean(text: &str) -> String {
    sanitize(text, Mode::line(300)).into_owned()
}

fn field<'a>(label: &'a str, value: Option<String>, unknown: &'a str, theme: Theme) -> Line<'a> {
    let (value, style) = match value {
        Some(v) if !v.trim().is_empty() => (v, Style::default()),
        _ => (unknown.to_owned(), theme.dim()),
    };
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.dim()),
        Span::styled(value, style),
    ])
}

fn time(state: &State, millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map(|t| t.to_zoned(state.tz.clone()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}

fn card_lines<'a>(
    state: &State,
    chat: &ChatView,
    l: &'a CardLabels,
    theme: Theme,
) -> Vec<Line<'a>> {
    let v = &chat.visitor;
    let f = &v.fields;
    let unknown = l.unknown;
    let mut lines = vec![Line::styled(chat.label.clone(), theme.header())];
    if v.visits > 1 || v.chats > 1 {
        lines.push(Line::styled(
            format!(
                "↻ {} · {} {} · {} {}",
                l.returning, v.visits, l.visits, v.chats, l.chats
            ),
            theme.unread(),
        ));
    } else {
        lines.push(Line::styled(l.new_visitor, theme.dim()));
    }
    lines.push(field(
        l.email,
        f.email.as_deref().map(clean),
        unknown,
        theme,
    ));
    lines.push(field(
        l.phone,
        f.phone.as_deref().map(clean),
        unknown,
        theme,
    ));
    if let Some(d) = f.department.as_deref() {
        lines.push(field(l.department, Some(clean(d)), unknown, theme));
    }
    for (key, value) in &f.extra {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", clean(key)), theme.dim()),
            Span::raw(clean(value)),
        ]));
    }
    lines.push(Line::raw(""));
    match v.pages.last() {
        Some(page) => {
            lines.push(Line::styled(l.now_on, theme.dim()));
            if let Some(title) = page.title.as_deref() {
                lines.push(Line::styled(clean(title), theme.header()));
            }
            lines.push(Line::raw(clean(&page.url)));
        }
        None => lines.push(field(l.now_on, None, unknown, theme)),
    }
    if v.pages.len() > 1 {
        lines.push(Line::styled(l.trail, theme.dim()));
        for page in v.pages.iter().rev().skip(1).take(TRAIL) {
            let name = page.title.as_deref().unwrap_or(&page.url);
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", time(state, page.ts)), theme.dim()),
                Span::raw(clean(name)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(field(
        l.referrer,
        v.referrer.as_deref().map(clean),
        l.direct,
        theme,
    ));
    lines.push(field(
        l.search,
        v.search_query.as_deref().map(clean),
        unknown,
        theme,
    ));
    let place = match (v.city.as_deref(), v.region.as_deref()) {
        (Some(c), Some(r)) => Some(format!("{}, {}", clean(c), clean(r))),
        (Some(x), None) | (None, Some(x)) => Some(clean(x)),
        (None, None) => None,
    };
    lines.push(field(l.place, place, unknown, theme));
    let (browser, os) = v
        .user_agent
        .as_deref()
        .map(useragent::describe)
        .unwrap_or_default();
    let agent = match (browser, os) {
        (Some(b), Some(o)) => Some(format!("{b} · {o}")),
        (Some(b), None) => Some(b),
        (None, Some(o)) => Some(o.to_owned()),
        (None, None) => v
            .user_agent
            .as_deref()
            .map(|ua| clean(&ua.chars().take(60).collect::<String>())),
    };
    lines.push(field(l.browser, agent, unknown, theme));
    lines.push(field(
        l.language,
        v.language.as_deref().map(clean),
        unknown,
        theme,
    ));
    lines.push(field(
        l.chat_started,
        Some(time(state, chat.chat.created_at)),
        unknown,
        theme,
    ));
    lines.extend(earlier_lines(state, chat, l, theme));
    lines
}

/// The visitor's other conversations, newest first, as the server last listed them.
fn earlier_lines<'a>(
    state: &State,
    chat: &ChatView,
    l: &'a CardLabels,
    theme: Theme,
) -> Vec<Line<'a>> {
    let Some(chats) = state.earlier.get(&chat.visitor.id) else {
        return Vec::new();
    };
    let others: Vec<_> = chats.iter().filter(|c| c.chat.id != chat.chat.id).collect();
    if others.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::raw(""), Line::styled(l.earlier, theme.dim())];
    for summary in others {
        let when = jiff::Timestamp::from_millisecond(summary.chat.created_at)
            .map(|t| {
                t.to_zoned(state.tz.clone())
                    .strftime("%d.%m %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let preview = summary.preview.as_deref().map(clean).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("{when} ({}) ", summary.messages), theme.dim()),
            Span::raw(preview),
        ]));
    }
    lines
}
