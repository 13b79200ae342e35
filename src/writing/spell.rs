//! Spelling in Russian and English at once: each word goes to the dictionary of its script
//! (Hunspell dictionaries read by spellbook), after the operator's own words and the team's
//! product names. Loading takes a while (a Russian dictionary is large), so the console does it
//! off the loop and checks nothing until it is in.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use spellbook::Dictionary;

use super::words::{Script, Word};

/// Where Debian's `hunspell-ru` and `hunspell-en-us` put their files.
pub const DEFAULT_DIR: &str = "/usr/share/hunspell";

/// Why a dictionary could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a Hunspell dictionary: {message}")]
    Parse { path: PathBuf, message: String },
}

/// Both dictionaries and the words known besides them.
#[derive(Default)]
pub struct Speller {
    ru: Option<Dictionary>,
    en: Option<Dictionary>,
    /// Lowercased: the operator's own list and the team's.
    known: HashSet<String>,
    /// Answers given, by word: a draft is checked again after every key, and all its words
    /// but the one being typed were asked about before (a dictionary look is ~1 µs a word,
    /// this ~50 ns). Up to [`MEMO_WORDS`] words of at most [`MEMO_WORD_BYTES`]; emptied when
    /// full and when the known words change.
    memo: Mutex<HashMap<String, bool>>,
}

const MEMO_WORDS: usize = 4_096;
const MEMO_WORD_BYTES: usize = 48;

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("ru", &self.ru.is_some())
            .field("en", &self.en.is_some())
            .field("known", &self.known.len())
            .finish()
    }
}

/// Two spellers are the same only when they are one (events carrying one compare equal).
impl PartialEq for Speller {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Speller {}

/// Reads `<dir>/<name>.aff` and `.dic`.
pub fn load_dictionary(dir: &Path, name: &str) -> Result<Dictionary, LoadError> {
    let read = |ext: &str| {
        let path = dir.join(format!("{name}.{ext}"));
        std::fs::read_to_string(&path).map_err(|source| LoadError::Read { path, source })
    };
    let (aff, dic) = (read("aff")?, read("dic")?);
    Dictionary::new(&aff, &dic).map_err(|e| LoadError::Parse {
        path: dir.join(format!("{name}.dic")),
        message: e.to_string(),
    })
}

impl Speller {
    pub fn new(ru: Option<Dictionary>, en: Option<Dictionary>) -> Self {
        Self {
            ru,
            en,
            known: HashSet::new(),
            memo: Mutex::default(),
        }
    }

    /// Adds words that are right whatever the dictionaries say (one per line, `#` comments).
    pub fn add_known(&mut self, list: &str) {
        let words = list
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'));
        self.known.extend(words.map(str::to_lowercase));
        self.memo
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    fn dictionary(&self, script: Script) -> Option<&Dictionary> {
        match script {
            Script::Cyrillic => self.ru.as_ref(),
            Script::Latin => self.en.as_ref(),
            Script::Other => None,
        }
    }

    /// Whether the word is right; a word no dictionary can judge is.
    pub fn is_correct(&self, word: &Word<'_>) -> bool {
        if word.text.len() > MEMO_WORD_BYTES {
            return self.look_up(word);
        }
        // A poisoned memo (a panic elsewhere while it was held) is only a cache: start over.
        let mut memo = self.memo.lock().unwrap_or_else(|poisoned| {
            let mut memo = poisoned.into_inner();
            memo.clear();
            memo
        });
        if let Some(&right) = memo.get(word.text) {
            return right;
        }
        let right = self.look_up(word);
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.text.to_owned(), right);
        right
    }

    fn look_up(&self, word: &Word<'_>) -> bool {
        let Some(dict) = self.dictionary(word.script) else {
            return true;
        };
        let text = word.text.replace('’', "'");
        if self.known.contains(&text.to_lowercase()) {
            return true;
        }
        dict.check(&text)
            || (text.contains('-')
                && text
                    .split('-')
                    .all(|part| part.is_empty() || dict.check(part)))
    }

