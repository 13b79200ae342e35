//! "On the site now": a screen over the chat list and panes (the status bar stays) with the
//! visitors who have the widget open and no chat, their page and time on it, pages this
//! stay, where they came from, city, visits. Rows come from `app::site`; every text in them
//! is the visitor's and goes through `sanitize`. Narrow columns go first on small screens.

use frontdesk_protocol::SiteVisitor;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::columns::{cut, fit_hints, fit_line, pad, pad_left};
use super::{Theme, format_elapsed, put_lines, screen_frame};
use crate::action::Command;
use crate::app::State;
use crate::app::site::{site_cursor, site_rows};
use crate::app::state::SiteSort;
use crate::i18n::SiteLabels;
use crate::sanitize::{Mode, sanitize};

/// Fixed columns: time on the page, pages, visits, new or returning.
const ON_PAGE: usize = 7;
const PAGES: usize = 5;
const VISITS: usize = 6;
const KIND: usize = 10;
/// The card of the visitor under the cursor shows from this inner height on (an opened one
/// always).
const CARD_FROM_HEIGHT: usize = 16;
/// Most pages of an opened card's trail, newest first; rows of the list keep at least
/// [`MIN_ROWS`].
const TRAIL: usize = 6;
const MIN_ROWS: usize = 3;

pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let status = state.areas().status;
    let area = Rect::new(0, 0, state.screen.width, status.y).intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let words = state.strings.site;
    let rows = site_rows(state);
    let sort = match state.site.sort {
        SiteSort::TimeOnSite => words.sort_on_site,
        SiteSort::TimeOnPage => words.sort_on_page,
        SiteSort::Visits => words.sort_visits,
    };
    let title = format!(
        " {} · {sort} ",
        words.title.replace("{n}", &rows.len().to_string())
    );
    let inner = screen_frame(frame, area, &title, theme);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let mut lines = vec![
        prompt_line(state, width, theme),
        header(words, width, theme),
    ];
    // The card of the visitor under the cursor at the bottom, where there is room; the last
    // line is the keys (or the invitation's).
    let opened = state.site.card.is_some();
    let card = site_cursor(state, &rows)
        .filter(|_| opened || height >= CARD_FROM_HEIGHT)
        .map(|at| {
            let mut card = card_lines(state, rows[at], width, theme);
            let room = height.saturating_sub(3 + MIN_ROWS + card.len());
            card.extend(opened_lines(state, rows[at], width, room, theme));
            card
        })
        .unwrap_or_default();
    let room = height.saturating_sub(3 + card.len());
    lines.extend(row_lines(state, &rows, room, width, theme));
    while lines.len() + 1 + card.len() < height {
        lines.push(Line::raw(""));
    }
    lines.extend(card);
    let hint = if state.site.invite.is_some() {
        words.invite_hint.to_owned()
    } else {
        let key = super::hints::key_for(state, "site", Command::InviteVisitor);
        let invite = key.map_or_else(String::new, |k| words.invite_key.replace("{key}", &k));
        words.hint.replace("{invite}", &invite)
    };
    lines.push(Line::styled(fit_hints(&hint, width), theme.dim()));
    put_lines(frame, inner, &lines);
}

/// The filter as typed, or the invitation being written.
fn prompt_line(state: &State, width: usize, theme: Theme<'_>) -> Line<'static> {
    let words = state.strings.site;
    let (label, text) = match &state.site.invite {
        Some(text) => (words.invite, text),
        None => (words.filter, &state.site.filter),
    };
    let text = sanitize(text, Mode::line(width)).into_owned();
    fit_line(
        vec![
            Span::styled(label.to_owned(), theme.header()),
            Span::raw(text),
            Span::styled("▏", theme.cursor()),
        ],
        width,
    )
}

/// The site a referrer names, for a column a third of the row wide:
/// `https://www.duckduckgo.com/?q=x` → `duckduckgo.com` (the card shows the whole address).
pub(super) fn referrer_site(url: &str) -> &str {
    let Some((host, _)) = authority_and_path(url) else {
        return url;
    };
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.is_empty() { url } else { host }
}

/// A page without a title by its path: every row is on the same site, so
/// `https://shop.example/shoes?id=7` → `/shoes?id=7`.
pub(super) fn page_path(url: &str) -> &str {
    match authority_and_path(url) {
        Some((_, "")) => "/",
        Some((_, path)) => path,
        None => url,
    }
}

/// `scheme://authority/path?query#part` as (authority, the rest from the path on); `None`
/// without a scheme.
fn authority_and_path(url: &str) -> Option<(&str, &str)> {
    let (_, rest) = url.split_once("://")?;
    Some(rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len())))
}

/// Widths of the page and the "from" columns; the city's (0: left out).
fn columns(width: usize) -> (usize, usize, usize) {
    let fixed = 2 + ON_PAGE + PAGES + VISITS + KIND + 5;
    let left = width.saturating_sub(fixed);
    let city = if left >= 60 { 14 } else { 0 };
    let left = left.saturating_sub(city + usize::from(city > 0));
    let from = left / 3;
    (left - from, from, city)
}

