//! The help overlay and the which-key hint, both drawn from the live bindings in
//! `State.keys` (set by the loop from the keymap): grouped by context, each action with its
//! registry description. When the list is taller than the screen it flows into two columns;
//! what still does not fit ends in "…" (80x24 holds about forty bindings).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::State;
use crate::app::action::{Command, KeyBinding};

/// Widest the one-column overlay gets.
const ONE_COLUMN_WIDTH: u16 = 72;

/// One row: a context header, a binding, or plain text (the banner).
enum Row {
    Header(String),
    Binding { keys: String, what: String },
    Text(String),
}

fn describe(binding: &KeyBinding, russian: bool) -> String {
    let info = binding.action.command().info();
    let what = if russian { info.ru } else { info.en };
    match binding.action.args() {
        Some(n) => format!("{what} [{n}]"),
        None => what.to_owned(),
    }
}

fn rows(state: &State) -> Vec<Row> {
    let russian = std::ptr::eq(state.strings, &crate::i18n::RU);
    let mut rows = Vec::new();
    for context in &state.keys.contexts {
        rows.push(Row::Header(format!("[keymap.{}]", context.name)));
        let mut i = 0;
        while i < context.bindings.len() {
            let b = &context.bindings[i];
            // `focus_pane` bound to 1, 2, 3, 4 in a row takes one line: "alt-1…alt-4".
            let run = context.bindings[i..]
                .iter()
                .take_while(|n| n.action.command() == Command::FocusPane)
                .count();
            if run >= 3 {
                let last = &context.bindings[i + run - 1];
                let (en, ru) = (Command::FocusPane.info().en, Command::FocusPane.info().ru);
                rows.push(Row::Binding {
                    keys: format!("{}…{}", b.keys.join(", "), last.keys.join(", ")),
                    what: (if russian { ru } else { en }).to_owned(),
                });
                i += run;
                continue;
            }
            rows.push(Row::Binding {
                keys: b.keys.join(", "),
                what: describe(b, russian),
            });
            i += 1;
        }
    }
    if let Some(banner) = &state.banner {
        rows.push(Row::Text(banner.clone()));
    }
    rows
}

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

fn line(row: &Row, width: usize, keys_width: usize, theme: Theme) -> Line<'static> {
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

pub fn render(state: &State, frame: &mut Frame, theme: Theme) {
    let rows = rows(state);
    let full = frame.area();
    let inner_height = usize::from(full.height.saturating_sub(2)).max(1);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(state.strings.help_title);
    if rows.len() <= inner_height {
        let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
        let area = centered(full, ONE_COLUMN_WIDTH, height);
        let width = usize::from(area.width.saturating_sub(2));
        let kw = keys_width(&rows, width / 3);
        let lines: Vec<Line> = rows.iter().map(|r| line(r, width, kw, theme)).collect();
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    // Two columns over the whole screen; the rest, if any, is cut with "…".
    let area = full;
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let column_width = inner.width.saturating_sub(1) / 2;
    let width = usize::from(column_width);
    let kw = keys_width(&rows, width * 2 / 5);
    let per_column = usize::from(inner.height);
    let mut columns: Vec<Vec<Line>> = rows
        .chunks(per_column.max(1))
        .take(2)
        .map(|chunk| chunk.iter().map(|r| line(r, width, kw, theme)).collect())
        .collect();
    if rows.len() > per_column * 2
        && let Some(last) = columns.last_mut().and_then(|c| c.last_mut())
    {
        *last = Line::styled("…", Style::default());
    }
    for (i, lines) in columns.into_iter().enumerate() {
        let offset = u16::try_from(i).unwrap_or(0) * (column_width + 1);
        let rect = Rect::new(inner.x + offset, inner.y, column_width, inner.height);
        frame.render_widget(Paragraph::new(lines), rect);
    }
}

/// The which-key hint: a small box above the status line, bottom right, listing how the
/// pending sequence can continue.
pub fn render_pending(state: &State, frame: &mut Frame, theme: Theme) {
    let Some(pending) = &state.keys.pending else {
        return;
    };
    let russian = std::ptr::eq(state.strings, &crate::i18n::RU);
    let rows: Vec<Row> = pending
        .next
        .iter()
        .map(|b| Row::Binding {
            keys: b.keys.join(", "),
            what: describe(b, russian),
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
