//! The reply box: a `ratatui-textarea` editor inside a titled border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::Theme;
use crate::app::state::{ReplyTarget, cut_to_width};
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
    }
    (&editor).render(inner, buf);
    super::compose_marks::underline(state, &editor, buf, inner, theme);
}

/// Where the editor draws the draft in a reply box drawn in `area`: inside its border.
pub fn text_area(area: Rect) -> Rect {
    super::border::Bordered::new(Style::new()).inner(area)
}

/// "Reply to Ольга": whose chat the text goes to, on every frame the box is drawn, so a
/// send never surprises. A chat that cannot be answered says why instead.
fn title(state: &State, width: u16, theme: Theme<'_>) -> Line<'static> {
    let t = state.strings.reply;
    let (text, style) = match state.reply_target() {
        ReplyTarget::Open { label, .. } => (format!("{} {label}", t.to), theme.header()),
        ReplyTarget::NoChat => (t.no_chat_title.to_owned(), theme.dim()),
        ReplyTarget::ReadOnly => (t.read_only_title.to_owned(), theme.dim()),
        ReplyTarget::Closed { label } => (format!("{label} · {}", t.closed_title), theme.dim()),
        ReplyTarget::Others { label } => (format!("{label} · {}", t.others_title), theme.dim()),
        ReplyTarget::Supervising { label, .. } => (
            format!("{label} · {}", state.strings.team.supervising_title),
            theme.wait_warning(),
        ),
        ReplyTarget::Team { room } => (
            format!("{} {}", state.strings.team.to, state.room_label(room)),
            theme.header(),
        ),
    };
    let room = usize::from(width.saturating_sub(2));
    Line::styled(cut_to_width(&text, room).to_owned(), style)
}
