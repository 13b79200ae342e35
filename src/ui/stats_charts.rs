//! The statistics screen's charts: chats per hour of day and the first response buckets as
//! ratatui bar charts, and the median first response per hour as a sparkline lined up under
//! the hours. Each draws a heading line and the chart below it in its area. Values are
//! written on the bars and the headings name the tallest, so the charts read under NO_COLOR.

use frontdesk_protocol::Millis;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Sparkline, SparklineBar};

use super::columns::cut;
use super::{Theme, format_elapsed, put_lines};
use crate::i18n::{StatsLabels, Strings};

/// How the 24 hours are laid out: each hour's bar width and the gap after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourColumns {
    pub bar: u16,
    pub gap: u16,
}

impl HourColumns {
    /// The widest layout, hours labelled.
    pub const WIDE: Self = Self { bar: 2, gap: 1 };

    /// Two-column bars with their hour under each when 72 columns fit, else one-column bars
    /// with an axis line marking every sixth hour (48 columns).
    pub fn for_width(width: u16) -> Self {
        if width >= Self::WIDE.width() {
            Self::WIDE
        } else {
            Self { bar: 1, gap: 1 }
        }
    }

    /// The columns all 24 hours take.
    pub const fn width(self) -> u16 {
        24 * (self.bar + self.gap) - self.gap
    }
}

/// The columns the bucket chart takes at its widest (bars of 5 with a gap of 1).
pub const BUCKETS_WIDTH: u16 = 7 * 6 - 1;

/// Heading plus chats per hour of day in `area`.
pub fn hours(
    frame: &mut Frame,
    area: Rect,
    per_hour: &[(String, u64)],
    words: &StatsLabels,
    theme: Theme<'_>,
) {
    let top = per_hour.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let (head, chart) = split_heading(area);
    let heading = words.by_hour.replace("{max}", &top.to_string());
    heading_line(frame, head, &heading, theme);
    let columns = HourColumns::for_width(chart.width);
    let labelled = columns.bar >= 2;
    let bars: Vec<Bar<'_>> = per_hour
        .iter()
        .map(|(hour, n)| {
            let bar = Bar::default().value(*n);
            if labelled {
                bar.label(Line::from(hour.clone()))
            } else {
                bar
            }
        })
        .collect();
    let chart_area = if labelled {
        chart
    } else {
        // The last row is the hand-drawn axis.
        Rect {
            height: chart.height.saturating_sub(1),
            ..chart
        }
    };
    draw_bars(frame, chart_area, bars, columns.bar, columns.gap, theme);
    if !labelled && chart.height > 1 {
        let axis = Rect {
            y: chart.bottom() - 1,
            height: 1,
            ..chart
        };
        let mut text = String::new();
        for hour in (0..24).step_by(6) {
            let at = usize::from(hour * (columns.bar + columns.gap));
            text.push_str(&" ".repeat(at.saturating_sub(text.chars().count())));
            text.push_str(&format!("{hour:02}"));
        }
        put_lines(
            frame,
            axis,
            &[Line::styled(
                cut(&text, usize::from(axis.width)),
                theme.dim(),
            )],
        );
    }
}

/// Heading plus answered chats per first response bucket in `area`: within the 60 s target
/// drawn calm, 1–2 min as a warning, longer as an alarm (bold and underlined without colour).
pub fn buckets(
    frame: &mut Frame,
    area: Rect,
    counts: &[u64],
    words: &StatsLabels,
    theme: Theme<'_>,
) {
    let (head, chart) = split_heading(area);
    heading_line(frame, head, words.first_response, theme);
    let bar = match chart.width {
        w if w >= BUCKETS_WIDTH => 5,
        w if w >= 7 * 4 - 1 => 3,
        _ => 2,
    };
    let bars: Vec<Bar<'_>> = counts
        .iter()
        .zip(words.buckets)
        .enumerate()
        .map(|(i, (n, label))| {
            let style = match i {
                0..=3 => theme.wait_ok(),
                4 => theme.wait_warning(),
                _ => theme.wait_alarm(),
            };
            Bar::default()
                .value(*n)
                .label(Line::from(label))
                .style(style)
        })
        .collect();
    draw_bars(frame, chart, bars, bar, 1, theme);
}

/// The medians' scale never goes under the one-minute answer standard: answers of a few
/// seconds are short bars, not full ones (a full bar reads as slow).
const SCALE_FLOOR_MS: u64 = 60_000;

/// Heading plus the median first response of each hour in `area`, each hour as wide as its
/// bar in the chart above so the two read together: a lead sees whether the busy hours are
/// also the slow ones (where one more operator helps), which one median for the whole period
/// hides. An hour with no answered chat is left blank.
pub fn medians(
    frame: &mut Frame,
    area: Rect,
    per_hour: &[(String, u64)],
    strings: &Strings,
    theme: Theme<'_>,
) {
    let words = strings.stats;
    let top = per_hour.iter().map(|(_, ms)| *ms).max().unwrap_or(0);
    let (head, chart) = split_heading(area);
    // Up to the whole second: a top of 0.4 s reads «0:01», not «0:00»; no answer yet: «—».
    let shown_top = Millis::try_from(top.div_ceil(1000) * 1000)
        .ok()
        .filter(|ms| *ms > 0)
        .map_or_else(|| "—".to_owned(), |ms| format_elapsed(ms, strings.day_hour));
    let heading = words.median_by_hour.replace("{max}", &shown_top);
    heading_line(frame, head, &heading, theme);
    let columns = HourColumns::for_width(chart.width);
    let data: Vec<SparklineBar> = per_hour
        .iter()
        .flat_map(|(_, ms)| {
            let bar = std::iter::repeat_n(Some(*ms), usize::from(columns.bar));
            bar.chain(std::iter::repeat_n(Some(0), usize::from(columns.gap)))
        })
        .map(SparklineBar::from)
        .collect();
    let spark = Sparkline::default()
        .data(data)
        .max(top.max(SCALE_FLOOR_MS))
        .style(theme.operator());
    frame.render_widget(spark, chart);
}

fn draw_bars(
    frame: &mut Frame,
    area: Rect,
    bars: Vec<Bar<'_>>,
    width: u16,
    gap: u16,
    theme: Theme<'_>,
) {
    if area.height < 2 {
        return;
    }
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(gap)
        .bar_style(theme.operator())
        .value_style(theme.header())
        .label_style(theme.dim());
    frame.render_widget(chart, area);
}

/// The first row of `area` for the heading, the rest for the chart.
fn split_heading(area: Rect) -> (Rect, Rect) {
    let head = Rect {
        height: area.height.min(1),
        ..area
    };
    let rest = Rect {
        y: area.y + head.height,
        height: area.height - head.height,
        ..area
    };
    (head, rest)
}

fn heading_line(frame: &mut Frame, area: Rect, text: &str, theme: Theme<'_>) {
    let line = Line::styled(cut(text, usize::from(area.width)), theme.header());
    put_lines(frame, area, &[line]);
}
