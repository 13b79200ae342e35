//! The writing rules applied to a draft: each hit is a byte range, the rule it breaks and,
//! where there is one, what to write instead. Pure and quick (a draft is checked on every
//! change); what the hits look like on screen is `ui/`'s business.

use std::ops::Range;

use super::rules_file::{Phrase, Rules};
use super::words::{Script, Word, is_letter, is_verbatim, lowercase, words};

/// Which rule a hit breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    SentenceCapital,
    CapitalI,
    EndPunctuation,
    PoliteYou,
    BannedPhrase,
    Slang,
    AllCaps,
    RepeatedPunctuation,
    TeamPhrase,
}

/// One place in the draft that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub rule: Rule,
    pub instead: Option<String>,
}

/// The polite forms of "вы", lowercase.
const POLITE: [&str; 16] = [
    "вы",
    "вас",
    "вам",
    "вами",
    "ваш",
    "ваша",
    "ваше",
    "ваши",
    "вашего",
    "вашей",
    "вашему",
    "вашим",
    "вашими",
    "ваших",
    "вашу",
    "вашем",
];

const TERMINATORS: [char; 4] = ['.', '!', '?', '…'];
const OPENERS: [char; 10] = ['«', '"', '\'', '(', '„', '“', '‘', '—', '–', '-'];

/// Every hit of `text` against the rules that are on, in order of position.
pub fn check(rules: &Rules, text: &str) -> Vec<Hit> {
    check_words(rules, text, &words(text))
}

/// [`check`] with the text's [`words`] found already.
pub fn check_words(rules: &Rules, text: &str, words: &[Word<'_>]) -> Vec<Hit> {
    // Lowercased once for the three phrase lists.
    let lower: Vec<String> = words
        .iter()
        .map(|w| lowercase(w.text).replace('’', "'"))
        .collect();
    let mut hits = Vec::new();
    let on = rules.on;
    // In order of what a hit says: where two rules hit the same place, the first is kept.
    if on.polite_you {
        polite_you(text, words, &mut hits);
    }
    if on.banned_phrases {
        phrases(words, &lower, &rules.banned, Rule::BannedPhrase, &mut hits);
    }
    if on.team_phrases {
        phrases(words, &lower, &rules.team, Rule::TeamPhrase, &mut hits);
    }
    if on.slang {
        phrases(words, &lower, &rules.slang, Rule::Slang, &mut hits);
    }
    if on.all_caps {
        all_caps(words, rules, &mut hits);
    }
    if on.capital_i {
        capital_i(text, words, &mut hits);
    }
    if on.sentence_capital {
        sentence_capital(text, words, &mut hits);
    }
    if on.end_punctuation {
        end_punctuation(text, &mut hits);
    }
    if on.repeated_punctuation {
        repeated_punctuation(text, &mut hits);
    }
    // A stable sort keeps that order among hits of one place; one hit per place stays.
    hits.sort_by_key(|h| (h.range.start, h.range.end));
    hits.dedup_by(|later, first| later.range == first.range);
    hits
}

/// Where each sentence starts: the text's start, and after a run of terminators followed by
/// a blank. An ellipsis continues the sentence; so does a full stop after a one- or
/// two-letter lowercase word (`т.е.`, `т. д.`, `e.g.`).
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (at, c) = bytes[i];
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && TERMINATORS.contains(&bytes[j].1) {
            j += 1;
        }
        let run = &text[at..bytes.get(j).map_or(text.len(), |b| b.0)];
        let ellipsis = run == "…" || run.starts_with("...");
        let followed_by_blank = bytes.get(j).is_some_and(|b| b.1.is_whitespace());
        if followed_by_blank && !ellipsis && !after_abbreviation(&text[..at], run) {
            starts.push(bytes[j].0);
        }
        i = j;
    }
    starts
}

fn after_abbreviation(before: &str, run: &str) -> bool {
    if run != "." {
        return false;
    }
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '.')
        .next()
        .unwrap_or("");
    let letters = last.chars().count();
    (1..=2).contains(&letters) && last.chars().all(char::is_lowercase)
}

