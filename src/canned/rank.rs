//! The picker's order.
//!
//! **Words.** Query and reply are cut into words: runs of letters and digits, lowercased, «ё»
//! read as «е». Every word of the query must be found in a reply for it to be listed. A query
//! word finds a reply word when
//! - the reply word starts with it (`доставк` → `доставками`, `ref` → `refund`), or
//! - the reply word's stem starts with the query word's stem. A stem is the word less the
//!   longest of the common Russian noun and adjective endings in [`ENDINGS`] that leaves at
//!   least [`MIN_STEM`] letters: `возврата` → `возврат`, `доставку` and `доставки` →
//!   `доставк`, `наличия` and `наличии` → `налич`. Latin words have no endings cut; the
//!   prefix rule covers what is typed in English.
//!
//! It is a *whole* word when the two are equal or have the same stem. A query word found in no
//! word this way may still be found *fuzzily* (nucleo): its letters in order inside one reply
//! word, so that a typo finds something while letters scattered over a long text do not.
//!
//! **Tiers.** Each query word is taken where it is found best:
//! 1. a word of the title, the tags or the `/shortcut`;
//! 2. a word of the text (both parts);
//! 3. fuzzily, in a word of the title, tags or shortcut;
//! 4. fuzzily, in a word of the text.
//!
//! A reply's tier is that of its worst-found query word. Lowest tier first; within a tier, more
//! whole words, then more words found in the title (a reply named «Посылка в пути» before one
//! that only has «посылка» among its tags), then the higher fuzzy score (summed over the words found fuzzily), then the most
//! used, then the preferred languages (visitor's, then the interface's), then library order.
//! With no query words (empty, or only signs): every reply, the most used first.
//!
//! A Snowball stemmer crate was weighed and left: it stems whole words, not the half-typed ones
//! a picker sees on every key, and the one on crates.io has had no release since 2019.
//!
//! Speed: the picker ranks on every key, so nothing here is kept between calls; over 300
//! replies a call takes 2–4 ms in a release build (`benches/picker.rs`, docs/benchmarks.md).

use std::cmp::Reverse;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::format::Reply;
use super::library::Library;
use super::usage::Usage;

/// Russian noun and adjective endings cut to find a stem (the longest that fits wins).
/// Verb endings are left out: cutting them would also cut nouns (`билет`, `канал`).
const ENDINGS: [&str; 51] = [
    "иями", "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "ием", "иям", "иях",
    "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях",
    "ую", "юю", "ов", "ев", "ия", "ии", "ию", "ью", "ым", "им", "ых", "их", "а", "я", "о", "е",
    "ы", "и", "у", "ю", "ь", "й",
];

/// Fewest letters a stem keeps, so that short words (`дом`, `нам`, `имя`) stay as they are.
const MIN_STEM: usize = 3;

/// Where a query word was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Label,
    Text,
    FuzzyLabel,
    FuzzyText,
}

/// How a reply matched a whole query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fit {
    place: Place,
    whole: usize,
    /// Query words found in the title (a reply named by the word before one tagged with it).
    in_title: usize,
    fuzzy: u32,
}

/// One word of the query, ready to compare.
struct Word {
    word: String,
    stem: String,
    atom: Atom,
}

/// Indexes into `library.replies`, best first; only matching replies when `query` has words.
pub fn rank<L: AsRef<str>>(
    library: &Library,
    usage: &Usage,
    query: &str,
    langs: &[L],
) -> Vec<usize> {
    let lang_rank = |lang: &str| {
        langs
            .iter()
            .position(|l| l.as_ref() == lang)
            .unwrap_or(langs.len())
    };
    let used = |i: usize| usage.get(&library.replies[i].id).copied().unwrap_or(0);
    let query = query_words(query);
    let mut fuzzy = Fuzzy::default();
    let mut scored: Vec<(usize, Fit)> = library
        .replies
        .iter()
        .enumerate()
        .filter_map(|(i, reply)| Some((i, fit(reply, &query, &mut fuzzy)?)))
        .collect();
    scored.sort_by_key(|&(i, fit)| {
        (
            fit.place,
            Reverse(fit.whole),
            Reverse(fit.in_title),
            Reverse(fit.fuzzy),
            Reverse(used(i)),
            lang_rank(&library.replies[i].lang),
            i,
        )
    });
    scored.into_iter().map(|(i, _)| i).collect()
}

/// Replies whose `/shortcut` starts with `prefix`, most used first (then preferred language),
/// one per shortcut.
pub fn shortcuts<L: AsRef<str>>(
    library: &Library,
    usage: &Usage,
    prefix: &str,
    langs: &[L],
) -> Vec<usize> {
    let ranked = rank(library, usage, "", langs);
    let mut seen: Vec<&str> = Vec::new();
    ranked
        .into_iter()
        .filter(|&i| {
            let shortcut = library.replies[i].shortcut.as_str();
            let fresh = shortcut.starts_with(prefix) && !seen.contains(&shortcut);
            if fresh {
                seen.push(shortcut);
            }
            fresh
        })
        .collect()
}

