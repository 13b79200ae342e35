//! The standards assistant on the reply box: its marks underlined where the editor drew
//! their text, and the reason for the one at the cursor (or the reply offered, or that the
//! dictionaries are loading) on the box's bottom border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui_textarea::{DataCursor, TextArea};

use super::Theme;
use crate::action::Command;
use crate::app::State;
use crate::app::cues::{self, Urgency};
use crate::app::state::{ChatView, char_columns, compose_rows};
use crate::writing::{Mark, Problem};

/// Underlines the marks in `area`, where `editor` (a copy of the state's, just drawn there)
/// put their text: those that hold for the text drawn (a typed letter is drawn before its
/// check; the marks past it come with the check).
pub fn underline(
    state: &State,
    editor: &TextArea<'_>,
    buf: &mut Buffer,
    area: Rect,
    theme: Theme<'_>,
) {
    let lines = editor.lines();
    let marks: Vec<&Mark> = state.writing.marks_for(lines).collect();
    if marks.is_empty() {
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
    // The reply box is never masked; its tab stops are the editor's.
    let tab = usize::from(editor.tab_length());
    for y in 0..area.height {
        let row = usize::from(top) + usize::from(y);
        if row >= shown {
            break;
        }
        // The stretch of one line this row shows, chars `start..end` (a cell past its end
        // stands for char `end`, as the editor maps it).
        let DataCursor(line, start) = editor.screen_to_data(row, 0);
        let DataCursor(_, end) = editor.screen_to_data(row, usize::MAX / 2);
        let chars: Vec<(usize, char)> = lines[line]
            .char_indices()
            .skip(start)
            .take(end.saturating_sub(start) + 1)
            .map(|(byte, c)| (starts[line] + byte, c))
            .collect();
        let (Some(&(from, _)), Some(&(to, _))) = (chars.first(), chars.last()) else {
            continue;
        };
        // Most rows of a long draft hold no mark: left at once.
        let here: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.range.start <= to && from < m.range.end)
            .copied()
            .collect();
        if here.is_empty() {
            continue;
        }
        let row_chars: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        let shown_chars = end.saturating_sub(start).min(row_chars.len());
        let cells = cell_chars(
            &row_chars[..shown_chars],
            usize::from(left),
            area.width,
            tab,
        );
        for (x, i) in (0..area.width).zip(cells) {
            let Some(&(offset, _)) = chars.get(i) else {
                continue;
            };
            if let Some(mark) = here.iter().find(|m| m.range.contains(&offset))
                && let Some(cell) = buf.cell_mut((area.x + x, area.y + y))
            {
                cell.set_style(style(mark, theme));
            }
        }
    }
}

/// For each of `width` cells from column `left` of a screen row showing `chars`, the index of
/// the char the editor maps it to (`TextArea::screen_to_data`: the first char that starts at
/// or covers the cell; `chars.len()` past them). One walk along the row, where asking the editor
/// walks from the row's start for every cell.
fn cell_chars(chars: &[char], left: usize, width: u16, tab: usize) -> Vec<usize> {
    let (mut i, mut col) = (0, 0);
    (0..usize::from(width))
        .map(|x| {
            let cell = left + x;
            while let Some(&c) = chars.get(i) {
                let w = char_columns(c, col, tab);
                if col >= cell || col + w > cell {
                    break;
                }
                col += w;
                i += 1;
            }
            i
        })
        .collect()
}

fn style(mark: &Mark, theme: Theme<'_>) -> Style {
    match mark.problem {
        Problem::Misspelt | Problem::NameCapital => theme.misspelt(),
        Problem::Rule(_) => theme.rule_hit(),
    }
}

/// "«щас» → «сейчас» · Alt-; · slang or a chat abbreviation": what is wrong at the cursor,
/// for the box's bottom border, the reason last as it is cut first; `None` when nothing is.
pub fn reason(state: &State, width: u16, theme: Theme<'_>) -> Option<Line<'static>> {
    let w = &state.writing;
    let t = state.strings.writing;
    let DataCursor(row, col) = state.compose.cursor();
    let mark = w.mark_at_cursor(state.compose.lines(), row, col)?;
    let text = w.text();
    let word = crate::sanitize::sanitize(&text[mark.range.clone()], crate::sanitize::Mode::NAME);
    let why = match mark.problem {
        Problem::Misspelt => t.misspelt,
        Problem::NameCapital => t.name_capital,
        Problem::Rule(rule) => t.reason(rule),
    };
    let mut said = format!("«{word}»");
    if let Some(instead) = &mark.instead {
        said.push_str(&format!(" → «{instead}»"));
    }
    let key = super::hints::shown_key(state, "compose", Command::NextSuggestion);
    let with_key = match &key {
        Some(key) => format!("{said} · {key} · {why}"),
        None => format!("{said} · {why}"),
    };
    // The reason matters more than the key (the help has it): the key goes first.
    let room = usize::from(width.saturating_sub(2));
    let text = if unicode_width::UnicodeWidthStr::width(with_key.as_str()) <= room {
        with_key
    } else {
        format!("{said} · {why}")
    };
    Some(foot(text, width, style(mark, theme)))
}

/// A line for the reply box's bottom border, ending in «…» where the box cuts it.
fn foot(text: String, width: u16, style: Style) -> Line<'static> {
    let room = usize::from(width.saturating_sub(2));
    super::columns::fit_line_marked(Line::styled(text, style), room, style)
}

