//! Words to stems. A word of Cyrillic letters goes through the Russian Snowball stemmer, one
//! of Latin letters through the English one, anything else (digits, mixed scripts) through
//! both, so «заказал» and «заказ», "ordered" and "order" meet on one stem.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Most words a query may have: each becomes a term of the `MATCH` expression.
pub const MAX_QUERY_WORDS: usize = 8;
/// A stem this long or longer matches as a prefix (the Russian stemmer leaves «заказа» of
/// «заказал» but «заказ» of «заказ»); shorter ones match whole, or «по» would match half
/// the index.
pub const PREFIX_FROM_CHARS: usize = 4;

/// A Russian query stem this long loses its last letter (see [`Stems::for_query`]).
pub const SHORTENED_FROM_CHARS: usize = 6;

/// The words of `text`: runs of letters and digits, lower-cased, «ё» read as «е».
pub fn words(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    split(text).map(|(start, word)| (start, normalise(word)))
}

/// Runs of alphanumeric characters (invisible ones inside them too) with their byte offsets.
pub fn split(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|&(_, c)| !word_char(c)).is_some() {}
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some((i, c)) = rest.next_if(|&(_, c)| word_char(c) || invisible(c)) {
            end = i + c.len_utf8();
        }
        Some((start, &text[start..end]))
    })
}

/// A letter or a digit. Latin and Russian letters, most of every message, are told without
/// Unicode's tables (the indexer reads every stored message: `benches/terms.rs`).
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Lower case, «ё» as «е», invisible characters gone.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalise_into(word, &mut out);
    out
}

/// [`normalise`] into `out` (emptied first), so the indexer reuses one buffer for every word.
/// Latin and Russian letters are lower-cased by hand; anything else by Unicode's rules.
fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            'a'..='z' | '0'..='9' | 'а'..='я' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            // The capitals А–Я sit 0x20 below their small letters.
            'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            c if invisible(c) => {}
            c => c.to_lowercase().for_each(|lower| fold_into(lower, out)),
        }
    }
}

/// A lower-case letter as the index keeps it: Latin (and Greek) letters without their
/// accents, so «café» and "cafe" meet, and a few letters' variant forms as the usual one.
/// This is what SQLite's `unicode61` tokenizer (`remove_diacritics 2`) did to the index's
/// words; now the words go into the index as they are (`ascii`), which costs a tenth of the
/// indexer's time less, so the folding is done here (test: `words_tests.rs`, against SQLite).
fn fold_into(c: char, out: &mut String) {
    let usual = match c {
        'ё' => 'е',
        'µ' => 'μ',
        'ſ' | 'ẛ' => 's',
        'ς' => 'σ',
        'ϐ' => 'β',
        'ϑ' => 'θ',
        'ϕ' => 'φ',
        'ϖ' => 'π',
        'ϰ' => 'κ',
        'ϱ' => 'ρ',
        'ϵ' => 'ε',
        '\u{1FBE}' => 'ι',
        // The dot «İ» lower-cases into.
        '\u{300}'..='\u{36F}' => return,
        '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{3FF}' | '\u{1E00}'..='\u{1EFF}' => {
            unicode_normalization::char::decompose_canonical(c, |part| {
                if !unicode_normalization::char::is_combining_mark(part) {
                    out.push(part);
                }
            });
            return;
        }
        c => c,
    };
    out.push(usual);
}

/// Characters that do not show but can sit inside a word (a soft hyphen, zero-width and
/// direction marks): read as part of the word, so «Оль\u{200B}га» is still «ольга».
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// The stems of one (normalised) word: one or two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stems(pub Vec<String>);

impl Stems {
    pub fn of(word: &str) -> Self {
        let mut stems = Vec::with_capacity(2);
        each_stem(word, |stem| stems.push(stem.to_owned()));
        Self(stems)
    }

    /// The stems as a query looks for them: a Russian stem of [`SHORTENED_FROM_CHARS`] or more
    /// letters loses its last one, as the stemmer sometimes takes one more letter off another
    /// form of the same word («Светлана» → «светла», «Светланой» → «светлан»).
    pub fn for_query(self) -> Self {
        Self(
            self.0
                .into_iter()
                .map(|s| {
                    let n = s.chars().count();
                    let russian = s.chars().any(|c| matches!(c, 'а'..='я'));
                    if russian && n >= SHORTENED_FROM_CHARS {
                        s.chars().take(n - 1).collect()
                    } else {
                        s
                    }
                })
                .collect(),
        )
    }

