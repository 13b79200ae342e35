use super::*;

fn matches(text: &str, query: &str) -> bool {
    let (query, _) = match_expression(query).unwrap();
    let found: Vec<Stems> = words(text).map(|(_, w)| Stems::of(&w)).collect();
    query.iter().all(|q| found.iter().any(|w| w.hit_by(q)))
}

#[test]
fn russian_and_english_words_meet_in_any_form() {
    assert!(matches("Я заказал диван", "заказ"));
    assert!(matches("Где мой заказ?", "заказами"));
    assert!(matches("Мы говорили с Ольгой", "Ольга"));
    assert!(matches("Светлана", "Светланой"));
    assert!(matches("Светланой", "Светлана"));
    assert!(matches("Оль\u{202e}га", "Ольгой"));
    assert!(matches("co\u{AD}operation", "cooperation"));
    assert!(matches("I ordered a sofa", "order"));
    assert!(matches("two orders", "ordering"));
    assert!(matches("ЁЛКА", "елки"));
    assert!(!matches("I ordered a sofa", "table"));
}

#[test]
fn cyrillic_words_get_the_russian_stem_only_latin_the_english() {
    assert_eq!(Stems::of("заказал").0.len(), 1);
    assert_eq!(Stems::of("ordered").0, vec!["order".to_string()]);
    assert!(Stems::of("42").0.contains(&"42".to_string()));
}

