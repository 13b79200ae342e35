//! Drawing: `render(&State, &mut Frame)` is a pure function of the state.

mod border;
mod chat_list;
mod columns;
mod compose;
mod compose_marks;
mod dialog;
mod dialog_title;
mod finder;
mod help;
mod highlight;
mod hints;
mod mail_line;
mod picker;
mod queue;
mod site;
mod stats;
mod stats_charts;
mod status;
pub mod theme;
mod visitor_card;

use ratatui::Frame;
use ratatui::buffer::Buffer;

use crate::app::State;
pub use compose::text_area as reply_box_text_area;
pub use theme::Theme;

/// Draws the whole screen. Layout comes from `app::geometry`, which `update` also uses.
pub fn render(state: &State, frame: &mut Frame) {
    let theme = Theme::of(state);
    let areas = state.areas();
    chat_list::render(state, frame, areas.list, theme);
    for (i, area) in state.pane_rects().into_iter().enumerate() {
        dialog::render(state, frame, area, i, theme);
    }
    if state.screen.card {
        // On a narrow screen the card covers the panes: blank what they drew there first.
        frame.render_widget(ratatui::widgets::Clear, areas.card);
        visitor_card::render(state, frame, areas.card, theme);
    }
    compose::render(state, frame.buffer_mut(), areas.compose, theme);
    status::render(state, frame, areas.status, theme);
    overlays(state, frame, theme);
}

/// Draws the reply box alone into `buf` (which covers at least the box), as [`render`] draws
/// it, at `area`, the box's place in `state.areas()` (for a typed key: the loop draws the box
/// alone, see `screen.rs`, which has just asked for it: the layout wraps the draft to count
/// its rows, so it is not asked twice).
pub fn render_reply_box(state: &State, buf: &mut Buffer, area: ratatui::layout::Rect) {
    let theme = Theme::of(state);
    compose::render(state, buf, area, theme);
}

/// What is drawn over the list, the panes and the reply box. [`reply_box_alone`] below says
/// false whenever any of it is drawn: a new overlay goes in both.
fn overlays(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    if state.queue.open {
        queue::render(state, frame, theme);
    }
    if state.site.open {
        site::render(state, frame, theme);
    }
    if state.finder.open {
        finder::render(state, frame, theme);
    }
    if state.stats.open {
        stats::render(state, frame, theme);
    }
    picker::render_popup(state, frame, theme);
    picker::render(state, frame, theme);
    if state.screen.help {
        help::render(state, frame, theme);
    }
    help::render_pending(state, frame, theme);
}

/// No [`overlays`] are drawn: no full screen (queue, on-site view, search, statistics), no
/// picker or shortcut popup, no help or pending-keys hint. Only then is the box drawn alone
/// the same as the box in a whole frame.
pub fn reply_box_alone(state: &State) -> bool {
    !(state.queue.open
        || state.site.open
        || state.finder.open
        || state.stats.open
        || state.screen.help
        || state.picker.is_some()
        || state.keys.pending.is_some()
        || picker::popup_shown(state))
}

/// Clears `area` and draws the bordered frame of a screen over the list and panes (queue,
/// statistics, search) with `title` cut to fit; returns the inside.
fn screen_frame(
    frame: &mut Frame,
    area: ratatui::layout::Rect,
    title: &str,
    theme: Theme<'_>,
) -> ratatui::layout::Rect {
    let title = columns::cut(title, usize::from(area.width.saturating_sub(2)));
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(theme.focused_border())
        .title(ratatui::text::Span::styled(title, theme.header()));
    let inner = block.inner(area);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(block, area);
    inner
}

/// Sets lines that fit already (wrapped or cut to `area`'s width) straight into the buffer,
/// top down. A `Paragraph` would measure and truncate each one again; and plain Latin or
/// Cyrillic text (most of it) is set a character a cell, without looking for graphemes.
fn put_lines(frame: &mut Frame, area: ratatui::layout::Rect, lines: &[ratatui::text::Line]) {
    let buf = frame.buffer_mut();
    let right = area.right().min(buf.area.right());
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        let mut x = area.x;
        for span in line {
            if x >= right {
                break;
            }
            let style = line.style.patch(span.style);
            if crate::app::wrap::all_one_column(&span.content) {
                for c in span.content.chars() {
                    if x >= right {
                        break;
                    }
                    buf[(x, y)].set_char(c).set_style(style);
                    x += 1;
                }
            } else {
                let room = usize::from(right - x);
                x = buf.set_stringn(x, y, &span.content, room, style).0;
            }
        }
    }
}

/// "m:ss", "h:mm:ss" under a day, and days and hours from a day on ("2д 14ч" with the
/// language's `day_hour` units): a message left on Friday evening reads as two days on
/// Monday, not as `62:13:05`.
pub fn format_elapsed(millis: i64, day_hour: [&str; 2]) -> String {
    let secs = millis.max(0) / 1000;
    let (d, h, m, s) = (secs / 86_400, secs / 3600, secs / 60 % 60, secs % 60);
    let [day, hour] = day_hour;
    if d > 0 {
        format!("{d}{day} {}{hour}", h % 24)
    } else if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod compose_tests;
#[cfg(test)]
mod day_tests;
#[cfg(test)]
mod empty_pane_tests;
#[cfg(test)]
mod finder_tests;
#[cfg(test)]
mod forgery_tests;
#[cfg(test)]
mod list_tests;
#[cfg(test)]
mod mail_tests;
#[cfg(test)]
mod pane_tests;
#[cfg(test)]
mod queue_snapshot_tests;
#[cfg(test)]
pub(crate) mod screen_test;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod seen_tests;
#[cfg(test)]
mod site_snapshot_tests;
#[cfg(test)]
mod sizes_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod stats_snapshot_tests;
#[cfg(test)]
mod team_snapshot_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod theme_tests;
#[cfg(test)]
mod writing_tests;
