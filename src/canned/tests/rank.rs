//! The picker's order: fuzzy score, then use count, then language.

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
fn a_query_matches_fuzzily_over_title_tags_and_text() {
    let lib = lib();
    let none = Usage::new();
    // The Russian greeting matches too, by its `/greeting` shortcut: after the preferred one.
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
fn the_score_comes_first_and_use_breaks_ties() {
    let lib = lib();
    // "help" is in the text of both the greeting and the closing: equal scores.
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
