//! Search hits on screen: which part of a drawn row a hit covers, and the row's text cut into
//! spans at those parts. Only called for the rows being drawn.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use super::Theme;
use crate::app::search::Search;

/// A byte range of one wrapped line and the style laid over it.
pub type Mark = (Range<usize>, Style);

/// The hits of entry `entry` that cross its line starting at byte `start` and `len` bytes
/// long, as ranges within that line; the current hit styled apart from the others.
pub fn line_marks(
    search: &Search,
    entry: usize,
    start: usize,
    len: usize,
    theme: Theme<'_>,
) -> Vec<Mark> {
    let current = search.current_hit();
    let end = start + len;
    search
        .hits_in(entry)
        .iter()
        .filter(|h| h.start < end && h.end > start)
        .map(|h| {
            let style = if Some(*h) == current {
                theme.search_current()
            } else {
                theme.search_hit()
            };
            (h.start.max(start) - start..h.end.min(end) - start, style)
        })
        .collect()
}

/// `text` as spans in `base`, with each mark's range styled over it (marks in order, not
/// overlapping, on character boundaries).
pub fn spans(text: String, base: Style, marks: &[Mark]) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for (range, style) in marks {
        let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Span::styled(before.to_owned(), base));
        }
        out.push(Span::styled(hit.to_owned(), base.patch(*style)));
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Span::styled(rest.to_owned(), base));
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    #[test]
    fn marks_cut_the_text_into_styled_spans() {
        let u = Style::new().add_modifier(Modifier::UNDERLINED);
        let got = spans(
            "да, да и нет".into(),
            Style::new(),
            &[(0..4, u), (6..10, u)],
        );
        let parts: Vec<(&str, bool)> = got
            .iter()
            .map(|s| (s.content.as_ref(), s.style == u))
            .collect();
        assert_eq!(
            parts,
            [("да", true), (", ", false), ("да", true), (" и нет", false)]
        );
    }

    #[test]
    fn a_hit_over_a_line_break_is_clipped_to_each_line() {
        let theme = Theme::new(true);
        let mut search = Search::default();
        search.set_query("ab cd");
        search.run(["xx ab cd"]);
        search.step(true);
        // Line one is "xx ab" (bytes 0..5), line two "cd" (bytes 6..8).
        let one = line_marks(&search, 0, 0, 5, theme);
        let two = line_marks(&search, 0, 6, 2, theme);
        assert_eq!(one, [(3..5, theme.search_current())]);
        assert_eq!(two, [(0..2, theme.search_current())]);
    }
}
