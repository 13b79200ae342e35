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
