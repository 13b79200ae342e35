//! Word wrapping by display width (grapheme clusters measured like ratatui measures them), so
//! Cyrillic, emoji and CJK lines never overflow or leave ragged gaps.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string, as the terminal (and ratatui) will lay it out.
pub fn width(s: &str) -> usize {
    if all_one_column(s) {
        return s.chars().count();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Most words are plain Latin or Cyrillic: one column per character, no clusters to find.
pub fn all_one_column(s: &str) -> bool {
    s.chars().all(one_column)
}

/// A character that is a whole grapheme of width 1 next to any other such character:
/// printable ASCII, Latin-1 and Latin Extended letters, Cyrillic without its combining
/// marks (U+0483–U+0489), and the dashes, quotes and `…` of general punctuation. The soft
/// hyphen is left to the careful path.
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{4ff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

/// Wraps `text` (which may hold `\n`) into lines at most `width` columns wide; the first line
/// is `first_indent` columns narrower (it follows the time and author). Long words and
/// unspaced CJK are broken between graphemes.
pub fn wrap(text: &str, width: usize, first_indent: usize) -> Vec<String> {
    wrap_ranges(text, width, first_indent)
        .into_iter()
        .map(|r| text.get(r).unwrap_or_default().to_owned())
        .collect()
}

/// [`wrap`] as byte ranges of `text`: every line is a contiguous piece of it (a break drops
/// the blanks it falls on, and trailing blanks). A word that does not fit after the first
/// line's indent but fits a whole line starts on the next line, leaving the first one empty,
/// so a wide prefix never pushes text past the edge.
pub fn wrap_ranges(text: &str, width: usize, first_indent: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut l = Lines {
        text,
        out: Vec::new(),
        start: 0,
        end: 0,
        used: 0,
        limit: width.saturating_sub(first_indent),
        width,
    };
    let mut at = 0;
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            l.finish();
            l.start = at;
            l.end = at;
        }
        let mut pos = at;
        for (word, w, blank) in runs(paragraph) {
            if l.used + w <= l.limit {
                l.add(pos, word, w);
            } else if blank {
                // A line break replaces the space it falls on.
                l.finish();
            } else {
                if w <= width && (l.used > 0 || l.on_first()) {
                    l.finish();
                }
                if l.used + w <= l.limit {
                    // Whole on the fresh line: no grapheme of it would break.
                    l.add(pos, word, w);
                } else {
                    for (gi, g) in word.grapheme_indices(true) {
                        let gw = UnicodeWidthStr::width(g);
                        if l.used + gw > l.limit && (l.used > 0 || l.on_first()) {
                            l.finish();
                        }
                        l.add(pos + gi, g, gw);
                    }
                }
            }
            pos += word.len();
        }
        at += paragraph.len() + 1;
    }
    l.finish();
    l.out
}

/// The line being filled by [`wrap_ranges`].
struct Lines<'a> {
    text: &'a str,
    out: Vec<Range<usize>>,
    /// Bytes of the current line (`start == end`: nothing on it yet).
    start: usize,
    end: usize,
    used: usize,
    limit: usize,
    width: usize,
}

impl Lines<'_> {
    fn add(&mut self, at: usize, piece: &str, w: usize) {
        if self.start == self.end {
            self.start = at;
        }
        self.end = at + piece.len();
        self.used += w;
    }

    fn finish(&mut self) {
        let kept = self
            .text
            .get(self.start..self.end)
            .map_or(0, |s| s.trim_end().len());
        self.out.push(self.start..self.start + kept);
        self.start = self.end;
        self.used = 0;
        self.limit = self.width;
    }

    /// Still on the first line, narrowed by the indent: a full line is wider.
    fn on_first(&self) -> bool {
        self.limit < self.width
    }
}

/// Splits into alternating runs of whitespace and non-whitespace, so lines break only at
/// spaces (punctuation stays with its word) and a long run is broken by graphemes. Each run
/// comes with its display width ([`width`]), measured in the same pass that finds its end,
/// and whether it is blank.
fn runs(s: &str) -> impl Iterator<Item = (&str, usize, bool)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let blank = is_blank(first);
        let mut end = rest.len();
        let mut chars = 0usize;
        let mut simple = true;
        for (i, c) in rest.char_indices() {
            if is_blank(c) != blank {
                end = i;
                break;
            }
            chars += 1;
            simple &= one_column(c);
        }
        let (run, tail) = rest.split_at(end);
        rest = tail;
        let w = if simple {
            chars
        } else {
            run.graphemes(true).map(UnicodeWidthStr::width).sum()
        };
        Some((run, w, blank))
    })
}

