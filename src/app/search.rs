//! Search within one dialog: case-insensitive, Unicode-aware matching ("ПРИВЕТ" finds
//! "привет") of the text as displayed, that is the sanitized text of each entry.
//!
//! Hits are byte ranges into an entry's text (`ChatView::text`), so re-wrapping never invalidates them; they are
//! mapped to wrapped rows only for the rows drawn and for the hit being jumped to. The whole
//! chat is searched once per query change; a new message is searched alone.

use std::ops::Range;

use crate::sanitize::{Mode, sanitize};

/// Longest query kept (characters).
const MAX_QUERY: usize = 200;

/// One match: the entry's index in the chat and a byte range of its `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

/// A chat's search: the query, its hits in dialog order (oldest first) and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// As typed; drawn in the prompt.
    pub query: String,
    /// The query as displayed text (sanitized) and lowercased.
    needle: String,
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub current: Option<usize>,
    /// Reused buffers so a search over many messages does not allocate per message.
    scratch: Folded,
}

impl Search {
    /// Sets the query; hits are found by [`Search::run`].
    pub fn set_query(&mut self, query: &str) {
        self.query = query.chars().take(MAX_QUERY).collect();
        self.needle = fold(&sanitize(&self.query, Mode::line(MAX_QUERY)));
        self.hits.clear();
        self.current = None;
    }

    /// Whether the query matches nothing because it is empty.
    pub fn is_blank(&self) -> bool {
        self.needle.is_empty()
    }

    /// Finds every hit in the chat's entry texts, in order.
    pub fn run<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        self.hits.clear();
        self.current = None;
        if self.needle.is_empty() {
            return;
        }
        for (entry, text) in texts.into_iter().enumerate() {
            self.push_entry(entry, text);
        }
    }

    /// Adds the hits of entry `entry` (the newest one, or one just re-placed at the end).
    pub fn push_entry(&mut self, entry: usize, text: &str) {
        if self.needle.is_empty() {
            return;
        }
        for r in self.scratch.find(text, &self.needle) {
            self.hits.push(Hit {
                entry,
                start: r.start,
                end: r.end,
            });
        }
    }

    /// Replaces entry `entry`'s hits after its text changed in place.
    pub fn redo_entry(&mut self, entry: usize, text: &str) {
        let from = self.hits.partition_point(|h| h.entry < entry);
        let to = self.hits.partition_point(|h| h.entry <= entry);
        let fresh: Vec<Hit> = self
            .scratch
            .find(text, &self.needle)
            .into_iter()
            .map(|r| Hit {
                entry,
                start: r.start,
                end: r.end,
            })
            .collect();
        let (old, new) = (to - from, fresh.len());
        self.hits.splice(from..to, fresh);
        // Keep pointing at the same hit, or the nearest one, when the count changed.
        if let Some(c) = self.current
            && c >= to
        {
            self.current = Some(c + new - old);
        }
        self.clamp_current();
    }

    /// The hits inside entry `entry`.
    pub fn hits_in(&self, entry: usize) -> &[Hit] {
        let from = self.hits.partition_point(|h| h.entry < entry);
        let to = self.hits.partition_point(|h| h.entry <= entry);
        &self.hits[from..to]
    }

    pub fn current_hit(&self) -> Option<Hit> {
        self.current.and_then(|i| self.hits.get(i).copied())
    }

    /// ("2", "7") as the title shows it: hits are counted from the newest one, as a chat is
    /// read from the bottom up.
    pub fn position(&self) -> Option<(usize, usize)> {
        let n = self.hits.len();
        self.current.filter(|&c| c < n).map(|c| (n - c, n))
    }

    /// Moves to the next hit back in time (`older`) or forward, wrapping round at either end.
    pub fn step(&mut self, older: bool) {
        let n = self.hits.len();
        if n == 0 {
            self.current = None;
            return;
        }
        self.current = Some(match self.current {
            None => n - 1,
            Some(c) if older => (c + n - 1) % n,
            Some(c) => (c + 1) % n,
        });
    }

    fn clamp_current(&mut self) {
        let n = self.hits.len();
        self.current = match self.current {
            _ if n == 0 => None,
            Some(c) => Some(c.min(n - 1)),
            None => None,
        };
    }
}

