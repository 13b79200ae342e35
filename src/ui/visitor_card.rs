//! The visitor card: who the visitor in the open chat is, where they are on the site and how
//! they got there. Every value here came from the visitor's browser, so all of it passes the
//! sanitizer; what is not known says so instead of staying blank (beside the dialog; the
//! strip of a narrow screen, `visitor_card_strip.rs`, has no row to spare for it).
//!
//! The visitor's earlier conversations take the card's last rows, one row each, where
//! `State::earlier_rows` says (clicks use the same rows); the picked one is highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
use crate::app::geometry::Areas;
use crate::app::state::{ChatView, EarlierRows};
use crate::i18n::CardLabels;
use crate::sanitize::{Mode, sanitize};
use crate::useragent;
use frontdesk_protocol::VisitorProfile;

/// Pages of the trail shown, newest first.
const TRAIL: usize = 6;

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme<'_>) {
    let l = state.strings.card;
    let areas = state.areas();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title(
            state,
            &areas,
            l,
            usize::from(area.width.saturating_sub(2)),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // A team conversation has no visitor.
    let Some(chat) = state
        .focused_view()
        .filter(|_| state.pane_room(state.pane).is_none())
    else {
        frame.render_widget(Paragraph::new(Line::styled(l.no_chat, theme.dim())), inner);
        return;
    };
    let mut info = inner;
    let strip = areas.card_strip;
    if let Some(rows) = state.earlier_rows() {
        // Beside the dialog a blank row parts them; a strip has no row to spare.
        let gap = u16::from(!strip);
        info.height = rows.area.y.saturating_sub(inner.y).saturating_sub(gap);
        frame.render_widget(
            Paragraph::new(earlier_lines(state, &rows, l, theme)),
            rows.area,
        );
    }
    let lines = if strip {
        strip::lines(state, chat, l, theme, usize::from(info.width))
    } else {
        card_lines(state, chat, l, theme)
    };
    // A strip shows one row per line, cut; beside the dialog long values wrap.
    let paragraph = Paragraph::new(lines);
    let paragraph = if strip {
        paragraph
    } else {
        paragraph.wrap(Wrap { trim: false })
    };
    frame.render_widget(paragraph, info);
}

/// «Visitor», and on a narrow screen the key that shows the rest of the card or gives the
/// dialog its room back, where it fits whole in `room` columns.
fn title(state: &State, areas: &Areas, l: &CardLabels, room: usize) -> String {
    let hint = if areas.card_strip {
        l.whole_card
    } else if state.screen.card_whole && areas.dialog.height == 0 {
        l.hide_card
    } else {
        return l.title.to_owned();
    };
    match super::hints::shown_key(state, "global", crate::action::Command::ToggleCard) {
        Some(key) => {
            let with_hint = format!("{} · {}", l.title, hint.replace("{key}", &key));
            if crate::app::wrap::width(&with_hint) <= room {
                with_hint
            } else {
                l.title.to_owned()
            }
        }
        None => l.title.to_owned(),
    }
}

fn clean(text: &str) -> String {
    sanitize(text, Mode::line(300)).into_owned()
}

/// "Label: value", or the label with `unknown` dimmed when the value is not known.
fn field(label: &str, value: Option<String>, unknown: &str, theme: Theme<'_>) -> Line<'static> {
    let (value, style) = match value {
        Some(v) if !v.trim().is_empty() => (v, Style::default()),
        _ => (unknown.to_owned(), theme.dim()),
    };
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.dim()),
        Span::styled(value, style),
    ])
}

/// "Now on" while the visitor may be on the site in this chat, else "Last page".
fn page_label<'a>(chat: &ChatView, l: &'a CardLabels) -> &'a str {
    if chat.visitor_may_be_here() {
        l.now_on
    } else {
        l.last_page
    }
}