    /// Up to `max` corrections for `text` (one word as typed), best first; with
    /// `capital` (the word starts a sentence) asked about, and given, with a capital.
    pub fn suggest_text(&self, text: &str, capital: bool, max: usize) -> Vec<String> {
        let asked = if capital {
            super::words::with_capital(text)
        } else {
            text.to_owned()
        };
        let options = super::words::words(&asked)
            .first()
            .map(|w| self.suggest(w, max))
            .unwrap_or_default();
        if !capital {
            return options;
        }
        let mut capitals: Vec<String> = Vec::with_capacity(options.len());
        for option in options.iter().map(|o| super::words::with_capital(o)) {
            if !capitals.contains(&option) {
                capitals.push(option);
            }
        }
        capitals
    }

    /// Up to `max` corrections, best first.
    pub fn suggest(&self, word: &Word<'_>, max: usize) -> Vec<String> {
        let Some(dict) = self.dictionary(word.script) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        dict.suggest(word.text, &mut out);
        out.truncate(max);
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::words::words;
    use super::*;

    /// Debian's dictionaries (the test command installs them); fails loudly without them.
    pub(crate) fn speller() -> Speller {
        let dir = Path::new(DEFAULT_DIR);
        let load = |name| {
            load_dictionary(dir, name).unwrap_or_else(|e| {
                panic!("{e}: install hunspell-ru and hunspell-en-us (scripts/test does)")
            })
        };
        Speller::new(Some(load("ru_RU")), Some(load("en_US")))
    }

    fn word(text: &str) -> Word<'_> {
        words(text).remove(0)
    }

    #[test]
    fn russian_inflections_and_english_pass_misspellings_do_not() {
        let s = speller();
        for right in [
            "Здравствуйте",
            "заказа",
            "заказом",
            "доставили",
            "доставим",
            "пожалуйста",
            "Вам",
            "кто-то",
            "receive",
            "shipping",
            "it's",
        ] {
            assert!(s.is_correct(&word(right)), "{right}");
        }
        for wrong in ["здраствуйте", "пожалуста", "извените", "recieve", "adress"]
        {
            assert!(!s.is_correct(&word(wrong)), "{wrong}");
        }
    }

    #[test]
    fn the_right_word_is_suggested_first() {
        let s = speller();
        for (wrong, right) in [
            ("здраствуйте", "здравствуйте"),
            ("пожалуста", "пожалуйста"),
            ("recieve", "receive"),
        ] {
            let got = s.suggest(&word(wrong), 5);
            assert_eq!(
                got.first().map(String::as_str),
                Some(right),
                "{wrong}: {got:?}"
            );
        }
    }

    #[test]
    fn remembered_answers_are_the_dictionaries_answers_also_after_the_memo_fills() {
        let s = speller();
        let draft = "Здраствуйте, спасибо за ожидание! Ваш заказ recieve shipping пожалуста";
        // More distinct words than the memo keeps, so it is emptied on the way.
        // Word i: its number in base 32 written with Russian letters, after «сло».
        let nth = |mut i: usize| {
            let mut word = String::from("сло");
            loop {
                word.push(char::from_u32(0x430 + (i % 32) as u32).unwrap_or('а'));
                i /= 32;
                if i == 0 {
                    break word + " ";
                }
            }
        };
        let filler: String = (0..MEMO_WORDS + 10).map(nth).collect();
        assert_eq!(words(&filler).len(), MEMO_WORDS + 10);
        for round in 0..3 {
            for text in [draft, filler.as_str(), draft] {
                for w in words(text) {
                    assert_eq!(
                        s.is_correct(&w),
                        s.look_up(&w),
                        "{} (round {round})",
                        w.text
                    );
                }
            }
            let kept = s.memo.lock().unwrap().len();
            assert!((1..=MEMO_WORDS).contains(&kept), "{kept}");
        }
        let long = "Здравствуйте".repeat(5);
        assert!(!s.is_correct(&word(&long)));
        assert!(
            !s.memo.lock().unwrap().contains_key(long.as_str()),
            "long words are not kept"
        );
    }

    #[test]
    fn own_and_team_words_are_right() {
        let mut s = speller();
        assert!(!s.is_correct(&word("Фронтдеск")));
        s.add_known("# product names\nФронтдеск\n");
        assert!(s.is_correct(&word("Фронтдеск")));
        assert!(s.is_correct(&word("фронтдеск")));
    }
}