/// [`char::is_whitespace`], answered without its table for the letters most text is made
/// of: no character from U+00A1 to U+167F is white space.
fn is_blank(c: char) -> bool {
    match u32::from(c) {
        0xA1..=0x167F => false,
        _ => c.is_whitespace(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path must agree with the careful one for every character it takes.
    #[test]
    fn one_column_characters_measure_as_the_careful_path_does() {
        let taken: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| one_column(*c))
            .collect();
        assert!(taken.len() > 600, "{}", taken.len());
        for c in &taken {
            let one = c.to_string();
            assert_eq!(UnicodeWidthStr::width(one.as_str()), 1, "{c:?}");
            for d in ['a', 'я', '\u{e9}', *c] {
                let pair = format!("{c}{d}");
                assert_eq!(pair.graphemes(true).count(), 2, "{c:?}{d:?}");
            }
        }
        for mixed in ["доставка 🚚", "e\u{301}", "日本", "a\u{ad}b", "я\u{483}"] {
            let careful: usize = mixed.graphemes(true).map(UnicodeWidthStr::width).sum();
            assert_eq!(width(mixed), careful, "{mixed}");
        }
    }

    #[test]
    fn runs_alternate_blanks_and_words_and_carry_their_width() {
        let text = "Здравствуйте!\u{a0} доставка\u{3000}🚚 e\u{301}x 日本語\u{ad}x\ttab\u{1680}ᚁ";
        let runs: Vec<(&str, usize, bool)> = runs(text).collect();
        let joined: String = runs.iter().map(|(run, _, _)| *run).collect();
        assert_eq!(joined, text);
        for (i, (run, w, blank)) in runs.iter().enumerate() {
            assert_eq!(*w, width(run), "{run:?}");
            assert_eq!(*blank, run.chars().all(char::is_whitespace), "{run:?}");
            assert!(*blank || !run.chars().any(char::is_whitespace), "{run:?}");
            if let Some((next, _, next_blank)) = runs.get(i + 1) {
                assert_ne!(blank, next_blank, "{run:?} {next:?}");
            }
        }
    }

    /// The quick answer agrees with the standard library for every character.
    #[test]
    fn blank_is_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_blank(c), c.is_whitespace(), "{c:?}");
        }
    }

    fn check(lines: &[String], w: usize, indent: usize) {
        for (i, l) in lines.iter().enumerate() {
            let limit = if i == 0 { w - indent } else { w };
            assert!(width(l) <= limit, "line {i} {l:?} wider than {limit}");
        }
    }

    #[test]
    fn words_wrap_at_spaces() {
        let lines = wrap("Здравствуйте, Ольга! Да, доставляем в Казань.", 20, 0);
        assert_eq!(
            lines,
            ["Здравствуйте, Ольга!", "Да, доставляем в", "Казань."]
        );
        check(&wrap("Здравствуйте, Ольга!", 19, 0), 19, 0);
    }

    #[test]
    fn first_line_is_narrower() {
        let lines = wrap("one two three four", 10, 6);
        assert_eq!(lines, ["one", "two three", "four"]);
        check(&lines, 10, 6);
    }

    #[test]
    fn cjk_and_emoji_break_by_width() {
        let lines = wrap("日本語のテキストです", 7, 0);
        check(&lines, 7, 0);
        assert_eq!(lines[0], "日本語");
        assert_eq!(lines.concat(), "日本語のテキストです");
        let family = "👨\u{200D}👩\u{200D}👧";
        let lines = wrap(&format!("{family}{family}{family}"), 4, 0);
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn punctuation_and_marks_stay_with_their_word() {
        assert_eq!(wrap("ab Казань.", 9, 0), ["ab", "Казань."]);
        assert_eq!(wrap("x ⟨U+202E⟩rtl", 12, 0), ["x", "⟨U+202E⟩rtl"]);
    }

    #[test]
    fn ranges_map_rows_back_to_the_text() {
        for (text, w, indent) in [
            ("Здравствуйте, Ольга! Да, доставляем в Казань.", 20, 6),
            ("a\n\n  b c d e f", 3, 0),
            ("abcdefghijkl mn", 5, 2),
            ("日本語のテキストです", 7, 0),
        ] {
            let lines = wrap(text, w, indent);
            let ranges = wrap_ranges(text, w, indent);
            for (line, r) in lines.iter().zip(&ranges) {
                assert_eq!(&text[r.clone()], line, "{text:?}");
            }
            assert!(
                ranges.windows(2).all(|p| p[0].end <= p[1].start),
                "{ranges:?}"
            );
        }
    }

    #[test]
    fn newlines_and_long_words() {
        assert_eq!(wrap("a\n\nb", 10, 0), ["a", "", "b"]);
        let lines = wrap("abcdefghijkl", 5, 0);
        assert_eq!(lines, ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5, 0), [""]);
    }

    #[test]
    fn a_word_that_does_not_fit_after_a_wide_prefix_starts_on_the_next_line() {
        // 30 columns of prefix in a 34-column pane: "Здравствуйте!" must not be cut.
        let lines = wrap("Здравствуйте! Есть ли доставка?", 34, 30);
        assert_eq!(lines, ["", "Здравствуйте! Есть ли доставка?"]);
        assert_eq!(wrap("Да", 34, 30), ["Да"]);
        // A prefix wider than the pane leaves no room at all.
        assert_eq!(wrap("ok", 10, 12), ["", "ok"]);
        assert_eq!(wrap("日本語", 10, 9), ["", "日本語"]);
        check(&wrap("abcdefghijklmnop qr", 8, 5), 8, 5);
    }
}
