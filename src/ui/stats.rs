//! The statistics screen: over the chat list and panes (the status bar stays, with the
//! screen's key hints) for the period chosen, the totals, chats per hour of day, the first
//! response buckets, the median first response per hour and the operators' table. What is
//! shown comes from `app::stats`; this only lays it out. On a small screen the table goes
//! first, then the sparkline, before the charts shrink.

use frontdesk_protocol::stats::{Metrics, StatsReport};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::columns::{cut, fit_line, pad, pad_left};
use super::stats_charts::{self, BUCKETS_WIDTH, HourColumns};
use super::{Theme, format_elapsed, put_lines, screen_frame};
use crate::action::Command;
use crate::app::state::StatsPeriod;
use crate::app::{State, queue, stats};
use crate::i18n::{StatsLabels, Strings};

/// A chart with its heading: 1 + 4 rows of bars + their labels, at the least it keeps before
/// the sparkline and the table are dropped, and at the most it grows to.
const CHART_BASE: u16 = 6;
const CHART_MAX: u16 = 14;
/// The sparkline with its heading, and the most it grows to.
const SPARK: u16 = 3;
const SPARK_MAX: u16 = 5;
/// The table's blank line, heading and column names, before any row.
const TABLE_HEAD: u16 = 3;
/// Columns between the two charts side by side.
const CHART_GAP: u16 = 3;
/// The narrowest a cell of the totals is.
const CELL_MIN: usize = 25;

pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let status = state.areas().status;
    let area = Rect::new(0, 0, state.screen.width, status.y).intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let words = state.strings.stats;
    let mut title = format!(
        " {} · {}",
        words.title,
        period_name(words, state.stats.period)
    );
    if queue::limited(state) {
        title += &format!(" · {}", words.limited);
    }
    // The way to the other page, on the frame itself: at 80×24 the status bar's hints give
    // way to the banner and notices, and the charts leave the table no room.
    let other = if state.stats.operators {
        words.hint_charts
    } else {
        words.hint_operators
    };
    if let Some(key) = super::hints::shown_key(state, "stats", Command::StatsOperators) {
        title += &format!(" · {key} {other}");
    }
    title.push(' ');
    let inner = screen_frame(frame, area, &title, theme);
    let Some(report) = stats::by_hour(state) else {
        let text = stats::failure(state).map_or_else(
            || words.loading.to_owned(),
            |e| words.failed.replace("{error}", &e),
        );
        let lines: Vec<Line> = crate::app::wrap::wrap(&text, usize::from(inner.width), 0)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        put_lines(frame, inner, &lines);
        return;
    };
    draw_report(state, report, frame, inner, theme);
}

pub fn period_name(words: &StatsLabels, period: StatsPeriod) -> &'static str {
    match period {
        StatsPeriod::Today => words.today,
        StatsPeriod::Week => words.week,
        StatsPeriod::Month => words.month,
    }
}

/// Rows given to each part of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    totals: u16,
    /// The two charts side by side (else the bucket chart under the hours).
    side_by_side: bool,
    /// Each chart with its heading.
    chart: u16,
    spark: u16,
    table: u16,
}

fn plan(width: u16, height: u16, totals: u16, buckets: bool, table_rows: usize) -> Plan {
    let totals = totals.min(height);
    let mut left = height - totals;
    // A blank line after the totals, when there is room for anything after it.
    left = left.saturating_sub(1);
    let side_by_side = buckets && width >= HourColumns::WIDE.width() + CHART_GAP + BUCKETS_WIDTH;
    let stacks = if buckets && !side_by_side { 2 } else { 1 };
    let mut out = Plan {
        totals,
        side_by_side,
        chart: 0,
        spark: 0,
        table: 0,
    };
    if left < stacks * CHART_BASE {
        out.chart = left / stacks;
        return out;
    }
    out.chart = CHART_BASE;
    left -= stacks * CHART_BASE;
    if left >= SPARK {
        out.spark = SPARK;
        left -= SPARK;
    }
    let rows = u16::try_from(table_rows).unwrap_or(u16::MAX);
    if left > TABLE_HEAD {
        out.table = left.min(TABLE_HEAD.saturating_add(rows));
        left -= out.table;
    }
    let grow = (left / stacks).min(CHART_MAX - CHART_BASE);
    out.chart += grow;
    left -= grow * stacks;
    if out.spark > 0 {
        out.spark += left.min(SPARK_MAX - SPARK);
    }
    out
}