fn query_words(query: &str) -> Vec<Word> {
    let query = normalize(query);
    words(&query)
        .map(|word| Word {
            word: word.to_owned(),
            stem: stem(word).to_owned(),
            atom: Atom::new(
                word,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            ),
        })
        .collect()
}

/// How `reply` matches `query`, or `None` when some query word is found nowhere.
fn fit(reply: &Reply, query: &[Word], fuzzy: &mut Fuzzy) -> Option<Fit> {
    let mut fit = Fit {
        place: Place::Label,
        whole: 0,
        in_title: 0,
        fuzzy: 0,
    };
    if query.is_empty() {
        return Some(fit);
    }
    let label = normalize(&format!(
        "{} {} {}",
        reply.title,
        reply.tags.join(" "),
        reply.shortcut
    ));
    let text = normalize(&format!(
        "{} {}",
        reply.body,
        reply.detail.as_deref().unwrap_or_default()
    ));
    let (label, text) = (Words::new(&label), Words::new(&text));
    // The label's first words are the title's (counted only once a word is found there).
    let mut title_len = None;
    for q in query {
        let (place, whole, score) = if let Some(whole) = label.find(q) {
            let title = *title_len.get_or_insert_with(|| words(&reply.title).count());
            fit.in_title += usize::from(label.find_in_first(q, title).is_some());
            (Place::Label, whole, 0)
        } else if let Some(whole) = text.find(q) {
            (Place::Text, whole, 0)
        } else if let Some(score) = fuzzy.best(&q.atom, &label) {
            (Place::FuzzyLabel, false, score)
        } else {
            (Place::FuzzyText, false, fuzzy.best(&q.atom, &text)?)
        };
        fit.place = fit.place.max(place);
        fit.whole += usize::from(whole);
        fit.fuzzy += score;
    }
    Some(fit)
}

/// The words of one part of a reply, and the part itself for a quick fuzzy check.
struct Words<'a> {
    all: &'a str,
    words: Vec<&'a str>,
}

impl<'a> Words<'a> {
    fn new(all: &'a str) -> Self {
        Words {
            all,
            words: words(all).collect(),
        }
    }

    /// `Some(true)` when `q` is one of the words (or has its stem), `Some(false)` when it
    /// only starts one.
    fn find(&self, q: &Word) -> Option<bool> {
        self.find_in_first(q, self.words.len())
    }

    /// [`Self::find`] among the first `n` words.
    fn find_in_first(&self, q: &Word, n: usize) -> Option<bool> {
        self.words
            .iter()
            .take(n)
            .filter_map(|w| word_fit(q, w))
            .max()
    }
}

/// Whether `q` finds `word`, and as a whole word (see the module doc).
fn word_fit(q: &Word, word: &str) -> Option<bool> {
    // A stem is a prefix of its word, so both rules need this; it spares stemming most words.
    if !word.starts_with(q.stem.as_str()) {
        return None;
    }
    let stem = stem(word);
    let whole = word == q.word || stem == q.stem;
    (whole || word.starts_with(q.word.as_str()) || stem.starts_with(q.stem.as_str()))
        .then_some(whole)
}

/// The word less its longest Russian ending that leaves at least [`MIN_STEM`] letters.
fn stem(word: &str) -> &str {
    ENDINGS
        .iter()
        .filter_map(|ending| word.strip_suffix(ending))
        .filter(|rest| rest.chars().count() >= MIN_STEM)
        .min_by_key(|rest| rest.len())
        .unwrap_or(word)
}

fn normalize(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// nucleo's matcher and buffer, kept for one ranking.
struct Fuzzy {
    matcher: Matcher,
    buf: Vec<char>,
}

impl Default for Fuzzy {
    fn default() -> Self {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }
}

impl Fuzzy {
    /// The best score of `atom` inside one of the words, if any.
    fn best(&mut self, atom: &Atom, words: &Words) -> Option<u32> {
        // One pass over the whole part first: most parts lack the letters altogether.
        let mut score = |s: &str| atom.score(Utf32Str::new(s, &mut self.buf), &mut self.matcher);
        score(words.all)?;
        words
            .words
            .iter()
            .filter_map(|w| score(w))
            .max()
            .map(u32::from)
    }
}

#[cfg(test)]
#[path = "tests/rank.rs"]
mod tests;

#[cfg(test)]
#[path = "tests/rank_shipped.rs"]
mod shipped_tests;