fn sentence_capital(text: &str, words: &[Word<'_>], hits: &mut Vec<Hit>) {
    for start in sentence_starts(text) {
        let rest = &text[start..];
        let skipped = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .len();
        let at = start + skipped;
        let Some(first) = text[at..].chars().next() else {
            continue;
        };
        if !first.is_lowercase() {
            continue;
        }
        // Only a real word: a link or an address may start lowercase.
        if let Some(word) = words.iter().find(|w| w.range.start == at) {
            hits.push(Hit {
                range: word.range.clone(),
                rule: Rule::SentenceCapital,
                instead: Some(super::words::with_capital(word.text)),
            });
        }
    }
}

/// The English pronoun written lowercase: `i`, `i'm`, `i’ll`. Not a letter named (`i.e.`,
/// `i)` in a list) nor a word of another script.
fn capital_i(text: &str, words: &[Word<'_>], hits: &mut Vec<Hit>) {
    for word in words.iter().filter(|w| w.script == Script::Latin) {
        let rest = match word.text.strip_prefix('i') {
            Some(rest) if rest.is_empty() || rest.starts_with(['\'', '’']) => rest,
            _ => continue,
        };
        if text[word.range.end..].starts_with(['.', ')']) {
            continue;
        }
        hits.push(Hit {
            range: word.range.clone(),
            rule: Rule::CapitalI,
            instead: Some(format!("I{rest}")),
        });
    }
}

fn end_punctuation(text: &str, hits: &mut Vec<Hit>) {
    let trimmed = text.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return;
    };
    let last_chunk = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    let closing = ['»', '"', ')', '”', '’', '\''];
    let before_closing = trimmed
        .trim_end_matches(|c| closing.contains(&c))
        .chars()
        .last();
    let fine = TERMINATORS.contains(&last)
        || before_closing.is_some_and(|c| TERMINATORS.contains(&c))
        // A smiley, an emoji or a link at the end carries the tone itself.
        || matches!(last_chunk, ":)" | ":(" | ":-)" | ";)" | ")" | "))")
        || (!last.is_alphanumeric() && !last.is_ascii() && !closing.contains(&last))
        || is_verbatim(last_chunk);
    if !fine {
        let at = trimmed.len() - last.len_utf8();
        hits.push(Hit {
            range: at..trimmed.len(),
            rule: Rule::EndPunctuation,
            instead: None,
        });
    }
}

/// Byte ranges inside quotation marks: words there are quoted, not addressed.
fn quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '«' | '“' | '„' => open = open.or(Some(i)),
            '»' | '”' => {
                if let Some(s) = open.take() {
                    out.push(s..i);
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push(s..i),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    out
}

fn polite_you(text: &str, words: &[Word<'_>], hits: &mut Vec<Hit>) {
    let quotes = quoted(text);
    for word in words.iter().filter(|w| w.script == Script::Cyrillic) {
        if !POLITE.contains(&word.text) || quotes.iter().any(|q| q.contains(&word.range.start)) {
            continue;
        }
        let mut fixed = String::from(if word.text.starts_with('в') {
            "В"
        } else {
            ""
        });
        fixed.push_str(&word.text['в'.len_utf8()..]);
        hits.push(Hit {
            range: word.range.clone(),
            rule: Rule::PoliteYou,
            instead: Some(fixed),
        });
    }
}

/// `lower`: the words, lowercased, `’` as `'`.
fn phrases(words: &[Word<'_>], lower: &[String], list: &[Phrase], rule: Rule, hits: &mut Vec<Hit>) {
    for phrase in list {
        let wanted: Vec<String> = phrase
            .phrase
            .split_whitespace()
            .map(|w| lowercase(w).replace('’', "'"))
            .collect();
        if wanted.is_empty() || wanted.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - wanted.len() {
            if lower[start..start + wanted.len()] == wanted[..] {
                hits.push(Hit {
                    range: words[start].range.start..words[start + wanted.len() - 1].range.end,
                    rule,
                    instead: phrase.instead.clone(),
                });
            }
        }
    }
}

fn all_caps(words: &[Word<'_>], rules: &Rules, hits: &mut Vec<Hit>) {
    for word in words {
        // Most words have a lowercase letter early: looked for first, the count is seldom made.
        let shouting = word.text.chars().all(|c| !is_letter(c) || c.is_uppercase())
            && word.text.chars().filter(|&c| is_letter(c)).count() >= 4
            && !rules.abbreviations.contains(word.text);
        if shouting {
            hits.push(Hit {
                range: word.range.clone(),
                rule: Rule::AllCaps,
                instead: Some(word.text.to_lowercase()),
            });
        }
    }
}

fn repeated_punctuation(text: &str, hits: &mut Vec<Hit>) {
    let mut at = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += chunk.len();
        if is_verbatim(chunk.trim_end()) {
            continue;
        }
        let chars: Vec<(usize, char)> = chunk.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            let mut j = i + 1;
            let marks = |c: char| matches!(c, '!' | '?');
            if marks(c) {
                while j < chars.len() && marks(chars[j].1) {
                    j += 1;
                }
            } else if matches!(c, '.' | ',' | ';' | ':') {
                while j < chars.len() && chars[j].1 == c {
                    j += 1;
                }
            }
            let run = &chunk[chars[i].0..chars.get(j).map_or(chunk.len(), |x| x.0)];
            let too_many = match c {
                '!' | '?' => run.len() >= 2 && !matches!(run, "?!" | "!?"),
                '.' => run.len() >= 4,
                ',' | ';' | ':' => run.len() >= 2,
                _ => false,
            };
            if too_many {
                let instead = match c {
                    '.' => "...".to_owned(),
                    _ => run[..1].to_owned(),
                };
                hits.push(Hit {
                    range: start + chars[i].0..start + chars[i].0 + run.len(),
                    rule: Rule::RepeatedPunctuation,
                    instead: Some(instead),
                });
            }
            i = j;
        }
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