    /// Whether this word is hit by a query word's stems (same rule as the `MATCH`).
    pub fn hit_by(&self, query: &Stems) -> bool {
        query.0.iter().any(|q| {
            self.0.iter().any(|s| {
                if q.chars().count() >= PREFIX_FROM_CHARS {
                    s.starts_with(q.as_str())
                } else {
                    s == q
                }
            })
        })
    }
}

/// Calls `found` with each stem of one (normalised) word: one or two, never the same twice.
fn each_stem(word: &str, mut found: impl FnMut(&str)) {
    // Neither stemmer takes anything off digits (order and phone numbers, most of which the
    // indexer meets once): the number is its own stem.
    if word.bytes().all(|b| b.is_ascii_digit()) {
        found(word);
        return;
    }
    let cyrillic = word.chars().any(|c| matches!(c, 'а'..='я' | 'ё'));
    let latin = word.bytes().any(|b| b.is_ascii_alphabetic());
    let mut russian = None;
    if cyrillic || !latin {
        let stem = RUSSIAN.stem(word);
        found(&stem);
        russian = Some(stem);
    }
    if latin || !cyrillic {
        let english = ENGLISH.stem(word);
        if russian.as_deref() != Some(&*english) {
            found(&english);
        }
    }
}

/// What goes into an FTS5 row for `text`: the stems of every word, space-separated.
pub fn terms(text: &str) -> String {
    terms_with(text, push_stems)
}

/// [`terms`], each (normalised) word's stems appended by `stems_of`: [`push_stems`], or the
/// indexer's memo of it (`stem_memo.rs`).
pub(super) fn terms_with(text: &str, mut stems_of: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for (_, raw) in split(text) {
        normalise_into(raw, &mut word);
        stems_of(&word, &mut out);
    }
    out
}

/// Appends the stems of one (normalised) word to `out`, each after a space unless `out` is
/// empty.
pub(super) fn push_stems(word: &str, out: &mut String) {
    each_stem(word, |stem| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(stem);
    });
}

/// A query that cannot be searched; its text is for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has no words to search for (letters or digits)")]
    NoWords,
    #[error("the query has more than {MAX_QUERY_WORDS} words; use fewer")]
    TooManyWords,
}

/// The query's words as stems, and the FTS5 expression for them: every word must be found
/// (in any form), each stem quoted so the user's text is never FTS5 syntax.
pub fn match_expression(query: &str) -> Result<(Vec<Stems>, String), QueryError> {
    let stems: Vec<Stems> = words(query)
        .map(|(_, w)| Stems::of(&w).for_query())
        .collect();
    if stems.is_empty() {
        return Err(QueryError::NoWords);
    }
    if stems.len() > MAX_QUERY_WORDS {
        return Err(QueryError::TooManyWords);
    }
    let expression = expression(&stems, |_| None);
    Ok((stems, expression))
}

/// The FTS5 expression for `stems`: every word (in any of its forms) must be found. A stem
/// long enough to be a prefix is replaced by the whole terms `expand` gives for it, when it
/// gives any (none: the prefix itself is asked, which costs nothing when nothing starts so).
pub fn expression(stems: &[Stems], expand: impl Fn(&str) -> Option<Vec<String>>) -> String {
    stems
        .iter()
        .map(|word| {
            let forms: Vec<String> = word
                .0
                .iter()
                .flat_map(|s| match expand_prefix(s, &expand) {
                    Some(terms) if !terms.is_empty() => terms.iter().map(|t| whole(t)).collect(),
                    _ => vec![quoted(s)],
                })
                .collect();
            format!("({})", forms.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The whole terms a prefix stem stands for, if it is a prefix and `expand` knows them.
fn expand_prefix(stem: &str, expand: &impl Fn(&str) -> Option<Vec<String>>) -> Option<Vec<String>> {
    expandable(stem).then(|| expand(stem)).flatten()
}

/// Whether a stem is expanded into whole terms (`search_vocab`): prefixes of words. Numbers
/// are not: order and phone numbers are new terms in almost every chat and would grow the
/// vocabulary with every message; a number prefix is asked as a prefix, which few terms share.
pub fn expandable(stem: &str) -> bool {
    stem.chars().count() >= PREFIX_FROM_CHARS && !stem.chars().all(|c| c.is_ascii_digit())
}

/// One FTS5 string term, matched whole.
fn whole(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// One FTS5 string term, as a prefix when long enough.
fn quoted(stem: &str) -> String {
    let star = if stem.chars().count() >= PREFIX_FROM_CHARS {
        "*"
    } else {
        ""
    };
    format!("\"{}\"{star}", stem.replace('"', "\"\""))
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
