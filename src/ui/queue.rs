//! The queue view: a screen over the chat list and panes (the status bar stays) with the
//! chats waiting for an answer, longest wait first, and the operators with their status and
//! load. Rows come from `app::queue`; this only lays them out. Columns are cut by display
//! width and the narrow ones dropped first, so nothing overflows at 80x24 or below.

use frontdesk_protocol::OperatorStatus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::columns::{cut, fit_line, pad, pad_left};
use super::{Theme, format_elapsed, put_lines, screen_frame};
use crate::app::State;
use crate::app::queue::{self, ChatRow, OperatorRow, Urgency};
use crate::app::state::{Targets, Today};
use crate::i18n::{QueueLabels, Strings};

/// Columns of the wait and of the countdown ("1:02:03", "+12:34").
const WAIT: usize = 7;
const TARGET: usize = 7;
/// Columns of the operators' status, time in it and load.
const STATUS: usize = 9;
const SINCE: usize = 7;
const LOAD: usize = 5;

pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let status = state.areas().status;
    let area = Rect::new(0, 0, state.screen.width, status.y).intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let words = state.strings.queue;
    let title = if queue::limited(state) {
        format!(" {} · {} ", words.title, words.limited)
    } else {
        format!(" {} ", words.title)
    };
    let inner = screen_frame(frame, area, &title, theme);
    let lines = lines(
        state,
        usize::from(inner.width),
        usize::from(inner.height),
        theme,
    );
    put_lines(frame, inner, &lines);
}

/// Every line of the view, `height` at most.
fn lines(state: &State, width: usize, height: usize, theme: Theme<'_>) -> Vec<Line<'static>> {
    let words = state.strings.queue;
    let chats = queue::chat_rows(state);
    let operators = queue::operator_rows(state);
    // Two headings with their column names, and a blank line between the parts; today's
    // totals after a blank line, once the server told them.
    let totals = state
        .queue
        .today
        .map(|t| today_line(state.strings, t, width, theme));
    let room = height.saturating_sub(5 + if totals.is_some() { 2 } else { 0 });
    let (chat_room, operator_room) = split(room, chats.len().max(1), operators.len());
    let mut out = vec![
        heading(words.waiting, chats.len(), width, theme),
        chat_header(words, width, theme),
    ];
    out.extend(chat_lines(state, &chats, chat_room, width, theme));
    out.push(Line::raw(""));
    out.push(heading(words.operators, operators.len(), width, theme));
    out.push(operator_header(words, width, theme));
    out.extend(
        visible(&operators, operator_room, 0, words)
            .into_iter()
            .map(|shown| match shown {
                Shown::Row(o) => operator_line(state.strings, o, width, theme),
                Shown::More(text) => Line::styled(cut(&text, width), theme.dim()),
            }),
    );
    if let Some(line) = totals {
        out.push(Line::raw(""));
        out.push(line);
    }
    out.truncate(height);
    out
}

fn today_line(strings: &Strings, t: Today, width: usize, theme: Theme<'_>) -> Line<'static> {
    let words = strings.queue;
    let median = t
        .median_first_response_ms
        .map_or_else(|| "—".to_owned(), |ms| format_elapsed(ms, strings.day_hour));
    let line = |left: &str| {
        words
            .today
            .replace("{chats}", &t.chats.to_string())
            .replace("{answered}", &t.answered.to_string())
            .replace("{missed}", &t.missed.to_string())
            .replace("{left}", left)
            .replace("{median}", &median)
    };
    // Those who left before an answer where the line still fits with them (a wide view).
    let with_left = line(
        &words
            .left_waiting
            .replace("{n}", &t.left_waiting.to_string()),
    );
    let text = if crate::app::wrap::width(&with_left) <= width {
        with_left
    } else {
        line("")
    };
    Line::styled(cut(&text, width), theme.header())
}

/// Rows for the chats and for the operators out of `room`: both whole when they fit, else
/// the chats at least half (they are what the view is for) and the operators the rest.
fn split(room: usize, chats: usize, operators: usize) -> (usize, usize) {
    if chats + operators <= room {
        return (chats, operators);
    }
    let chat_room = chats.min(room.saturating_sub(operators).max(room.div_ceil(2)));
    (chat_room, room - chat_room)
}

enum Shown<'a, T> {
    Row(&'a T),
    More(String),
}

/// The rows that fit in `room` from `first` on; when some do not fit the last line says how
/// many are left out.
fn visible<'a, T>(
    rows: &'a [T],
    room: usize,
    first: usize,
    words: &QueueLabels,
) -> Vec<Shown<'a, T>> {
    if rows.len() <= room {
        return rows.iter().map(Shown::Row).collect();
    }
    let shown = room.saturating_sub(1);
    let first = first.min(rows.len() - shown);
    let mut out: Vec<Shown<'a, T>> = rows[first..first + shown].iter().map(Shown::Row).collect();
    if room > 0 {
        let more = (rows.len() - shown).to_string();
        out.push(Shown::More(words.more.replace("{n}", &more)));
    }
    out
}

