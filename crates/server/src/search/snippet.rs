//! The snippet of a hit: the original text around its first hit word, the hit words marked
//! by char ranges. Computed here, not by FTS5: the index holds stems, not the text.

use super::words::{Stems, normalise, split};

/// Chars kept before the first hit.
const BEFORE: usize = 60;
/// Most chars of original text in a snippet.
const WIDTH: usize = 200;

/// A piece of the original text; `marks` are `[start, end)` char offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<[u32; 2]>,
}

/// The window of `text` around the first word any of `query` hits ("…" where cut), with
/// every hit word in it marked. No hit (a visitor found by the other field): the start.
pub fn snippet(text: &str, query: &[Stems]) -> Snippet {
    // Hit words as char ranges of the whole text.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (byte, word) in split(text) {
        let stems = Stems::of(&normalise(word));
        if query.iter().any(|q| stems.hit_by(q)) {
            let start = text[..byte].chars().count();
            hits.push((start, start + word.chars().count()));
        }
    }
    let total = text.chars().count();
    let first = hits.first().map_or(0, |h| h.0);
    let from = first.saturating_sub(BEFORE);
    let to = (from + WIDTH).min(total);
    let mut out = String::new();
    let lead = usize::from(from > 0);
    if from > 0 {
        out.push('…');
    }
    out.extend(text.chars().skip(from).take(to - from).map(|c| {
        if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        }
    }));
    if to < total {
        out.push('…');
    }
    let marks = hits
        .into_iter()
        .filter(|&(s, e)| s >= from && e <= to)
        .map(|(s, e)| [(s - from + lead) as u32, (e - from + lead) as u32])
        .collect();
    Snippet { text: out, marks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::match_expression;

    fn marked(s: &Snippet) -> String {
        let chars: Vec<char> = s.text.chars().collect();
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            if s.marks.iter().any(|m| m[0] as usize == i) {
                out.push('[');
            }
            out.push(*c);
            if s.marks.iter().any(|m| m[1] as usize == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn hit_words_are_marked_in_the_original_text() {
        let (q, _) = match_expression("заказ").unwrap();
        let s = snippet("Я ЗАКАЗАЛ диван, где заказ?", &q);
        assert_eq!(marked(&s), "Я [ЗАКАЗАЛ] диван, где [заказ]?");
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_hit() {
        let (q, _) = match_expression("ordered").unwrap();
        let text = format!("{} I order things\n{}", "x".repeat(300), "y".repeat(300));
        let s = snippet(&text, &q);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.text.chars().count(), WIDTH + 2);
        assert!(marked(&s).contains(" I [order] things "), "{}", marked(&s));
    }
}
