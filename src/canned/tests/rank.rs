//! The picker's order: tier (where the query words are found), use count, language.

use super::*;
use crate::canned::library::parse_files;

fn lib() -> Library {
    let reply = |id: &str, lang: &str, title: &str, tags: &str, body: &str| {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"{title}\"\ntags = [{tags}]\nlang = \"{lang}\"\n+++\n{body}\n"
        );
        (format!("{lang}/{id}.md"), text)
    };
    parse_files(&[
        reply(
            "greeting",
            "en",
            "Greeting",
            "\"hello\"",
            "Hello! How can I help?",
        ),
        reply(
            "greeting",
            "ru",
            "Приветствие",
            "\"привет\"",
            "Здравствуйте! Чем помочь?",
        ),
        reply(
            "closing",
            "en",
            "Closing",
            "\"bye\"",
            "Glad to help! Anything else?",
        ),
        reply(
            "stock",
            "en",
            "Out of stock",
            "\"delivery\"",
            "It is back on Monday.",
        ),
    ])
    .library
}

fn ids(lib: &Library, order: &[usize]) -> Vec<String> {
    order
        .iter()
        .map(|&i| format!("{}/{}", lib.replies[i].id, lib.replies[i].lang))
        .collect()
}

#[test]
fn no_query_lists_the_most_used_first_then_the_preferred_language() {
    let lib = lib();
    let usage = Usage::from([("closing".to_owned(), 5), ("greeting".to_owned(), 2)]);
    let order = rank(&lib, &usage, "", &["ru", "en"]);
    assert_eq!(
        ids(&lib, &order),
        ["closing/en", "greeting/ru", "greeting/en", "stock/en"]
    );
    let order = rank(&lib, &Usage::new(), "  ", &["en"]);
    assert_eq!(ids(&lib, &order)[..2], ["greeting/en", "closing/en"]);
}

#[test]
fn a_query_matches_title_tags_shortcut_and_text() {
    let lib = lib();
    let none = Usage::new();
    // A typo, found fuzzily in a word; the Russian greeting has the word too, in its
    // `/greeting` shortcut: after the preferred one.
    let order = rank(&lib, &none, "grtng", &["en"]);
    assert_eq!(ids(&lib, &order), ["greeting/en", "greeting/ru"]);
    assert_eq!(
        ids(&lib, &rank(&lib, &none, "привет", &["en"])),
        ["greeting/ru"]
    );
    assert_eq!(
        ids(&lib, &rank(&lib, &none, "delivery", &["en"])),
        ["stock/en"]
    );
    assert_eq!(
        ids(&lib, &rank(&lib, &none, "monday", &["en"])),
        ["stock/en"]
    );
    assert!(rank(&lib, &none, "zzzz", &["en"]).is_empty());
}

#[test]
fn the_tier_comes_first_and_use_breaks_ties() {
    let lib = lib();
    // "help" is in the text of both the greeting and the closing: the same tier.
    let order = rank(&lib, &Usage::new(), "help", &["en"]);
    assert_eq!(ids(&lib, &order), ["greeting/en", "closing/en"]);
    let usage = Usage::from([("closing".to_owned(), 1)]);
    let order = rank(&lib, &usage, "help", &["en"]);
    assert_eq!(ids(&lib, &order), ["closing/en", "greeting/en"]);
    // A title match beats heavy use of a reply that matches only in its text.
    let usage = Usage::from([("stock".to_owned(), 100)]);
    let order = rank(&lib, &usage, "closing", &["en"]);
    assert_eq!(ids(&lib, &order)[0], "closing/en");
}

#[test]
fn shortcuts_match_by_prefix_once_each() {
    let lib = lib();
    let order = shortcuts(&lib, &Usage::new(), "gr", &["ru", "en"]);
    assert_eq!(
        ids(&lib, &order),
        ["greeting/ru"],
        "one per shortcut, preferred language"
    );
    assert_eq!(shortcuts(&lib, &Usage::new(), "", &["en"]).len(), 3);
}

