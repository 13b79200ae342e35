//! Spelling of the shipped canned replies (titles, tags, texts), checked with Debian's hunspell
//! dictionaries (`hunspell-ru`, `hunspell-en-us`; `scripts/test` installs them). Placeholders
//! are left out. Without the dictionaries the test fails and says what to install.

use std::path::Path;

use frontdesk::canned::format::parse;
use frontdesk::canned::shipped;
use spellbook::Dictionary;

const DICTS: &str = "/usr/share/hunspell";

fn dictionary(name: &str) -> Dictionary {
    let read = |ext: &str| {
        let path = Path::new(DICTS).join(format!("{name}.{ext}"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}. The spelling test needs Debian's hunspell-ru and hunspell-en-us \
                 (apt-get install hunspell-ru hunspell-en-us; scripts/test installs them)",
                path.display()
            )
        })
    };
    Dictionary::new(&read("aff"), &read("dic")).expect("a valid hunspell dictionary")
}

/// Words of `text` without its `{placeholders}`: letters with inner `'` or `-`.
fn words(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphabetic())
                .replace('’', "'")
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word is right if the dictionary knows it, or each part of a hyphenated one.
fn correct(dict: &Dictionary, word: &str) -> bool {
    dict.check(word) || (word.contains('-') && word.split('-').all(|part| dict.check(part)))
}

#[test]
fn the_shipped_replies_are_spelled_correctly() {
    let ru = dictionary("ru_RU");
    let en = dictionary("en_US");
    // The dictionaries do catch mistakes, so this test can fail.
    assert!(!ru.check("здраствуйте") && ru.check("Здравствуйте"));
    assert!(!en.check("recieve") && en.check("receive"));

    let mut wrong = Vec::new();
    let mut checked = 0;
    for (file, text) in shipped::files() {
        let reply = parse(&file, &text).expect("the shipped replies parse");
        let dict = match reply.lang.as_str() {
            "ru" => &ru,
            "en" => &en,
            other => panic!("{file}: no dictionary for `{other}`"),
        };
        let all = [
            reply.title.clone(),
            reply.tags.join(" "),
            reply.body.clone(),
            reply.detail.clone().unwrap_or_default(),
        ];
        for word in all.iter().flat_map(|t| words(t)) {
            checked += 1;
            if !correct(dict, &word) {
                wrong.push(format!("{file}: {word}"));
            }
        }
    }
    assert!(checked > 500, "only {checked} words checked");
    assert!(wrong.is_empty(), "misspelled:\n{}", wrong.join("\n"));
}