/// The card's lines beside the dialog: everything, in sections.
fn card_lines<'a>(
    state: &State,
    chat: &ChatView,
    l: &'a CardLabels,
    theme: Theme<'_>,
) -> Vec<Line<'a>> {
    let v = &chat.visitor;
    let unknown = l.unknown;
    let who = vec![
        Line::styled(chat.label.clone(), theme.header()),
        visits(v, l, theme),
    ];
    let contact = contact_lines(state, v, l, theme);
    let place = field(l.place, city(v, l), unknown, theme);
    let referrer = field(
        l.referrer,
        v.referrer.as_deref().map(clean),
        l.direct,
        theme,
    );
    let search = field(
        l.search,
        v.search_query.as_deref().map(clean),
        unknown,
        theme,
    );
    let browser = field(l.browser, agent(v), unknown, theme);
    let language = field(l.language, v.language.as_deref().map(clean), unknown, theme);
    let started = field(
        l.chat_started,
        Some(state.clock_time(chat.chat.created_at)),
        unknown,
        theme,
    );
    let mut lines = who;
    lines.extend(contact);
    lines.push(Line::raw(""));
    let where_label = page_label(chat, l);
    match v.pages.last() {
        Some(page) => {
            lines.push(Line::styled(where_label, theme.dim()));
            if let Some(title) = page.title.as_deref() {
                lines.push(Line::styled(clean(title), theme.header()));
            }
            lines.push(Line::raw(clean(&page.url)));
        }
        None => lines.push(field(where_label, None, unknown, theme)),
    }
    if v.pages.len() > 1 {
        lines.push(Line::styled(l.trail, theme.dim()));
        for page in v.pages.iter().rev().skip(1).take(TRAIL) {
            let name = page.title.as_deref().unwrap_or(&page.url);
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", state.clock_time(page.ts)), theme.dim()),
                Span::raw(clean(name)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.extend([referrer, search, place, browser, language, started]);
    lines
}

/// "↻ returning · 3 visits · 2 chats", or a first visit with its chats.
fn visits<'a>(v: &VisitorProfile, l: &'a CardLabels, theme: Theme<'_>) -> Line<'a> {
    let chats = format!("{} {}", v.chats, counted(l, &l.chats, v.chats));
    // Returning means an earlier visit; a second chat in the same visit is not one.
    if v.visits > 1 {
        let visits = format!("{} {}", v.visits, counted(l, &l.visits, v.visits));
        Line::styled(
            format!("↻ {} · {visits} · {chats}", l.returning),
            theme.unread(),
        )
    } else if v.chats > 1 {
        Line::styled(format!("{} · {chats}", l.new_visitor), theme.dim())
    } else {
        Line::styled(l.new_visitor, theme.dim())
    }
}

/// E-mail, phone, department and the form's other fields (its city goes into City).
fn contact_lines<'a>(
    state: &State,
    v: &VisitorProfile,
    l: &'a CardLabels,
    theme: Theme<'_>,
) -> Vec<Line<'a>> {
    let f = &v.fields;
    let mut lines: Vec<Line<'a>> = v
        .customer_id
        .iter()
        .map(|id| customer(id, l, theme))
        .collect();
    lines.extend([
        field(l.email, f.email.as_deref().map(clean), l.unknown, theme),
        field(l.phone, f.phone.as_deref().map(clean), l.unknown, theme),
    ]);
    if let Some(d) = f.department.as_deref() {
        lines.push(field(l.department, Some(clean(d)), l.unknown, theme));
    }
    for (key, value) in f.extra.iter().filter(|(k, _)| !is_city_key(k)) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", form_label(state, key)), theme.dim()),
            Span::raw(clean(value)),
        ]));
    }
    lines
}

/// «Customer: shop-42 ✓»: the site's own id of a customer it vouched for, the one value on the
/// card the visitor could not have typed (the mark says so).
pub(super) fn customer<'a>(id: &str, l: &CardLabels, theme: Theme<'_>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{}: ", l.customer), theme.dim()),
        Span::raw(clean(id)),
        Span::styled(" ✓", theme.online()),
    ])
}

/// A field of the site's own under the label the site gives it, else under its key.
pub(super) fn form_label(state: &State, key: &str) -> String {
    clean(state.form_labels.get(key).map_or(key, String::as_str))
}

fn agent(v: &VisitorProfile) -> Option<String> {
    agent_text(v.user_agent.as_deref())
}

/// The browser and system a user agent names, or its first words (sanitized).
pub(super) fn agent_text(user_agent: Option<&str>) -> Option<String> {
    let (browser, os) = user_agent.map(useragent::describe).unwrap_or_default();
    match (browser, os) {
        (Some(b), Some(o)) => Some(format!("{b} · {o}")),
        (Some(b), None) => Some(b),
        (None, Some(o)) => Some(o.to_owned()),
        (None, None) => user_agent.map(|ua| clean(&ua.chars().take(60).collect::<String>())),
    }
}