fn header(words: &SiteLabels, width: usize, theme: Theme<'_>) -> Line<'static> {
    let (page, from, city) = columns(width);
    let mut text = format!(
        "  {} {} {} {}",
        pad(words.page, page),
        pad_left(words.on_page, ON_PAGE),
        pad_left(words.pages, PAGES),
        pad(words.from, from)
    );
    if city > 0 {
        text += &format!(" {}", pad(words.city, city));
    }
    text += &format!(" {} {}", pad_left(words.visits, VISITS), pad("", KIND));
    Line::styled(cut(&text, width), theme.dim())
}

fn row_lines(
    state: &State,
    rows: &[&SiteVisitor],
    room: usize,
    width: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    if rows.is_empty() {
        return vec![Line::styled(
            cut(state.strings.site.nobody, width),
            theme.dim(),
        )];
    }
    let cursor = site_cursor(state, rows);
    // The cursor's row stays in view.
    let first = cursor.map_or(0, |at| (at + 1).saturating_sub(room));
    rows.iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(i, row)| row_line(state, row, cursor == Some(i), width, theme))
        .collect()
}

fn row_line(
    state: &State,
    row: &SiteVisitor,
    selected: bool,
    width: usize,
    theme: Theme<'_>,
) -> Line<'static> {
    let words = state.strings.site;
    let (page, from, city) = columns(width);
    let clean = |text: Option<&str>, room: usize| {
        sanitize(text.unwrap_or_default(), Mode::line(room.max(1))).into_owned()
    };
    let shown_page = row.title.as_deref().filter(|t| !t.trim().is_empty());
    let page_text = clean(shown_page.or(row.url.as_deref().map(page_path)), page);
    let came_from = clean(
        row.search_query
            .as_deref()
            .or(row.referrer.as_deref().map(referrer_site)),
        from,
    );
    let on_page = format_elapsed(state.now - row.page_since, state.strings.day_hour);
    let kind = if row.invited {
        words.invited
    } else if row.returning {
        words.returning
    } else {
        words.new
    };
    let marker = if selected { "▌ " } else { "  " };
    let name_style = if selected {
        theme.selected()
    } else {
        theme.header()
    };
    let mut spans = vec![
        Span::raw(marker),
        Span::styled(pad(&page_text, page), name_style),
        Span::raw(format!(
            " {} {} ",
            pad_left(&on_page, ON_PAGE),
            pad_left(&row.pages.to_string(), PAGES)
        )),
        Span::styled(pad(&came_from, from), theme.dim()),
    ];
    if city > 0 {
        spans.push(Span::raw(format!(
            " {}",
            pad(&clean(row.city.as_deref(), city), city)
        )));
    }
    spans.push(Span::raw(format!(
        " {} ",
        pad_left(&row.visits.to_string(), VISITS)
    )));
    let kind_style = if row.invited {
        theme.wait_warning()
    } else {
        theme.dim()
    };
    spans.push(Span::styled(pad(kind, KIND), kind_style));
    fit_line(spans, width)
}

/// The visitor under the cursor in full: what the row cuts short, one value a line.
fn card_lines(
    state: &State,
    row: &SiteVisitor,
    width: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let words = state.strings.site;
    let value = |text: Option<&str>| {
        text.filter(|t| !t.trim().is_empty()).map_or_else(
            || words.unknown.to_owned(),
            |t| sanitize(t, Mode::line(width)).into_owned(),
        )
    };
    let on_site = format!(
        "{} · {}: {} · {}: {}",
        format_elapsed(state.now - row.since, state.strings.day_hour),
        words.pages,
        row.pages,
        words.visits,
        row.visits
    );
    let field = |label: &str, text: String| {
        fit_line(
            vec![Span::styled(label.to_owned(), theme.dim()), Span::raw(text)],
            width,
        )
    };
    let name = format!(
        "{} · {}: {}",
        value(row.name.as_deref()),
        words.city,
        value(row.city.as_deref())
    );
    vec![
        Line::styled("─".repeat(width), theme.dim()),
        field(words.card_name, name),
        field(words.card_url, value(row.url.as_deref())),
        field(words.card_referrer, value(row.referrer.as_deref())),
        field(words.card_search, value(row.search_query.as_deref())),
        field(
            words.card_language,
            format!(
                "{} · {}{on_site}",
                value(row.language.as_deref()),
                words.card_on_site
            ),
        ),
    ]
}

/// What an opened card adds (enter): the browser, then the latest pages newest first, as
/// many as `room` lines hold. Nothing for a card not opened, or opened on another visitor.
fn opened_lines(
    state: &State,
    row: &SiteVisitor,
    width: usize,
    room: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let words = state.strings.site;
    let Some(card) = state
        .site
        .card
        .as_ref()
        .filter(|card| card.visitor_id == row.visitor_id)
    else {
        return Vec::new();
    };
    let field = |label: &str, text: String, style| {
        fit_line(
            vec![
                Span::styled(label.to_owned(), theme.dim()),
                Span::styled(text, style),
            ],
            width,
        )
    };
    let Some(details) = &card.details else {
        return vec![field(
            words.card_browser,
            words.card_asking.to_owned(),
            theme.dim(),
        )];
    };
    let browser = super::visitor_card::agent_text(details.user_agent.as_deref());
    let mut lines = vec![match browser {
        Some(text) => field(words.card_browser, text, theme.header()),
        None => field(words.card_browser, words.unknown.to_owned(), theme.dim()),
    }];
    let shown = details.pages.len().min(TRAIL).min(room.saturating_sub(2));
    if shown > 0 {
        lines.push(Line::styled(cut(words.card_trail, width), theme.dim()));
        for page in details.pages.iter().rev().take(shown) {
            let name = page
                .title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(&page.url);
            lines.push(fit_line(
                vec![
                    Span::styled(format!("  {} ", state.clock_time(page.ts)), theme.dim()),
                    Span::raw(sanitize(name, Mode::line(width)).into_owned()),
                ],
                width,
            ));
        }
    }
    lines
}
