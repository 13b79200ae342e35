//! The help overlay and the which-key hint, both drawn from the live bindings (rows from
//! `app::help`, set by the loop from the keymap): grouped by context, each action with its
//! registry description. When the rows fit they sit in a box in the middle. Otherwise the
//! overlay covers the screen in one column (two when both get at least 56 columns) and shows
//! a page of them from `State::help_scroll`, with "page 1/3 · more below ↓" on its bottom
//! border; the `[keymap.help]` keys scroll it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::action::Command;
use crate::app::State;
use crate::app::help::{ONE_COLUMN_WIDTH, Row, View, describe, rows};

/// `text` cut to `width` display columns, with "…" when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

fn line(row: &Row, width: usize, keys_width: usize, theme: Theme<'_>) -> Line<'static> {
    match row {
        Row::Header(name) => Line::styled(fit(name, width), theme.header()),
        Row::Text(text) => Line::styled(fit(text, width), theme.dim()),
        Row::Binding { keys, what } => {
            let keys = pad_left(&fit(keys, keys_width), keys_width);
            let rest = width.saturating_sub(keys_width + 2);
            Line::from(vec![
                Span::styled(keys, theme.header()),
                Span::raw("  "),
                Span::raw(fit(what, rest)),
            ])
        }
    }
}

fn keys_width(rows: &[Row], cap: usize) -> usize {
    rows.iter()
        .filter_map(|r| match r {
            Row::Binding { keys, .. } => Some(keys.width()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(cap)
}

fn centered(full: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(full.width);
    let height = height.min(full.height);
    Rect::new(
        full.x + (full.width - width) / 2,
        full.y + (full.height - height) / 2,
        width,
        height,
    )
}

pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let rows = rows(state);
    let full = frame.area();
    let view = View::new(full.width, full.height, rows.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(state.strings.help_title);
    if view.fits {
        let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
        let area = centered(full, ONE_COLUMN_WIDTH, height);
        let width = usize::from(area.width.saturating_sub(2));
        let kw = keys_width(&rows, width / 3);
        let lines: Vec<Line> = rows.iter().map(|r| line(r, width, kw, theme)).collect();
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    let scroll = state.screen.help_scroll.min(view.max_scroll());
    // Two columns may hold it all: then there is no page to tell.
    let block = if view.max_scroll() > 0 {
        block.title_bottom(
            Line::styled(position(state, view, scroll), theme.header()).right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(Clear, full);
    let inner = block.inner(full);
    frame.render_widget(block, full);
    let columns = u16::try_from(view.columns).unwrap_or(1);
    let column_width = inner.width.saturating_sub(columns - 1) / columns;
    let width = usize::from(column_width);
    let kw = keys_width(&rows, width * 2 / 5);
    let shown = &rows[scroll..(scroll + view.page()).min(rows.len())];
    for (i, chunk) in shown.chunks(view.per_column.max(1)).enumerate() {
        let lines: Vec<Line> = chunk.iter().map(|r| line(r, width, kw, theme)).collect();
        let offset = u16::try_from(i).unwrap_or(0) * (column_width + 1);
        let rect = Rect::new(inner.x + offset, inner.y, column_width, inner.height);
        frame.render_widget(Paragraph::new(lines), rect);
        // A column that starts inside a context names it on the border above, so a binding
        // scrolled away from its header still says where it applies.
        if let Some(name) = continued(&rows, scroll + i * view.per_column) {
            let skip = if i == 0 {
                u16::try_from(state.strings.help_title.width()).unwrap_or(0) + 1
            } else {
                0
            };
            let text = format!(" {name} … ");
            let at = Rect::new(rect.x + skip, full.y, column_width.saturating_sub(skip), 1);
            frame.render_widget(Paragraph::new(Line::styled(text, theme.header())), at);
        }
    }
}

/// The header of the context that row `start` is in, when `start` is not that header.
fn continued(rows: &[Row], start: usize) -> Option<&str> {
    if matches!(rows.get(start), None | Some(Row::Header(_))) {
        return None;
    }
    rows[..start].iter().rev().find_map(|r| match r {
        Row::Header(name) => Some(name.as_str()),
        _ => None,
    })
}

/// " page 1/3 · more below ↓ (pgdn) ": where the page is, and the key that goes on.
fn position(state: &State, view: View, scroll: usize) -> String {
    let words = state.strings.help;
    let (page, pages) = view.page_of(scroll);
    let mut text = format!(" {} {page}/{pages} ", words.page);
    if scroll < view.max_scroll() {
        text.push_str(&format!("· {} ", words.more_below));
        let key = state
            .keys
            .contexts
            .iter()
            .filter(|c| c.name == "help")
            .flat_map(|c| &c.bindings)
            .find(|b| b.action.command() == Command::HelpPageDown)
            .and_then(|b| b.keys.first());
        if let Some(key) = key {
            text.push_str(&format!("({key}) "));
        }
    }
    text
}

/// The which-key hint: a small box above the status line, bottom right, listing how the
/// pending sequence can continue.
pub fn render_pending(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let Some(pending) = &state.keys.pending else {
        return;
    };
    let rows: Vec<Row> = pending
        .next
        .iter()
        .map(|b| Row::Binding {
            keys: b.keys.join(", "),
            what: describe(state, b),
        })
        .collect();
    let full = frame.area();
    let kw = keys_width(&rows, 12);
    let widest = rows
        .iter()
        .map(|r| match r {
            Row::Binding { what, .. } => kw + 2 + what.width(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(pending.typed.width() + 4);
    let width = u16::try_from(widest + 2)
        .unwrap_or(u16::MAX)
        .min(full.width);
    // Leave the status line (the last row) visible.
    let room = full.height.saturating_sub(1);
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX).min(room);
    if height < 3 {
        return;
    }
    let area = Rect::new(
        full.x + full.width - width,
        full.y + room - height,
        width,
        height,
    );
    let inner = usize::from(width.saturating_sub(2));
    let lines: Vec<Line> = rows.iter().map(|r| line(r, inner, kw, theme)).collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(format!("{} …", pending.typed));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests;