fn chat_lines(
    state: &State,
    rows: &[ChatRow],
    room: usize,
    width: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let words = state.strings.queue;
    if rows.is_empty() {
        return vec![Line::styled(cut(words.nobody_waits, width), theme.dim())];
    }
    let cursor = queue::cursor_index(state, rows);
    // The cursor's row stays in view: the window starts late enough to hold it.
    let fits = rows.len() <= room;
    let first = match (fits, cursor) {
        (false, Some(at)) => (at + 2).saturating_sub(room),
        _ => 0,
    };
    visible(rows, room, first, words)
        .into_iter()
        .map(|shown| match shown {
            Shown::Row(row) => {
                let selected = cursor.is_some_and(|at| rows[at].chat_id == row.chat_id);
                chat_line(state, row, selected, width, theme)
            }
            Shown::More(text) => Line::styled(cut(&text, width), theme.dim()),
        })
        .collect()
}

/// Widths of the visitor, department and operator columns: the department and the operator
/// go first when the screen is narrow.
fn chat_columns(width: usize) -> (usize, usize, usize) {
    let flex = width.saturating_sub(2 + 1 + WAIT + 1 + TARGET);
    if flex >= 48 {
        let department = (flex / 4).clamp(14, 24);
        let operator = (flex / 5).clamp(12, 20);
        (flex - department - operator - 2, department, operator)
    } else if flex >= 30 {
        (flex - 13, 12, 0)
    } else {
        (flex, 0, 0)
    }
}

fn chat_header(words: &QueueLabels, width: usize, theme: Theme<'_>) -> Line<'static> {
    let (label, department, operator) = chat_columns(width);
    let mut text = format!("  {}", pad(words.visitor, label));
    if department > 0 {
        text += &format!(" {}", pad(words.department, department));
    }
    if operator > 0 {
        text += &format!(" {}", pad(words.operator, operator));
    }
    text += &format!(
        " {} {}",
        pad_left(words.waited, WAIT),
        pad_left(words.target, TARGET)
    );
    Line::styled(cut(&text, width), theme.dim())
}

fn chat_line(
    state: &State,
    row: &ChatRow,
    selected: bool,
    width: usize,
    theme: Theme<'_>,
) -> Line<'static> {
    let words = state.strings.queue;
    let targets = state.queue.targets;
    let (label, department, operator) = chat_columns(width);
    let marker = if selected { "▌ " } else { "  " };
    // A visitor who left still waits for the answer (it may reach them by e-mail), greyed.
    let name = if row.gone {
        // The words stay whole; a long name gives way to them.
        let gone = format!(" · {}", state.strings.card.left_site);
        let room = label.saturating_sub(crate::app::wrap::width(&gone));
        let text = format!("{}{gone}", cut(&row.label, room));
        Span::styled(pad(&text, label), theme.dim())
    } else {
        Span::styled(pad(&row.label, label), theme.header())
    };
    let mut spans = vec![Span::raw(marker), name];
    if department > 0 {
        let name = row.department.as_deref().unwrap_or(words.common);
        spans.push(Span::raw(format!(" {}", pad(name, department))));
    }
    if operator > 0 {
        let name = row.operator.as_deref().unwrap_or(words.queued);
        spans.push(Span::styled(
            format!(" {}", pad(name, operator)),
            theme.dim(),
        ));
    }
    spans.push(Span::raw(format!(
        " {}",
        pad_left(&format_elapsed(row.waited, state.strings.day_hour), WAIT)
    )));
    let countdown = pad_left(
        &countdown(row.waited, targets, state.strings.day_hour),
        TARGET,
    );
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        countdown,
        urgency_style(row.waited, targets, theme),
    ));
    let line = fit_line(spans, width);
    if selected {
        line.patch_style(theme.selected())
    } else {
        line
    }
}

