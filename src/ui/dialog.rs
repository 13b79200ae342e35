//! One dialog pane: its chat's messages (only the rows that fit are built), system lines,
//! delivery marks and the visitor's live draft. With more than one pane each title starts with
//! the pane's number, and the focused pane has a highlighted border and a bold reversed title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
use crate::app::state::{ChatView, Delivery, Entry, Who, cut_to_width};

/// Draws pane `index` into `area`.
pub fn render(state: &State, frame: &mut Frame, area: Rect, index: usize, theme: Theme) {
    let s = state.strings;
    let Some(pane) = state.panes.get(index) else {
        return;
    };
    let several = state.panes.len() > 1;
    let focused = several && index == state.pane;
    let chat = pane.chat.and_then(|id| state.chats.get(&id));
    let label = chat.map_or("", |c| c.label.as_str());
    let title = if several {
        format!("{} {label}", index + 1)
    } else {
        label.to_owned()
    };
    let (border, title_style) = if focused {
        (theme.focused_border(), theme.focused_title())
    } else {
        (theme.border(), theme.header())
    };
    let mut block = Block::default().borders(Borders::ALL).border_style(border);
    if !title.is_empty() {
        block = block.title(Span::styled(title, title_style));
    }
    let Some(chat) = chat else {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = Paragraph::new(s.no_chat_open)
            .style(theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(hint, inner);
        return;
    };
    if pane.new_below > 0 {
        let marker = format!(" ↓ {} {} ", pane.new_below, s.new_below);
        block = block.title_bottom(Line::styled(marker, theme.unread()).right_aligned());
    } else if pane.scroll > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {} ", pane.scroll)).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let cols = usize::from(inner.width);
    let mut height = usize::from(inner.height);
    let typing = chat.draft.as_ref().map(|draft| {
        let text = format!("✎ {} {}: {draft}", chat.label, s.typing);
        Line::styled(cut_to_width(&text, cols).to_owned(), theme.system())
    });
    if typing.is_some() {
        height = height.saturating_sub(1);
    }
    let mut lines = visible_rows(state, chat, pane.scroll, height, theme);
    lines.extend(typing);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The rows ending `scroll` rows above the newest one, walking back from the end so a long
/// history costs no more than a short one.
fn visible_rows(
    state: &State,
    chat: &ChatView,
    scroll: usize,
    height: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut skip = scroll;
    let mut rows: Vec<Line<'static>> = Vec::with_capacity(height);
    for entry in chat.messages.iter().rev() {
        if rows.len() >= height {
            break;
        }
        let n = entry.lines.len();
        if skip >= n {
            skip -= n;
            continue;
        }
        let take = n - skip;
        skip = 0;
        for i in (0..take).rev() {
            if rows.len() >= height {
                break;
            }
            rows.push(entry_row(state, entry, i, theme));
        }
    }
    rows.reverse();
    rows
}

fn entry_row(state: &State, entry: &Entry, i: usize, theme: Theme) -> Line<'static> {
    let text = entry.lines.get(i).cloned().unwrap_or_default();
    if i > 0 {
        return match entry.who {
            Who::System => Line::styled(text, theme.system()),
            _ => Line::raw(text),
        };
    }
    let time = jiff::Timestamp::from_millisecond(entry.ts)
        .map(|t| t.to_zoned(state.tz.clone()).strftime("%H:%M ").to_string())
        .unwrap_or_else(|_| "--:-- ".into());
    let mut spans = vec![Span::styled(time, theme.dim())];
    match &entry.who {
        Who::System => {
            spans.push(Span::styled(text, theme.system()));
            return Line::from(spans);
        }
        Who::Visitor(_) => spans.push(Span::styled(
            format!("{}: ", entry.author()),
            theme.visitor(),
        )),
        Who::Operator { own, note, .. } => {
            if *own {
                let mark = match entry.delivery {
                    Delivery::Pending => "… ",
                    Delivery::Stored => "✓ ",
                    Delivery::Failed => "✗ ",
                };
                spans.push(Span::styled(mark, theme.dim()));
            }
            let author = if *note {
                format!("{} [note]: ", entry.author())
            } else {
                format!("{}: ", entry.author())
            };
            spans.push(Span::styled(author, theme.operator()));
        }
    }
    spans.push(Span::raw(text));
    Line::from(spans)
}