/// Russian replies where «доставк» is found in every way there is, and one where it is not.
fn tiers() -> Library {
    let reply = |id: &str, title: &str, tags: &str, shortcut: &str, body: &str| {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"{title}\"\ntags = [{tags}]\nlang = \"ru\"\nshortcut = \"{shortcut}\"\n+++\n{body}\n"
        );
        (format!("ru/{id}.md"), text)
    };
    parse_files(&[
        // д-о-с-т-а-в-к scattered over several words of a text: no match at all.
        reply(
            "scattered",
            "Брак",
            "",
            "defect",
            "Добрый день, стол тогда вам вернут как есть.",
        ),
        reply(
            "in_body",
            "Сроки",
            "",
            "when",
            "Сроки доставки зависят от города.",
        ),
        reply(
            "in_tag",
            "Сроки",
            "\"доставка\"",
            "terms",
            "Всё привезём вовремя.",
        ),
        reply(
            "in_title",
            "Доставку оплачивает магазин",
            "",
            "free",
            "Бесплатно.",
        ),
        // Inside a word but not at its start: found fuzzily only.
        reply(
            "fuzzy_title",
            "Самодоставка со склада",
            "",
            "self",
            "Заберите сами.",
        ),
        reply(
            "fuzzy_body",
            "Курьер",
            "",
            "dostavka",
            "Курьер или автодоставка.",
        ),
    ])
    .library
}

#[test]
fn a_word_in_title_tags_or_shortcut_beats_a_word_in_the_text_beats_fuzzy_letters() {
    let lib = tiers();
    // The heavily used replies are the worse matches: use only breaks ties within a tier.
    let usage = Usage::from([
        ("scattered".to_owned(), 90),
        ("fuzzy_body".to_owned(), 85),
        ("fuzzy_title".to_owned(), 80),
        ("in_body".to_owned(), 70),
        ("in_title".to_owned(), 2),
        ("in_tag".to_owned(), 1),
    ]);
    let order = ids(&lib, &rank(&lib, &usage, "доставк", &["ru"]));
    assert_eq!(
        order,
        [
            "in_title/ru",
            "in_tag/ru",
            "in_body/ru",
            "fuzzy_title/ru",
            "fuzzy_body/ru"
        ]
    );
    // Any form of the word finds the same replies by its stem.
    for query in [
        "доставка",
        "доставку",
        "доставки",
        "доставкой",
        "ДОСТАВКУ",
        "Доставками",
    ] {
        let found = ids(&lib, &rank(&lib, &usage, query, &["ru"]));
        assert_eq!(found[..3], order[..3], "{query}: {found:?}");
        assert!(
            !found.contains(&"scattered/ru".to_owned()),
            "{query}: {found:?}"
        );
    }
    // A Latin shortcut is a word too.
    assert_eq!(
        ids(&lib, &rank(&lib, &usage, "dost", &["ru"])),
        ["fuzzy_body/ru"]
    );
}

#[test]
fn every_word_of_the_query_must_be_found() {
    let lib = tiers();
    let none = Usage::new();
    // «сроки» is the title of two; «доставки» is in the tag of one and the text of the other.
    let order = ids(&lib, &rank(&lib, &none, "сроки доставки", &["ru"]));
    assert_eq!(order, ["in_tag/ru", "in_body/ru"]);
    assert!(rank(&lib, &none, "сроки жжж", &["ru"]).is_empty());
}

#[test]
fn within_a_tier_a_whole_word_beats_a_prefix_however_used() {
    let lib = parse_files(&[
        (
            "ru/app.md".to_owned(),
            "+++\nid = \"app\"\ntitle = \"Складской учёт\"\nlang = \"ru\"\n+++\nТекст.\n"
                .to_owned(),
        ),
        (
            "ru/store.md".to_owned(),
            "+++\nid = \"store\"\ntitle = \"Склад\"\nlang = \"ru\"\n+++\nТекст.\n".to_owned(),
        ),
    ])
    .library;
    let usage = Usage::from([("app".to_owned(), 50)]);
    for query in ["склад", "складе", "склада"] {
        let order = ids(&lib, &rank(&lib, &usage, query, &["ru"]));
        assert_eq!(order, ["store/ru", "app/ru"], "{query}");
    }
}

#[test]
fn stems_cut_russian_endings_but_keep_short_words() {
    assert_eq!(stem("доставками"), "доставк");
    assert_eq!(stem("наличии"), "налич");
    assert_eq!(stem("наличие"), "налич");
    assert_eq!(stem("возврата"), "возврат");
    assert_eq!(stem("возврат"), "возврат");
    assert_eq!(stem("имя"), "имя");
    assert_eq!(stem("дом"), "дом");
    assert_eq!(stem("refund"), "refund");
    assert_eq!(normalize("ЕЩЁ Ёлка"), "еще елка");
}