/// Names a site may give the pre-chat form's city field.
const FORM_CITY_KEYS: [&str; 2] = ["city", "город"];

/// A value that says something, trimmed.
fn known(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn is_city_key(key: &str) -> bool {
    let key = key.trim().to_lowercase();
    FORM_CITY_KEYS.contains(&key.as_str())
}

/// One city for the card, labelled with where it came from: the one the visitor's IP address
/// gives (the proxy's geo headers), else the one typed into the form; the form's follows the
/// IP's only when it names another city (a delivery city, say).
fn city(v: &VisitorProfile, l: &CardLabels) -> Option<String> {
    let by_ip = match (known(&v.city), known(&v.region)) {
        (Some(c), Some(r)) => Some(format!("{}, {}", clean(c), clean(r))),
        (Some(x), None) | (None, Some(x)) => Some(clean(x)),
        (None, None) => None,
    };
    let form = v
        .fields
        .extra
        .iter()
        .find(|(k, value)| is_city_key(k) && !value.trim().is_empty())
        .map(|(_, value)| value.trim());
    let same = |form: &str| known(&v.city).is_some_and(|c| c.to_lowercase() == form.to_lowercase());
    match (by_ip, form) {
        (Some(ip), Some(form)) if !same(form) => Some(format!(
            "{ip} ({}) · {} ({})",
            l.city_by_ip,
            clean(form),
            l.city_from_form
        )),
        (Some(ip), _) => Some(format!("{ip} ({})", l.city_by_ip)),
        (None, Some(form)) => Some(format!("{} ({})", clean(form), l.city_from_form)),
        (None, None) => None,
    }
}

/// The visitor's other conversations, newest first, one row each: date, messages, preview.
fn earlier_lines<'a>(
    state: &State,
    rows: &EarlierRows<'_>,
    l: &'a CardLabels,
    theme: Theme<'_>,
) -> Vec<Line<'a>> {
    let width = usize::from(rows.area.width);
    // Viewing an old chat, its visitor's later ones are listed too: not "earlier" then.
    let shown_at = state.focused_view().map(|v| v.chat.created_at);
    let newer = state
        .earlier_listed()
        .iter()
        .any(|c| shown_at.is_some_and(|at| c.chat.created_at > at));
    let heading = if newer { l.other_chats } else { l.earlier };
    let mut lines = vec![Line::styled(heading, theme.dim())];
    for summary in &rows.shown {
        let when = jiff::Timestamp::from_millisecond(summary.chat.created_at)
            .map(|t| {
                t.to_zoned(state.tz.clone())
                    .strftime("%d.%m.%y")
                    .to_string()
            })
            .unwrap_or_default();
        let preview = summary.preview.as_deref().map(clean).unwrap_or_default();
        let mut spans = vec![Span::raw(format!("{when} ({}) ", summary.messages))];
        // What the visitor thought of it, before their first words: a bad one stands out.
        if let Some(rating) = summary.rating {
            let style = rating.pick([theme.online(), theme.wait_alarm()]);
            let word = rating.pick(l.rated);
            spans.extend([Span::styled(word, style), Span::raw(" · ")]);
        }
        spans.push(Span::raw(preview));
        // A preview longer than the row reads as cut.
        let line = super::columns::fit_line_marked(Line::from(spans), width, theme.dim());
        if state.earlier_pick == Some(summary.chat.id) {
            lines.push(line.patch_style(theme.selected()));
        } else {
            lines.push(line);
        }
    }
    lines
}

/// The form of a counted word for `n` under the language's plural rule.
fn counted<'a>(l: &CardLabels, forms: &[&'a str; 3], n: u32) -> &'a str {
    forms[l.plural.form(usize::try_from(n).unwrap_or(usize::MAX))]
}

#[path = "visitor_card_strip.rs"]
mod strip;

#[cfg(test)]
#[path = "visitor_card_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "visitor_gone_tests.rs"]
mod gone_tests;

#[cfg(test)]
#[path = "quiet_close_tests.rs"]
mod quiet_close_tests;
