//! Word wrapping by display width (grapheme clusters measured like ratatui measures them), so
//! Cyrillic, emoji and CJK lines never overflow or leave ragged gaps.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string, as the terminal (and ratatui) will lay it out.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Wraps `text` (which may hold `\n`) into lines at most `width` columns wide; the first line
/// is `first_indent` columns narrower (it follows the time and author). Long words and
/// unspaced CJK are broken between graphemes.
pub fn wrap(text: &str, width: usize, first_indent: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    let mut limit = width.saturating_sub(first_indent).max(1);
    let mut finish = |line: &mut String, used: &mut usize, limit: &mut usize| {
        out.push(std::mem::take(line).trim_end().to_owned());
        *used = 0;
        *limit = width;
    };
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            finish(&mut line, &mut used, &mut limit);
        }
        for word in runs(paragraph) {
            let w = self::width(word);
            let blank = word.chars().all(char::is_whitespace);
            if used + w <= limit {
                line.push_str(word);
                used += w;
                continue;
            }
            if blank {
                // A line break replaces the space it falls on.
                finish(&mut line, &mut used, &mut limit);
                continue;
            }
            if w <= width && used > 0 {
                finish(&mut line, &mut used, &mut limit);
            }
            for g in word.graphemes(true) {
                let gw = UnicodeWidthStr::width(g);
                if used + gw > limit && used > 0 {
                    finish(&mut line, &mut used, &mut limit);
                }
                line.push_str(g);
                used += gw;
            }
        }
    }
    out.push(line.trim_end().to_owned());
    out
}

/// Splits into alternating runs of whitespace and non-whitespace, so lines break only at
/// spaces (punctuation stays with its word) and a long run is broken by graphemes.
fn runs(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let blank = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace() != blank)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn newlines_and_long_words() {
        assert_eq!(wrap("a\n\nb", 10, 0), ["a", "", "b"]);
        let lines = wrap("abcdefghijkl", 5, 0);
        assert_eq!(lines, ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5, 0), [""]);
    }
}
