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
    let chars: Vec<char> = text.chars().collect();
    let total = chars.len();
    let (first, first_end) = hits.first().copied().unwrap_or((0, 0));
    let from = word_start(&chars, first.saturating_sub(BEFORE), first);
    let to = word_end(&chars, (from + WIDTH).min(total), first_end);
    let mut out = String::new();
    let lead = usize::from(from > 0);
    if from > 0 {
        out.push('…');
    }
    out.extend(chars[from..to].iter().map(|&c| {
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

/// A cut at `at` moved on to the start of the next word, so the snippet does not open with
/// the end of one ("…вствуйте"); kept where no word starts before `limit` (the hit).
fn word_start(chars: &[char], at: usize, limit: usize) -> usize {
    if at == 0 || chars[at - 1].is_whitespace() {
        return at;
    }
    chars[at..limit]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(at, |i| at + i + 1)
}

/// A cut at `at` moved back to the end of the last whole word, not before `limit` (the first
/// hit's end); kept where none ends in between.
fn word_end(chars: &[char], at: usize, limit: usize) -> usize {
    if at >= chars.len() || chars[at].is_whitespace() || at <= limit {
        return at;
    }
    chars[limit..at]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(at, |i| limit + i)
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
        assert!(s.text.chars().count() <= WIDTH + 2);
        assert!(
            marked(&s).starts_with("…I [order] things"),
            "{}",
            marked(&s)
        );
    }

    #[test]
    fn a_cut_falls_between_words() {
        let (q, _) = match_expression("чайник").unwrap();
        let text = format!(
            "Здравствуйте! {} Хочу заказать стеклянный чайник на 1,7 литра. {}",
            "Вы доставляете в Казань?".repeat(2),
            "Спасибо заранее. ".repeat(12)
        );
        let s = snippet(&text, &q);
        let inner = s.text.trim_start_matches('…').trim_end_matches('…');
        let word = |w: &str| text.split_whitespace().any(|t| t == w);
        let (head, tail) = (inner.split(' ').next(), inner.split(' ').next_back());
        assert!(
            head.is_some_and(word),
            "starts with a whole word: {}",
            s.text
        );
        assert!(tail.is_some_and(word), "ends with a whole word: {}", s.text);
        assert!(marked(&s).contains("[чайник]"), "{}", marked(&s));
    }
}
