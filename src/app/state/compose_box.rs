//! The reply box's editor and how many rows its text takes. The editor (ratatui-textarea)
//! wraps by words, long words by graphemes; the box grows with the wrapped rows up to its
//! limit, so it asks the editor's own wrap for them (`wrapped_ranges`, which the copy in
//! `vendor/` makes public) rather than counting them another way.

use ratatui::buffer::CellWidth;
use ratatui_textarea::{TextArea, WrapMode};

use crate::i18n::Strings;

/// The editor's tab stops (its default).
const TAB: u8 = 4;

/// An empty reply box that wraps its text and says how to use it.
pub fn new_compose(strings: &Strings) -> TextArea<'static> {
    let mut compose = TextArea::default();
    compose.set_placeholder_text(strings.compose_placeholder);
    compose.set_wrap_mode(WrapMode::WordOrGlyph);
    compose
}

/// Rows `lines` take in a box `width` columns wide.
pub fn rows(lines: &[String], width: usize) -> usize {
    let width = width.max(1);
    lines.iter().map(|line| line_rows(line, width).0).sum()
}

/// Rows the reply box needs for `lines`: their rows, and one more when the last row is full,
/// where the cursor at the end of the draft is drawn (`ui/compose.rs`; the editor puts it past
/// the row's edge, out of sight).
pub fn box_rows(lines: &[String], width: usize) -> usize {
    let width = width.max(1);
    let Some((last, above)) = lines.split_last() else {
        return 0;
    };
    let (last_rows, full) = line_rows(last, width);
    rows(above, width) + last_rows + usize::from(full)
}

/// The rows `line` wraps into, as the editor wraps it, and whether its last row is full.
fn line_rows(line: &str, width: usize) -> (usize, bool) {
    // No character is wider than its bytes: a short line fits without measuring.
    if line.len() < width && !line.contains('\t') {
        return (1, false);
    }
    let ranges = ratatui_textarea::wrapped_ranges(line, WrapMode::WordOrGlyph, width, TAB);
    let full = ranges.last().is_some_and(|&(start, end)| {
        let row = line.get(start..end).unwrap_or_default();
        let tab = usize::from(TAB);
        row.chars().fold(0, |at, c| at + char_columns(c, at, tab)) >= width
    });
    (ranges.len().max(1), full)
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
    fn a_full_last_row_leaves_the_box_a_row_for_the_cursor() {
        let full = "a".repeat(10);
        assert_eq!(box_rows(std::slice::from_ref(&full), 10), 2);
        assert_eq!(box_rows(&["a".repeat(9)], 10), 1);
        // Only the draft's last line: the cursor ends a full line above it only when moved there.
        assert_eq!(box_rows(&[full.clone(), "b".into()], 10), 2);
        // "word word " twice: the trailing space fills the last row.
        assert_eq!(box_rows(&["word ".repeat(4)], 10), 3);
        // The space after a full row starts the next one: the cursor has its place.
        assert_eq!(box_rows(&["abcdefghij ".into()], 10), 2);
        assert_eq!(box_rows(&["对不起对不起".into()], 6), 3);
    }

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
            ("за {fill.days}, стоимость — {fill.price}. (Картой)", 13),
        ] {
            assert_eq!(
                rows(&[line.into()], usize::from(width)),
                editor_rows(line, width),
                "{line:?} at {width}"
            );
        }
    }
}