/// Lowercases the way matching does (full Unicode lowercase, not just ASCII).
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Lowercased text and, for each of its bytes, where its character starts in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Folded {
    text: String,
    origin: Vec<usize>,
}

impl Folded {
    /// Byte ranges of `text` whose lowercase form equals `needle` (already lowercased).
    fn find(&mut self, text: &str, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        if text.is_ascii() {
            // ASCII lowercases byte for byte: offsets are the same in both strings.
            self.text.clear();
            self.text.push_str(text);
            self.text.make_ascii_lowercase();
            return self
                .text
                .match_indices(needle)
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        self.text.clear();
        self.origin.clear();
        for (i, c) in text.char_indices() {
            for lower in c.to_lowercase() {
                self.text.push(lower);
                self.origin.resize(self.text.len(), i);
            }
        }
        let origin = &self.origin;
        let end_of = |folded_end: usize| -> usize {
            if folded_end >= origin.len() {
                return text.len();
            }
            let o = origin[folded_end];
            if o != origin[folded_end - 1] {
                return o;
            }
            // The match ends inside one character's lowercase form: take all of it.
            o + text[o..].chars().next().map_or(0, char::len_utf8)
        };
        self.text
            .match_indices(needle)
            .map(|(i, m)| origin[i]..end_of(i + m.len()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        let mut f = Folded::default();
        f.find(text, &fold(query))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn case_insensitive_in_any_script() {
        assert_eq!(ranges("Привет, привет!", "ПРИВЕТ"), ["Привет", "привет"]);
        assert_eq!(ranges("Hello HELLO", "hello"), ["Hello", "HELLO"]);
        assert_eq!(ranges("Ёлка и ёж", "ё"), ["Ё", "ё"]);
        assert_eq!(ranges("ΣΊΣΥΦΟΣ", "σ"), ["Σ", "Σ", "Σ"]);
        assert!(ranges("abc", "d").is_empty());
        assert!(ranges("abc", "").is_empty());
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        // 'İ' lowercases to two characters; the text around it keeps its offsets.
        assert_eq!(ranges("İstanbul istanbul", "stan"), ["stan", "stan"]);
        assert_eq!(ranges("xİy", "i"), ["İ"]);
        assert_eq!(ranges("日本語のテキスト 👋 日本", "日本"), ["日本", "日本"]);
    }

    #[test]
    fn hits_are_counted_from_the_newest_and_wrap_round() {
        let mut s = Search::default();
        s.set_query("да");
        s.run(["да", "нет", "Да, да"]);
        assert_eq!(s.hits.len(), 3);
        assert_eq!(s.hits_in(2).len(), 2);
        assert!(s.hits_in(1).is_empty());
        s.step(true);
        assert_eq!(s.position(), Some((1, 3)), "the newest first");
        s.step(true);
        assert_eq!(s.position(), Some((2, 3)));
        s.step(true);
        s.step(true);
        assert_eq!(
            s.position(),
            Some((1, 3)),
            "past the oldest: the newest again"
        );
        s.step(false);
        assert_eq!(
            s.position(),
            Some((3, 3)),
            "forward past the newest: the oldest"
        );
    }

    #[test]
    fn a_new_message_and_an_edited_one_keep_the_current_hit() {
        let mut s = Search::default();
        s.set_query("ok");
        s.run(["ok", "ok ok"]);
        s.current = Some(0);
        s.push_entry(2, "OK");
        assert_eq!(s.position(), Some((4, 4)));
        s.redo_entry(1, "ok");
        assert_eq!((s.hits.len(), s.current), (3, Some(0)));
        s.current = Some(2);
        s.redo_entry(1, "nothing");
        assert_eq!(s.current_hit().map(|h| h.entry), Some(2));
    }

    #[test]
    fn the_query_is_matched_as_displayed() {
        let mut s = Search::default();
        s.set_query("a\u{202E}b");
        s.run(["a⟨U+202E⟩b"]);
        assert_eq!(s.hits.len(), 1);
    }
}
