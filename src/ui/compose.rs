//! The reply box: a `ratatui-textarea` editor inside a titled border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use super::Theme;
use crate::app::{Focus, State};

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let focused = state.focus == Focus::Compose;
    let border = if focused {
        theme.focused_border()
    } else {
        theme.border()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(state.strings.compose_title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The editor is borrowed from state; a cheap copy lets us hide its cursor when unfocused.
    let mut editor = state.compose.clone();
    editor.set_cursor_line_style(Style::new());
    editor.set_cursor_style(if focused {
        theme.cursor()
    } else {
        Style::new()
    });
    editor.set_placeholder_style(theme.dim());
    frame.render_widget(&editor, inner);
}