/// The pane title's cues: the countdown to the one-minute answer in the queue's colours, and,
/// for the focused pane's chat when it is ours to answer, how often the visitor's name was used
/// (dim until twice, in the visitor's name colour at two or three, a warning past three).
pub fn cues(state: &State, chat: &ChatView, focused: bool, theme: Theme<'_>) -> Vec<Span<'static>> {
    let t = state.strings.writing;
    let mut spans = Vec::new();
    if let Some(due) = cues::answer_due(state, chat) {
        let (text, style) = match due.urgency {
            Urgency::Ok => (t.answer_in, theme.wait_ok()),
            Urgency::Warning => (t.answer_in, theme.wait_warning()),
            Urgency::Alarm => (t.late_by, theme.wait_alarm()),
        };
        let time = super::format_elapsed(due.left_ms.abs(), state.strings.day_hour);
        spans.push(Span::styled(
            format!(" · {}", text.replace("{time}", &time)),
            style,
        ));
    }
    let mine = state.reply_target().writable() == Some(chat.chat.id);
    if focused
        && mine
        && let Some(n) = cues::name_uses(chat)
    {
        let style = match n {
            0 | 1 => theme.dim(),
            2 | 3 => theme.visitor(),
            _ => theme.wait_warning(),
        };
        let text = t.name_uses.replace("{n}", &n.to_string());
        spans.push(Span::styled(format!(" · {text}"), style));
    }
    spans
}

/// "Alt-; puts in: Greeting": the reply offered for an empty reply box, for its bottom border.
pub fn offer(state: &State, width: u16, theme: Theme<'_>) -> Option<Line<'static>> {
    let (_, index) = cues::offer(state)?;
    let reply = state.canned.library.replies.get(index)?;
    let key = super::hints::shown_key(state, "compose", Command::NextSuggestion)?;
    let text = state
        .strings
        .writing
        .offer
        .replace("{key}", &key)
        .replace("{title}", &reply.title);
    Some(foot(text, width, theme.unread()))
}

/// "dictionaries loading…" on the reply box's bottom border while the dictionaries load (when
/// nothing else is said there), so an unmarked misspelling is not taken for a checked one.
pub fn loading(state: &State, width: u16, theme: Theme<'_>) -> Option<Line<'static>> {
    if !state.writing.loading {
        return None;
    }
    Some(foot(
        state.strings.writing.loading.to_owned(),
        width,
        theme.dim(),
    ))
}

#[cfg(test)]
mod tests {
    use ratatui::widgets::Widget;
    use ratatui_textarea::WrapMode;

    use super::*;

    /// The row walk maps every cell to the char the editor itself maps it to, across wide
    /// letters, emoji, tabs, zero-width and control characters, wrapped rows and a line that
    /// ends mid-row.
    #[test]
    fn each_cell_maps_to_the_editors_own_char() {
        let text = "Здравствуйте,\tОльга! ｶﾞｷﾞ 你好🙂 за\u{200b}каз\u{7}№ 15 готов;\t\tкурьер \
                    позвонит 👩‍💻 заранее, 中文字符 и ещё немного текста для переноса\n\
                    вторая строка\tс табом\n\n你";
        for width in [7u16, 13, 24, 40] {
            let mut editor = TextArea::from(text.lines());
            editor.set_wrap_mode(WrapMode::WordOrGlyph);
            let area = Rect::new(0, 0, width, 60);
            let mut buf = Buffer::empty(area);
            (&editor).render(area, &mut buf);
            let tab = usize::from(editor.tab_length());
            let rows = compose_rows(editor.lines(), usize::from(width));
            assert!(rows > 4, "the text wraps at {width}");
            for row in 0..rows {
                let DataCursor(line, start) = editor.screen_to_data(row, 0);
                let DataCursor(_, end) = editor.screen_to_data(row, usize::MAX / 2);
                let chars: Vec<char> = editor.lines()[line]
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect();
                for left in [0, 2] {
                    let walked = cell_chars(&chars, left, width, tab);
                    for (x, i) in walked.into_iter().enumerate() {
                        let DataCursor(l, col) = editor.screen_to_data(row, left + x);
                        assert_eq!(
                            (l, col),
                            (line, start + i),
                            "width {width}, row {row}, cell {x}"
                        );
                    }
                }
            }
        }
    }
}
