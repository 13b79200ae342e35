//! The reply box: a `ratatui-textarea` editor inside a titled border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::Theme;
use crate::app::state::ReplyTarget;
use crate::app::{Focus, State};

pub fn render(state: &State, buf: &mut Buffer, area: Rect, theme: Theme<'_>) {
    let focused = state.focus == Focus::Compose;
    let border = if focused {
        theme.focused_border()
    } else {
        theme.border()
    };
    let mut block = super::border::Bordered::new(border).title(title(state, area.width, theme));
    let below = super::compose_marks::reason(state, area.width, theme)
        .or_else(|| super::compose_marks::offer(state, area.width, theme))
        .or_else(|| super::compose_marks::loading(state, area.width, theme));
    if let Some(line) = below {
        block = block.title_bottom(line);
    }
    let inner = text_area(area);
    block.render(area, buf);
    // The editor is borrowed from state; a cheap copy lets us hide its cursor when unfocused.
    let mut editor = state.compose.clone();
    editor.set_cursor_line_style(Style::new());
    editor.set_cursor_style(if focused {
        theme.cursor()
    } else {
        Style::new()
    });
    editor.set_placeholder_style(theme.dim());
    // How to send means nothing where nothing can be sent: the title says why instead.
    let target = state.reply_target();
    if target.writable().is_none() && !matches!(target, ReplyTarget::Team { .. }) {
        editor.set_placeholder_text("");
    } else if editor.is_empty() {
        // Whole hints dropped rather than the last one cut in half; the cursor takes a column.
        let room = usize::from(inner.width).saturating_sub(1);
        let fitted = super::columns::fit_list(editor.placeholder_text(), room, ", ");
        editor.set_placeholder_text(fitted);
    }
    (&editor).render(inner, buf);
    if focused {
        cursor_after_full_row(&editor, buf, inner, theme);
    }
    super::compose_marks::underline(state, &editor, buf, inner, theme);
}

/// The cursor at the end of a draft whose last row is full: the editor puts it past the row's
/// edge, out of sight, so it is drawn at the start of the row below, which the box keeps free
/// for it (`compose_box::box_rows`). At the end of a full line above the last, the row below
/// holds the next line's text: the cursor is drawn on the row's last cell instead, as an
/// editor shows it on the last letter, so it never vanishes.
fn cursor_after_full_row(
    editor: &ratatui_textarea::TextArea<'_>,
    buf: &mut Buffer,
    inner: Rect,
    theme: Theme<'_>,
) {
    let at = editor.screen_cursor();
    if inner.is_empty() || at.col < usize::from(inner.width) {
        return;
    }
    let last_line = editor.cursor().0 + 1 == editor.lines().len();
    let (top, _) = editor.scroll_offset();
    let Some(row) = at.row.checked_sub(usize::from(top)) else {
        return;
    };
    let (row, column) = if last_line {
        (row + 1, inner.x)
    } else {
        (row, inner.right() - 1)
    };
    if let Ok(row) = u16::try_from(row)
        && row < inner.height
        && let Some(cell) = buf.cell_mut((column, inner.y + row))
    {
        cell.set_style(theme.cursor());
    }
}

/// Where the editor draws the draft in a reply box drawn in `area`: inside its border.
pub fn text_area(area: Rect) -> Rect {
    super::border::Bordered::new(Style::new()).inner(area)
}

/// "Reply to Ольга": whose chat the text goes to, on every frame the box is drawn, so a
/// send never surprises. A chat that cannot be answered says why instead.
fn title(state: &State, width: u16, theme: Theme<'_>) -> Line<'static> {
    let style = match state.reply_target() {
        ReplyTarget::Open { .. } | ReplyTarget::Team { .. } => theme.header(),
        ReplyTarget::Supervising { .. } => theme.wait_warning(),
        ReplyTarget::NoChat
        | ReplyTarget::ReadOnly
        | ReplyTarget::Closed { .. }
        | ReplyTarget::Others { .. } => theme.dim(),
    };
    let room = usize::from(width.saturating_sub(2));
    super::columns::fit_line_marked(Line::styled(state.reply_title(), style), room, style)
}