/// Time left to the first response target, or "+m:ss" past it.
pub fn countdown(waited: i64, targets: Targets, day_hour: [&str; 2]) -> String {
    let left = queue::left_ms(waited, targets);
    if left > 0 {
        format_elapsed(left, day_hour)
    } else {
        format!("+{}", format_elapsed(-left, day_hour))
    }
}

fn urgency_style(waited: i64, targets: Targets, theme: Theme<'_>) -> Style {
    match queue::urgency(waited, targets) {
        Urgency::Calm => theme.wait_ok(),
        Urgency::Warning => theme.wait_warning(),
        Urgency::Breach => theme.wait_alarm(),
    }
}

fn operator_header(words: &QueueLabels, width: usize, theme: Theme<'_>) -> Line<'static> {
    let name = width.saturating_sub(2 + 1 + STATUS + 1 + SINCE + 1 + LOAD);
    let text = format!(
        "  {} {} {} {}",
        pad(words.operator, name),
        pad(words.status, STATUS),
        pad_left(words.since, SINCE),
        pad_left(words.chats, LOAD)
    );
    Line::styled(cut(&text, width), theme.dim())
}

fn operator_line(
    strings: &Strings,
    row: &OperatorRow,
    width: usize,
    theme: Theme<'_>,
) -> Line<'static> {
    let words = strings.queue;
    let name = width.saturating_sub(2 + 1 + STATUS + 1 + SINCE + 1 + LOAD);
    let (status, style) = match row.status {
        OperatorStatus::Online => (words.online, theme.wait_ok()),
        OperatorStatus::Away => (words.away, theme.wait_warning()),
        OperatorStatus::Offline => (words.offline, theme.dim()),
    };
    let since = row
        .in_status
        .map_or_else(|| "—".to_owned(), |ms| format_elapsed(ms, strings.day_hour));
    let load = match row.cap {
        Some(cap) => format!("{}/{cap}", row.active),
        None => row.active.to_string(),
    };
    let spans = vec![
        Span::raw("  "),
        Span::styled(pad(&row.name, name), theme.header()),
        Span::styled(format!(" {}", pad(status, STATUS)), style),
        Span::raw(format!(" {}", pad_left(&since, SINCE))),
        Span::raw(format!(" {}", pad_left(&load, LOAD))),
    ];
    fit_line(spans, width)
}

fn heading(title: &str, count: usize, width: usize, theme: Theme<'_>) -> Line<'static> {
    Line::styled(cut(&format!("{title} ({count})"), width), theme.header())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countdown_reaches_zero_at_the_target_and_counts_on_past_it() {
        let t = Targets::default();
        let at = |secs: i64| countdown(secs * 1000, t, ["d", "h"]);
        assert_eq!(
            [at(0), at(44), at(45), at(59), at(60), at(61), at(185)],
            ["1:00", "0:16", "0:15", "0:01", "+0:00", "+0:01", "+2:05"]
        );
    }
}
