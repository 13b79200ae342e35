//! The words of a draft worth checking, with their byte ranges: letters (with inner
//! apostrophes and hyphens), never parts of URLs, e-mail addresses, numbers, `{placeholders}`
//! or `/shortcuts`. Pure; shared by spell checking and the writing rules.

use std::ops::Range;

/// Which alphabet a word is written in; it picks the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Latin,
    /// Letters of both, or of neither: no dictionary can judge it.
    Other,
}

/// One word of the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    pub script: Script,
}

/// `word` with its first letter a capital: `здравствуйте` → `Здравствуйте`.
pub fn with_capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

/// A run of non-blank text, e.g. `https://shop.example/a?b=1,` or `(Здравствуйте!`.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(char::is_whitespace)
        .scan(0, |at, piece| {
            let start = *at;
            *at += piece.len();
            Some((start, piece.trim_end_matches(char::is_whitespace)))
        })
}

/// Whether a chunk is a thing rather than words: a link, an address, a placeholder, a path.
pub fn is_verbatim(chunk: &str) -> bool {
    let core = chunk.trim_matches(|c: char| !(is_letter(c) || c.is_numeric()));
    chunk.contains("://")
        // No letter but `W` and `w` lowercases to `w`, so an ASCII look is the whole look.
        || chunk
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
        || (core.contains('@') && core.contains('.'))
        || chunk.contains('{')
        || chunk.contains('}')
        || chunk.starts_with('/')
        || chunk.starts_with('#')
        || chunk.contains('_')
        // A domain without a scheme: `shop.example`, `kettle.ru/x`.
        || looks_like_domain(core)
}

fn looks_like_domain(core: &str) -> bool {
    let Some((name, tld)) = core.rsplit_once('.') else {
        return false;
    };
    let tld = tld.split('/').next().unwrap_or(tld);
    !name.is_empty()
        && !name.ends_with('.')
        && (2..=12).contains(&tld.chars().count())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || c == '\'' || c == '’' || c == '-'
}

/// `char::is_alphabetic`, answered at once for ASCII and the Russian alphabet. The standard
/// one searches Unicode's tables for every letter past ASCII, and a draft is looked at letter
/// by letter several times after every key (a third of a check's time went there).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        matches!(c, 'А'..='я' | 'ё' | 'Ё') || c.is_alphabetic()
    }
}

/// `str::to_lowercase`, without Unicode's tables for ASCII and the Russian alphabet (the
/// words a draft is made of here); any other letter goes the standard way.
pub fn lowercase(text: &str) -> String {
    let simple = text
        .chars()
        .all(|c| c.is_ascii() || matches!(c, 'А'..='я' | 'ё' | 'Ё'));
    if !simple {
        return text.to_lowercase();
    }
    text.chars()
        .map(|c| match c {
            'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
            'Ё' => 'ё',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

fn script_of(word: &str) -> Script {
    let mut cyrillic = false;
    let mut latin = false;
    for c in word.chars().filter(|&c| is_letter(c)) {
        match c {
            'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => cyrillic = true,
            'a'..='z' | 'A'..='Z' => latin = true,
            _ => return Script::Other,
        }
    }
    match (cyrillic, latin) {
        (true, false) => Script::Cyrillic,
        (false, true) => Script::Latin,
        _ => Script::Other,
    }
}

/// Every word of `text` outside verbatim chunks, in order. A piece with a digit in it
/// (`5G`, `A-1043`) is not a word.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (start, chunk) in chunks(text) {
        if chunk.is_empty() || is_verbatim(chunk) {
            continue;
        }
        let mut at = 0;
        for piece in chunk.split(|c: char| !is_word_char(c) && !c.is_ascii_digit()) {
            let offset = at;
            at += piece.len()
                + chunk[at + piece.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            if piece.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let trimmed = piece.trim_matches(|c: char| !is_letter(c));
            if trimmed.is_empty() {
                continue;
            }
            let lead = piece.len() - piece.trim_start_matches(|c: char| !is_letter(c)).len();
            let begin = start + offset + lead;
            out.push(Word {
                text: trimmed,
                range: begin..begin + trimmed.len(),
                script: script_of(trimmed),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_with_ranges_and_scripts() {
        let text = "Здравствуйте, Olga! «Кто-то» it's here.";
        let found = words(text);
        assert_eq!(
            found.iter().map(|w| w.text).collect::<Vec<_>>(),
            ["Здравствуйте", "Olga", "Кто-то", "it's", "here"]
        );
        for w in &found {
            assert_eq!(&text[w.range.clone()], w.text);
        }
        assert_eq!(found[0].script, Script::Cyrillic);
        assert_eq!(found[1].script, Script::Latin);
    }

    #[test]
    fn links_addresses_numbers_and_placeholders_are_not_words() {
        let text = "See https://shop.example/kettles?q=1, write olga@example.ru or www.shop.ru, \
                    order A-1043 for 1500 руб, {name}, /greet, shop.example and 5G";
        assert_eq!(
            texts(text),
            ["See", "write", "or", "order", "for", "руб", "and"]
        );
    }

    #[test]
    fn the_quick_letter_test_is_the_standard_one_for_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_quick_lowercase_is_the_standard_one() {
        // Every char alone, then words with the cases the quick way must leave to the
        // standard one (Greek final sigma, Turkish dotted I, German sharp s).
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("{c}Ab{c}Яё");
            assert_eq!(lowercase(&text), text.to_lowercase(), "U+{:04X}", c as u32);
        }
        for text in [
            "ΟΔΟΣ",
            "İSTANBUL",
            "STRASSE ẞ",
            "ЁЖИК Ёлка",
            "Kelvin \u{212A}",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn www_is_found_in_any_case() {
        for chunk in ["WWW.shop.ru", "(www.shop.ru)", "Www.x", "see:WwW.a"] {
            assert!(is_verbatim(chunk), "{chunk}");
        }
        assert!(!is_verbatim("wwwx"));
        assert!(!is_verbatim("www"), "a word, not an address");
    }

    #[test]
    fn mixed_scripts_are_other() {
        assert_eq!(words("Привeт")[0].script, Script::Other, "a Latin e inside");
    }
}