fn draw_report(
    state: &State,
    report: &StatsReport,
    frame: &mut Frame,
    area: Rect,
    theme: Theme<'_>,
) {
    let words = state.strings.stats;
    let width = usize::from(area.width);
    let totals = totals_lines(state.strings, &report.total, width, theme);
    let counts = stats::buckets(&report.total);
    let operators = stats::by_operator(state).map(stats::operator_rows);
    let table_rows = operators.as_ref().map_or(1, |rows| rows.len().max(1));
    let p = plan(
        area.width,
        area.height,
        u16::try_from(totals.len()).unwrap_or(u16::MAX),
        counts.is_some(),
        table_rows,
    );
    put_lines(frame, area, &totals);
    let rows =
        |y: u16, x: u16, width: u16, height: u16| Rect::new(x, y, width, height).intersection(area);
    let table = |frame: &mut Frame, at: Rect| {
        let height = usize::from(at.height);
        let lines = table_lines(state, operators.as_deref(), width, height, theme);
        put_lines(frame, at, &lines);
    };
    if state.stats.operators {
        // The whole screen under the totals is the table's (its own blank line first).
        let y = area.y + p.totals;
        table(
            frame,
            rows(y, area.x, area.width, area.bottom().saturating_sub(y)),
        );
        return;
    }
    let mut y = area.y + p.totals + 1;
    let hour_width = if p.side_by_side {
        HourColumns::WIDE.width()
    } else {
        area.width
    };
    let per_hour = stats::chats_per_hour(report);
    stats_charts::hours(
        frame,
        rows(y, area.x, hour_width, p.chart),
        &per_hour,
        words,
        theme,
    );
    if let Some(counts) = counts {
        if p.side_by_side {
            let x = area.x + hour_width + CHART_GAP;
            let bucket_area = rows(y, x, area.right().saturating_sub(x), p.chart);
            stats_charts::buckets(frame, bucket_area, counts, words, theme);
        } else {
            y += p.chart;
            stats_charts::buckets(
                frame,
                rows(y, area.x, area.width, p.chart),
                counts,
                words,
                theme,
            );
        }
    }
    y += p.chart;
    if p.spark > 0 {
        let medians = stats::median_per_hour(report);
        stats_charts::medians(
            frame,
            rows(y, area.x, hour_width, p.spark),
            &medians,
            state.strings,
            theme,
        );
        y += p.spark;
    }
    if p.table > 0 {
        table(frame, rows(y, area.x, area.width, p.table));
    }
}

/// «12/2 (86%)»: chats rated good and bad, and the share good; `None` when none was rated
/// (the cell then takes no room from the chart: an 80x24 screen has none to spare).
fn rated(m: &Metrics) -> Option<String> {
    let share = m.rated_good_share()?;
    Some(format!(
        "{}/{} ({:.0}%)",
        m.rated_good,
        m.rated_bad,
        share * 100.0
    ))
}

