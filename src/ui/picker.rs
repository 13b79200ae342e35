//! The picker (a box over the screen: the query, the ranked list, a live preview of the line
//! under the cursor — for canned replies the reply filled for the open chat) and the small
//! `/shortcut` popup above the reply box. Both are drawn from `&State` alone: the ranking is
//! recomputed, never stored.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::app::state::{Preview, Shade};
use crate::app::{Focus, State};
use crate::sanitize::{Mode, sanitize};

/// Below this width the preview goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 70;
/// Most lines the `/shortcut` popup shows.
const POPUP_ROWS: usize = 6;

/// The picker, when it is open.
pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let (Some(picker), Some((title, hint_text, nothing))) = (&state.picker, state.picker_texts())
    else {
        return;
    };
    let area = centered(frame.area(), 90, 80);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(format!(" {title} "), theme.header()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search, body, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let query = Line::from(vec![
        Span::styled("> ", theme.header()),
        Span::raw(sanitize(&picker.query, Mode::NAME).into_owned()),
        Span::styled(" ", theme.cursor()),
    ]);
    frame.render_widget(Paragraph::new(query), search);
    let hint_text = super::columns::fit_hints(hint_text, usize::from(hint.width));
    frame.render_widget(Paragraph::new(hint_text).style(theme.dim()), hint);

    let direction = if body.width >= SIDE_BY_SIDE {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let [list_area, preview_area] = Layout::default()
        .direction(direction)
        .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
        .areas(body);
    let items = state.picker_items();
    if items.is_empty() {
        frame.render_widget(Paragraph::new(nothing).style(theme.dim()), list_area);
        return;
    }
    // A row longer than the list reads as cut («…»), not as a word that ends there.
    let row_width = usize::from(list_area.width);
    let lines: Vec<ListItem> = items
        .iter()
        .map(|item| {
            let line = Line::from(vec![
                Span::raw(clean(&item.label)),
                Span::styled(clean(&item.hint), theme.dim()),
            ]);
            ListItem::new(super::columns::fit_line_marked(
                line,
                row_width,
                theme.dim(),
            ))
        })
        .collect();
    let selected = picker.selected.min(items.len() - 1);
    let mut list_state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(lines).highlight_style(theme.selected()),
        list_area,
        &mut list_state,
    );
    if let Some(shown) = state.picker_preview(items[selected].key) {
        preview(&shown, frame, preview_area, theme);
    }
}

fn preview(shown: &Preview, frame: &mut Frame, area: Rect, theme: Theme<'_>) {
    // The title starts after the corner.
    let title = super::columns::fit_line_marked(
        Line::raw(clean(&shown.title)),
        usize::from(area.width.saturating_sub(1)),
        theme.dim(),
    );
    let block = Block::default()
        .borders(Borders::LEFT | Borders::TOP)
        .border_style(theme.border())
        .title(title);
    let lines: Vec<Line> = shown
        .lines
        .iter()
        .map(|pieces| {
            let spans: Vec<Span> = pieces
                .iter()
                .map(|(text, shade)| {
                    let style = match shade {
                        Shade::Plain => Style::default(),
                        Shade::Dim => theme.dim(),
                        Shade::Marked => theme.selected(),
                    };
                    Span::styled(clean(text), style)
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    let text = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(text, area);
}

/// Items come from the operator's files or from visitors, and reach the terminal: the one door.
fn clean(text: &str) -> String {
    sanitize(text, Mode::line(2_000)).into_owned()
}

/// Whether [`render_popup`] draws anything: the box is focused with a shortcut typed.
pub fn popup_shown(state: &State) -> bool {
    state.focus == Focus::Compose && state.picker.is_none() && !state.shortcut_matches().is_empty()
}

/// Matches for `/shortcut` typed in the reply box, just above it.
pub fn render_popup(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    if !popup_shown(state) {
        return;
    }
    let matches = state.shortcut_matches();
    let compose = state.areas().compose;
    // A title longer than the reply box reads as cut («…»).
    let room = usize::from(compose.width.saturating_sub(2));
    let rows: Vec<Line> = matches
        .iter()
        .take(POPUP_ROWS)
        .enumerate()
        .map(|(k, &i)| {
            let r = &state.canned.library.replies[i];
            // The first is what Enter sends: marked, not only coloured (NO_COLOR).
            let (mark, style) = if k == 0 {
                ("›", theme.selected())
            } else {
                (" ", theme.header())
            };
            let line = Line::from(vec![
                Span::styled(format!("{mark}/{}", r.shortcut), style),
                Span::raw(format!("  {}", clean(&r.title))),
            ]);
            super::columns::fit_line_marked(line, room, theme.dim())
        })
        .collect();
    let height = u16::try_from(rows.len()).unwrap_or(0) + 2;
    let width = rows
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .saturating_add(2);
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(compose.width);
    let area = Rect {
        x: compose.x,
        y: compose.y.saturating_sub(height),
        width,
        height: height.min(compose.y),
    };
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title_bottom(Span::styled(
            format!("Enter → {}", state.reply_target_name()),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(rows).block(block), area);
}

/// A rectangle `percent_x` by `percent_y` of `area`, in its middle.
fn centered(area: Rect, percent_x: u16, percent_y: u16) -> Rect {
    let width = area.width * percent_x / 100;
    let height = area.height * percent_y / 100;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
#[path = "picker_tests.rs"]
mod tests;
