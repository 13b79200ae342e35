//! The reply box's editor and how many rows its text takes. The editor (ratatui-textarea)
//! wraps by words, long words by graphemes; the box grows with the wrapped rows up to its
//! limit, so it counts them the way the editor draws them: word-boundary pieces (blanks count)
//! added while they fit, a piece wider than a row split between graphemes, a tab to the next
//! multiple of four.

use ratatui::buffer::CellWidth;
use ratatui_textarea::{TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

use crate::i18n::Strings;

/// The editor's tab stops.
const TAB: usize = 4;

/// An empty reply box that wraps its text and says how to use it.
pub fn new_compose(strings: &Strings) -> TextArea<'static> {
    let mut compose = TextArea::default();
    compose.set_placeholder_text(strings.compose_placeholder);
    compose.set_wrap_mode(WrapMode::WordOrGlyph);
    compose
}

/// Rows `lines` take in a box `width` columns wide.
pub fn rows(lines: &[String], width: usize) -> usize {
    lines.iter().map(|line| line_rows(line, width.max(1))).sum()
}

fn line_rows(line: &str, width: usize) -> usize {
    // No character is wider than its bytes: a short line fits without measuring.
    if line.len() < width && !line.contains('\t') {
        return 1;
    }
    let mut rows = 0;
    let mut used = 0;
    for piece in line.split_word_bounds() {
        let wide = columns(piece, used) - used;
        if used + wide <= width {
            used += wide;
            continue;
        }
        if used > 0 {
            rows += 1;
            used = 0;
        }
        let wide = columns(piece, 0);
        if wide <= width {
            used = wide;
            continue;
        }
        // Wider than a row: split between graphemes, each row as full as it gets.
        let mut fill = 0;
        for g in piece.graphemes(true) {
            let w = columns(g, fill) - fill;
            if fill > 0 && fill + w > width {
                rows += 1;
                fill = 0;
            }
            fill += w;
        }
        rows += 1;
    }
    rows + usize::from(used > 0 || rows == 0)
}

/// The column after `text` drawn from column `from`.
fn columns(text: &str, from: usize) -> usize {
    text.chars()
        .fold(from, |at, c| at + char_columns(c, at, TAB))
}

/// The columns `c` takes from column `at`, as the editor counts them (ratatui-textarea's own
/// `char_display_width`, no mask): a tab reaches the next multiple of `tab`, a control
/// character takes none, anything else its cell width — ratatui's, which for a few characters
/// (halfwidth katakana sound marks) is not Unicode's table's.
pub fn char_columns(c: char, at: usize, tab: usize) -> usize {
    match c {
        '\t' => {
            let tab = tab.max(1);
            tab - at % tab
        }
        c if c.is_control() => 0,
        c => usize::from(c.encode_utf8(&mut [0; 4]).cell_width()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_as_the_editor_wraps() {
        assert_eq!(rows(&["".into()], 10), 1);
        assert_eq!(rows(&["short".into(), String::new()], 10), 2);
        // "hello " fits, "world" starts the next row.
        assert_eq!(rows(&["hello world".into()], 8), 2);
        // A word wider than the row is split: 25 letters in rows of 10.
        assert_eq!(rows(&["a".repeat(25)], 10), 3);
        // Wide characters: 对不起 is six columns.
        assert_eq!(rows(&["对不起对不起".into()], 6), 2);
    }

    /// The rows the editor itself draws `line` in at `width` (its screen rows, counted by where
    /// each begins).
    fn editor_rows(line: &str, width: u16) -> usize {
        use ratatui::widgets::Widget;
        let mut editor = TextArea::from([line]);
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        let area = ratatui::layout::Rect::new(0, 0, width, 100);
        (&editor).render(area, &mut ratatui::buffer::Buffer::empty(area));
        // Past the last row the editor answers with the last one.
        let starts: Vec<_> = (0..100).map(|row| editor.screen_to_data(row, 0)).collect();
        starts.windows(2).take_while(|w| w[0] != w[1]).count() + 1
    }

    #[test]
    fn rows_counted_with_the_editors_widths() {
        // Halfwidth katakana voiced marks take two columns in the editor (ratatui's cell width)
        // where Unicode's width table gives one.
        for (line, width) in [
            ("ｶﾞｷﾞｸﾞｹﾞｺﾞｶﾞｷﾞｸﾞｹﾞｺﾞ", 10),
            ("tab\tand\ttabs\tagain\tand more words here", 12),
            ("Здравствуйте, Ольга! 你好 🙂 всё будет", 9),
        ] {
            assert_eq!(
                rows(&[line.into()], usize::from(width)),
                editor_rows(line, width),
                "{line:?} at {width}"
            );
        }
    }
}