#[test]
fn the_users_text_is_quoted_never_syntax() {
    let (_, expr) = match_expression(r#"order" OR (x* NEAR"#).unwrap();
    assert_eq!(expr, r#"("order"*) AND ("or") AND ("x") AND ("near"*)"#);
    assert_eq!(match_expression("\"*()"), Err(QueryError::NoWords));
    assert_eq!(
        match_expression("a b c d e f g h i"),
        Err(QueryError::TooManyWords)
    );
}

#[test]
fn terms_hold_the_stems_of_every_word() {
    assert_eq!(terms("Ordered, twice!"), "order twice");
    assert_eq!(terms("anna@example.com"), "anna exampl com");
}

#[test]
fn a_prefix_stem_is_replaced_by_the_whole_terms_it_stands_for() {
    let (stems, _) = match_expression("заказ по order").unwrap();
    let vocab = ["заказ", "заказа", "заказыва", "order", "orderli"];
    let expand = |prefix: &str| -> Option<Vec<String>> {
        let terms: Vec<String> = vocab
            .iter()
            .filter(|t| t.starts_with(prefix))
            .map(|t| (*t).to_owned())
            .collect();
        Some(terms)
    };
    assert_eq!(
        expression(&stems, expand),
        r#"("заказ" OR "заказа" OR "заказыва") AND ("по") AND ("order" OR "orderli")"#
    );
    // A prefix no known term starts with (or past the expansion cap) stays a prefix.
    assert_eq!(
        expression(&stems, |p| (p != "заказ").then(Vec::new)),
        r#"("заказ"*) AND ("по") AND ("order"*)"#
    );
}

#[test]
fn numbers_are_never_expanded_into_whole_terms() {
    // Order and phone numbers are new terms in nearly every chat: the vocabulary leaves them out.
    assert!(!expandable("12345"));
    assert!(!expandable("зак"), "short stems match whole anyway");
    assert!(expandable("заказ") && expandable("a1b2"));
    let (stems, _) = match_expression("12345").unwrap();
    assert_eq!(
        expression(&stems, |_| Some(vec!["123456".into()])),
        r#"("12345"*)"#
    );
}

/// The first, plain forms of `split`, `normalise` and `terms` (Unicode's rules for every
/// character): the fast paths for Latin and Russian letters must give the same words.
mod plain {
    use super::super::{Stems, fold_into, invisible};

    pub fn split(text: &str) -> Vec<(usize, &str)> {
        let mut rest = text.char_indices().peekable();
        std::iter::from_fn(move || {
            while rest.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
            let (start, _) = *rest.peek()?;
            let mut end = start;
            while let Some((i, c)) = rest.next_if(|&(_, c)| c.is_alphanumeric() || invisible(c)) {
                end = i + c.len_utf8();
            }
            Some((start, &text[start..end]))
        })
        .collect()
    }

    pub fn normalise(word: &str) -> String {
        let mut out = String::new();
        word.chars()
            .filter(|&c| !invisible(c))
            .flat_map(char::to_lowercase)
            .for_each(|c| fold_into(c, &mut out));
        out
    }

    /// The words as they were before the index took them as they are: lower case, «ё» as
    /// «е», no accents taken off (SQLite's tokenizer did that).
    pub fn normalise_unfolded(word: &str) -> String {
        word.chars()
            .filter(|&c| !invisible(c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect()
    }

    pub fn terms(text: &str) -> String {
        split(text)
            .into_iter()
            .flat_map(|(_, word)| Stems::of(&normalise(word)).0)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Text mixing what visitors type: Latin and Cyrillic letters of both cases (with «Ё»),
/// digits, punctuation, invisible characters, letters whose lower case is longer («İ») or
/// that have none («ß»), other scripts, and any character at all.
fn visitor_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pick = prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        6 => prop::char::range('\u{410}', '\u{44F}'),
        1 => prop::sample::select(vec!['ё', 'Ё', 'Ѐ', 'ѐ', 'Ґ', 'İ', 'ß', 'Σ', 'ǅ', '١', '²', '中']),
        2 => prop::sample::select(vec![' ', ',', '.', '!', '?', '-', '«', '»', '№', '\n']),
        1 => prop::sample::select(vec!['\u{AD}', '\u{200B}', '\u{200D}', '\u{202E}', '\u{2063}', '\u{FEFF}']),
        1 => prop::char::range('0', '9'),
        1 => any::<char>(),
    ];
    prop::collection::vec(pick, 0..60).prop_map(|chars| chars.into_iter().collect())
}

proptest::proptest! {
    #[test]
    fn the_fast_paths_find_the_words_unicode_does(text in visitor_text()) {
        let words: Vec<(usize, String)> = words(&text).collect();
        let plain: Vec<(usize, String)> = plain::split(&text)
            .into_iter()
            .map(|(start, word)| (start, plain::normalise(word)))
            .collect();
        proptest::prop_assert_eq!(words, plain);
        proptest::prop_assert_eq!(terms(&text), plain::terms(&text));
    }
}

proptest::proptest! {
    /// The indexer's memo gives what stemming every word gives, also across messages that
    /// share words and after it fills up and starts again (a capacity of three words here).
    #[test]
    fn remembered_stems_are_the_stems(texts in proptest::collection::vec(visitor_text(), 1..8)) {
        let mut memo = crate::search::StemMemo::with_capacity(3);
        for text in texts.iter().chain(&texts) {
            proptest::prop_assert_eq!(memo.terms(text), terms(text));
            proptest::prop_assert!(memo.len() <= 3);
        }
    }
}

#[test]
fn the_memo_keeps_words_not_numbers_and_stays_bounded() {
    let mut memo = crate::search::StemMemo::with_capacity(4);
    assert_eq!(
        memo.terms("Заказал 12345 заказы"),
        terms("Заказал 12345 заказы")
    );
    assert_eq!(memo.len(), 2, "the two words, not the number");
    // A first hit is the stems stored, with the one space between words.
    assert_eq!(memo.terms("заказы заказал"), terms("заказы заказал"));
    let many: String = (0..50)
        .map(|i| format!("слово{} ", "а".repeat(i % 7 + 1)))
        .collect();
    assert_eq!(memo.terms(&many), terms(&many));
    assert!(memo.len() <= 4);
    assert!(!memo.is_empty());
}

proptest::proptest! {
    /// A number is its own stem, as both stemmers leave it (the shortcut skips them).
    #[test]
    fn a_number_is_its_own_stem(number in "[0-9]{1,20}") {
        use rust_stemmers::{Algorithm, Stemmer};
        let russian = Stemmer::create(Algorithm::Russian);
        let english = Stemmer::create(Algorithm::English);
        proptest::prop_assert_eq!(russian.stem(&number).into_owned(), number.clone());
        proptest::prop_assert_eq!(english.stem(&number).into_owned(), number.clone());
        proptest::prop_assert_eq!(Stems::of(&number).0, vec![number.clone()]);
        proptest::prop_assert_eq!(terms(&format!("№{number}!")), number);
    }
}

/// Our words against what SQLite's `unicode61` tokenizer with `remove_diacritics 2` (the
/// index's tokenizer before it took our words as they are) made of them, for every letter and
/// digit outside ASCII up to U+3000: where it took an accent off a letter, our words do the
/// same. They differ only where it split a word at a mark that Unicode counts as part of a
/// word (vowel signs and points of Indic, Hebrew, Arabic and other scripts: now the word stays
/// whole, in the index and in the query alike), and in the Latin and Greek letters with
/// accents it kept (two accents on one Latin letter, the Greek tonos): ours lose them too.
#[test]
fn letters_fold_as_sqlites_unicode61_folded_them() {
    let db = rusqlite::Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');",
    )
    .unwrap();
    let (mut split, mut unexplained) = (0, Vec::new());
    for c in ('\u{80}'..'\u{3000}').filter(|c| c.is_alphanumeric()) {
        let word = format!("q{c}q");
        let before = plain::normalise_unfolded(&word);
        let now: Vec<String> = words(&word).map(|(_, w)| w).collect();
        db.execute("DELETE FROM t", []).unwrap();
        db.execute("INSERT INTO t (x) VALUES (?)", [&before])
            .unwrap();
        let sqlite = crate::store::test_store::texts(&db, "SELECT term FROM v");
        let accent_kept = sqlite == [before.clone()]
            && matches!(c, '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{3FF}')
            && now.len() == 1
            && now[0].chars().count() == 3;
        if sqlite == ["q"] {
            split += 1;
        } else if now != sqlite && !accent_kept {
            unexplained.push(format!("{c} U+{:04X}: {now:?}, {sqlite:?}", u32::from(c)));
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    assert!(split < 800, "{split} marks split words before");
}