/// The totals as label–value cells, in columns as many as fit (read down each column).
fn totals_lines(
    strings: &Strings,
    m: &Metrics,
    width: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let words = strings.stats;
    let ms = |v: Option<i64>| {
        v.map_or_else(|| "—".to_owned(), |ms| format_elapsed(ms, strings.day_hour))
    };
    let share = m
        .first_response_within_60s_share
        .map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0));
    let mut cells = vec![
        (words.chats, m.chats_started.to_string()),
        (words.answered, m.chats_answered.to_string()),
        (words.missed, m.chats_missed.to_string()),
        (words.left_waiting, m.chats_left_waiting.to_string()),
        (words.unanswered, m.last_message_unanswered.to_string()),
        (words.offline_messages, m.offline_messages.to_string()),
        (words.median, ms(m.first_response_median_ms)),
        (words.p90, ms(m.first_response_p90_ms)),
        (words.within_60s, share),
        (words.response_avg, ms(m.response_avg_ms)),
        (words.duration_avg, ms(m.duration_avg_ms)),
        (
            words.messages,
            format!("{}/{}", m.messages_from_visitors, m.messages_from_operators),
        ),
    ];
    cells.extend(rated(m).map(|r| (words.rated, r)));
    let columns = (width / CELL_MIN).clamp(1, 4);
    let cell = width / columns;
    let per_column = cells.len().div_ceil(columns);
    (0..per_column)
        .map(|row| {
            let spans: Vec<Span<'static>> = (0..columns)
                .filter_map(|col| cells.get(col * per_column + row))
                .flat_map(|(label, value)| {
                    // Two spaces after each cell; the value right-aligned before them.
                    let value_width = crate::app::wrap::width(value);
                    let label_width = cell.saturating_sub(value_width + 3);
                    [
                        Span::styled(format!("{} ", pad(label, label_width)), theme.dim()),
                        Span::styled(
                            format!("{}  ", pad_left(value, value_width)),
                            theme.header(),
                        ),
                    ]
                })
                .collect();
            fit_line(spans, width)
        })
        .collect()
}

/// Widths of the table's number columns: chats, answered, median, online, per hour.
const NUMBERS: [usize; 5] = [6, 9, 10, 8, 8];

fn table_lines(
    state: &State,
    rows: Option<&[stats::OperatorRow]>,
    width: usize,
    height: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let words = state.strings.stats;
    // The count once it is known.
    let heading = match rows {
        Some(rows) => format!("{} ({})", words.operators, rows.len()),
        None => words.operators.to_owned(),
    };
    let mut out = vec![
        Line::raw(""),
        Line::styled(cut(&heading, width), theme.header()),
    ];
    let Some(rows) = rows else {
        let text = stats::failure(state).map_or_else(
            || words.loading.to_owned(),
            |e| words.failed.replace("{error}", &e),
        );
        out.push(Line::styled(cut(&text, width), theme.dim()));
        return out;
    };
    // The per-hour and online columns go first on a narrow screen.
    let shown = match width {
        w if w >= 2 + 16 + NUMBERS.iter().sum::<usize>() + 5 => 5,
        w if w >= 2 + 16 + NUMBERS[..4].iter().sum::<usize>() + 4 => 4,
        _ => 3,
    };
    let numbers = &NUMBERS[..shown];
    let name = width.saturating_sub(2 + numbers.iter().sum::<usize>() + shown);
    let headers = [
        words.chats,
        words.answered,
        words.median_short,
        words.online,
        words.per_hour,
    ];
    let mut header = format!("  {}", pad(words.operator, name));
    for (text, w) in headers.iter().zip(numbers) {
        header += &format!(" {}", pad_left(text, *w));
    }
    out.push(Line::styled(cut(&header, width), theme.dim()));
    let room = height.saturating_sub(out.len());
    let fits = rows.len() <= room;
    let listed = if fits {
        rows.len()
    } else {
        room.saturating_sub(1)
    };
    for row in &rows[..listed] {
        let values = [
            row.chats.to_string(),
            row.answered.to_string(),
            row.median_ms.map_or_else(
                || "—".to_owned(),
                |ms| format_elapsed(ms, state.strings.day_hour),
            ),
            hours_minutes(row.online_ms),
            row.per_hour
                .map_or_else(|| "—".to_owned(), |n| state.strings.numbers.one_decimal(n)),
        ];
        let who = row.name.as_deref().unwrap_or(words.nobody);
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(pad(who, name), theme.header()),
        ];
        spans.extend(
            values
                .iter()
                .zip(numbers)
                .map(|(v, w)| Span::raw(format!(" {}", pad_left(v, *w)))),
        );
        out.push(fit_line(spans, width));
    }
    if !fits && room > 0 {
        let more = (rows.len() - listed).to_string();
        out.push(Line::styled(
            cut(&state.strings.queue.more.replace("{n}", &more), width),
            theme.dim(),
        ));
    }
    out.truncate(height);
    out
}

/// Online time as "h:mm" (hours can pass 24 over a month).
fn hours_minutes(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
#[path = "stats_plan_tests.rs"]
mod tests;
