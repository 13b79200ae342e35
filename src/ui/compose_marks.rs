//! The standards assistant on the reply box: its marks underlined where the editor drew
//! their text, and the reason for the one at the cursor on the box's bottom border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui_textarea::{DataCursor, TextArea};

use super::Theme;
use crate::action::Command;
use crate::app::State;
use crate::app::state::{compose_rows, cut_to_width};
use crate::writing::{Mark, Problem};

/// Underlines the marks in `area`, where `editor` (a copy of the state's, just drawn there)
/// put their text. Nothing when the marks are of another text than the one drawn.
pub fn underline(
    state: &State,
    editor: &TextArea<'_>,
    buf: &mut Buffer,
    area: Rect,
    theme: Theme<'_>,
) {
    let marks = &state.writing.marks;
    let lines = editor.lines();
    if marks.is_empty() || state.writing.checked.as_slice() != lines {
        return;
    }
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in lines {
        starts.push(at);
        at += line.len() + 1;
    }
    // Rows past the text would map back to its last line: only the text's own rows count.
    let shown = compose_rows(lines, usize::from(area.width));
    let (top, left) = editor.scroll_offset();
    for y in 0..area.height {
        let row = usize::from(top) + usize::from(y);
        if row >= shown {
            break;
        }
        for x in 0..area.width {
            let DataCursor(line, col) =
                editor.screen_to_data(row, usize::from(left) + usize::from(x));
            let Some((byte, _)) = lines[line].char_indices().nth(col) else {
                continue;
            };
            let offset = starts[line] + byte;
            if let Some(mark) = marks.iter().find(|m| m.range.contains(&offset))
                && let Some(cell) = buf.cell_mut((area.x + x, area.y + y))
            {
                cell.set_style(style(mark, theme));
            }
        }
    }
}

fn style(mark: &Mark, theme: Theme<'_>) -> Style {
    match mark.problem {
        Problem::Misspelt => theme.misspelt(),
        Problem::Rule(_) => theme.rule_hit(),
    }
}

/// "«щас» → «сейчас» · Alt-; · slang or a chat abbreviation": what is wrong at the cursor,
/// for the box's bottom border, the reason last as it is cut first; `None` when nothing is.
pub fn reason(state: &State, width: u16, theme: Theme<'_>) -> Option<Line<'static>> {
    let w = &state.writing;
    let t = state.strings.writing;
    let DataCursor(row, col) = state.compose.cursor();
    let lines = w.checked.as_slice();
    let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    let line = lines.get(row)?;
    let offset = before + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let mark = w.mark_at(offset)?;
    let text = w.text();
    let word = crate::sanitize::sanitize(&text[mark.range.clone()], crate::sanitize::Mode::NAME);
    let why = match mark.problem {
        Problem::Misspelt => t.misspelt,
        Problem::Rule(rule) => t.reason(rule),
    };
    let mut said = format!("«{word}»");
    if let Some(instead) = &mark.instead {
        said.push_str(&format!(" → «{instead}»"));
    }
    if let Some(key) = super::hints::shown_key(state, "compose", Command::NextSuggestion) {
        said.push_str(&format!(" · {key}"));
    }
    said.push_str(&format!(" · {why}"));
    let room = usize::from(width.saturating_sub(2));
    Some(Line::styled(
        cut_to_width(&said, room).to_owned(),
        style(mark, theme),
    ))
}
