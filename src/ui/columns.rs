//! Text fitted to the columns it has: cut and padded by display width for the views over the
//! list (queue, statistics), spans cut where a line reaches the screen's edge (with "…" where
//! a cut should show), and key-hint lines that drop whole hints.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::state::cut_to_width;
use crate::app::wrap;

/// `text` cut to `columns` (with "…" where cut: a cut name must not read as another name)
/// and padded with spaces to exactly that width.
pub fn pad(text: &str, columns: usize) -> String {
    let text = cut_marked(text, columns);
    let fill = columns.saturating_sub(wrap::width(&text));
    format!("{text}{}", " ".repeat(fill))
}

/// [`pad`], right-aligned.
pub fn pad_left(text: &str, columns: usize) -> String {
    let text = cut_marked(text, columns);
    let fill = columns.saturating_sub(wrap::width(&text));
    format!("{}{text}", " ".repeat(fill))
}

pub fn cut(text: &str, columns: usize) -> String {
    cut_to_width(text, columns).to_owned()
}

/// [`cut`], with "…" in the last column when something was cut (a name that goes on).
pub fn cut_marked(text: &str, columns: usize) -> String {
    if wrap::width(text) <= columns || columns == 0 {
        return cut(text, columns);
    }
    format!("{}…", cut_to_width(text, columns - 1))
}

/// A line of key hints ("type to filter · enter card · esc close") fitted to `columns`:
/// whole hints leave from the middle, so the first (what typing does) and the last (how to
/// leave) stay and no hint is cut in half; only when those two are too wide is the line cut.
pub fn fit_hints(text: &str, columns: usize) -> String {
    fit_list(text, columns, " · ")
}

/// [`fit_hints`] for a list joined with `join` (the reply box's «Enter sends, Esc back»).
pub fn fit_list(text: &str, columns: usize, join: &str) -> String {
    if wrap::width(text) <= columns {
        return text.to_owned();
    }
    let items: Vec<&str> = text.split(join).collect();
    let last = items.len() - 1;
    let mut kept: Vec<bool> = (0..items.len()).map(|i| i == 0 || i == last).collect();
    let joined = |kept: &[bool]| {
        let shown: Vec<&str> = items
            .iter()
            .zip(kept)
            .filter_map(|(item, &k)| k.then_some(*item))
            .collect();
        shown.join(join)
    };
    for i in 1..last {
        kept[i] = true;
        if wrap::width(&joined(&kept)) > columns {
            kept[i] = false;
        }
    }
    // No room for the first and the last together: the first alone, whole, if it fits.
    if wrap::width(&joined(&kept)) > columns && wrap::width(items[0]) <= columns {
        return items[0].to_owned();
    }
    cut(&joined(&kept), columns)
}

/// `text` when it fits `columns`; else its end, after a "…", in exactly as many columns or
/// fewer: for what grows at its end (a visitor's live draft), where the newest words count.
pub fn keep_end(text: &str, columns: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if wrap::width(text) <= columns || columns == 0 {
        return cut(text, columns);
    }
    let mut used = 1;
    let mut start = text.len();
    for (i, g) in text.grapheme_indices(true).rev() {
        used += wrap::width(g);
        if used > columns {
            break;
        }
        start = i;
    }
    format!("…{}", &text[start..])
}

/// The line as it is when it fits `width` columns; else cut one column short, with "…" in
/// `mark` at the edge, so a cut value reads as cut.
pub fn fit_line_marked<'a>(line: Line<'a>, width: usize, mark: Style) -> Line<'a> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let mut cut = fit_line(line.spans, width - 1);
    cut.spans.push(Span::styled("…", mark));
    cut
}

/// The spans cut where the line reaches `width` columns.
pub fn fit_line<'a>(spans: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let mut left = width;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if left == 0 {
            break;
        }
        let text = cut_to_width(&span.content, left).to_owned();
        left -= wrap::width(&text);
        out.push(Span::styled(text, span.style));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_leave_whole_from_the_middle_and_keep_how_to_leave() {
        let hint = "печатайте для фильтра · enter карточка · alt-enter сортировка · esc закрыть";
        assert_eq!(fit_hints(hint, 200), hint);
        assert_eq!(
            fit_hints(hint, 60),
            "печатайте для фильтра · enter карточка · esc закрыть"
        );
        // A later hint that fits where an earlier one did not is kept.
        assert_eq!(fit_hints("a · bbbbbbbbbb · c · z", 11), "a · c · z");
        // Too narrow for the first and the last: the first alone, else the line is cut.
        assert_eq!(fit_hints(hint, 30), "печатайте для фильтра");
        assert_eq!(fit_hints(hint, 10), "печатайте ");
        assert_eq!(fit_hints("one hint only", 8), "one hint");
        assert_eq!(
            fit_list("Ответ: Enter отправить, Esc назад", 24, ", "),
            "Ответ: Enter отправить"
        );
    }

    #[test]
    fn a_cut_name_ends_in_an_ellipsis() {
        assert_eq!(cut_marked("Ольга", 5), "Ольга");
        assert_eq!(cut_marked("Александра Константиновна", 12), "Александра …");
        assert_eq!(wrap::width(&cut_marked("对不起对不起", 5)), 5);
    }

    #[test]
    fn the_end_is_kept_after_an_ellipsis() {
        assert_eq!(keep_end("short", 10), "short");
        assert_eq!(keep_end("А оплата при получении", 10), "…получении");
        assert_eq!(wrap::width(&keep_end("А оплата при получении", 10)), 10);
        // Wide letters: never more than the columns.
        let wide = keep_end("对不起对不起", 6);
        assert!(wrap::width(&wide) <= 6 && wide.starts_with('…'), "{wide}");
        assert_eq!(keep_end("abc", 0), "");
    }

    #[test]
    fn a_line_cut_at_the_edge_ends_in_an_ellipsis() {
        let text = |l: &Line| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        let line = || Line::from(vec![Span::raw("Now on: "), Span::raw("Чайник 1,7 л")]);
        assert_eq!(
            text(&fit_line_marked(line(), 20, Style::new())),
            "Now on: Чайник 1,7 л"
        );
        let cut = fit_line_marked(line(), 12, Style::new());
        assert_eq!((text(&cut).as_str(), cut.width()), ("Now on: Чай…", 12));
        // Wide letters: never past the edge.
        let wide = fit_line_marked(Line::raw("对不起对不起"), 6, Style::new());
        assert!(wide.width() <= 6 && text(&wide).ends_with('…'));
    }
}
