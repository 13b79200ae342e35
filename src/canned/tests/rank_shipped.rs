//! Real queries against the shipped library: what an operator types should bring up the reply
//! that is about it, not one whose long text happens to hold the letters.

use super::*;
use crate::canned::library::parse_files;
use crate::canned::shipped;

fn shipped() -> Library {
    let loaded = parse_files(&shipped::files());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.library
}

/// `id/lang` of the replies for `query`, best first.
fn found(query: &str, langs: &[&str]) -> Vec<String> {
    let lib = shipped();
    rank(&lib, &Usage::new(), query, langs)
        .into_iter()
        .map(|i| format!("{}/{}", lib.replies[i].id, lib.replies[i].lang))
        .collect()
}

fn first(query: &str, langs: &[&str]) -> String {
    found(query, langs)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"))
}

#[test]
fn a_word_finds_the_reply_about_it_not_one_that_scatters_its_letters() {
    // The letters of «доставк» are scattered over the long texts of the defects reply: the
    // reply about delivery comes first, in any form of the word, and the defects never do.
    for query in ["доставк", "доставка", "доставку"] {
        let order = found(query, &["ru", "en"]);
        assert_eq!(
            order.first().map(String::as_str),
            Some("delivery/ru"),
            "{query}: {order:?}"
        );
        assert!(
            order.iter().take(2).all(|id| !id.starts_with("defective/")),
            "{query}: {order:?}"
        );
    }
    assert_eq!(first("delivery", &["en", "ru"]), "delivery/en");
    // The English title names it; the Russian one only has it as its shortcut.
    assert_eq!(first("deliv", &["ru", "en"]), "delivery/en");
}

#[test]
fn russian_words_find_their_reply_in_any_form() {
    let ru = &["ru", "en"];
    for (query, id) in [
        ("брак", "defective/ru"),
        ("браком", "defective/ru"),
        // The reply named «Возврат и обмен» before the defects one, tagged «возврат».
        ("возврат", "returns/ru"),
        ("возврата", "returns/ru"),
        ("наличи", "out_of_stock/ru"),
        ("наличия", "out_of_stock/ru"),
        ("нет в наличии", "out_of_stock/ru"),
        ("склада", "out_of_stock/ru"),
        ("подожд", "one_moment/ru"),
        ("минуты", "one_moment/ru"),
        ("перевод", "transfer/ru"),
        ("специалисту", "transfer/ru"),
        ("жалобу", "angry/ru"),
        ("ссылку", "page_link/ru"),
        ("грубост", "tone_warning/ru"),
        ("знакомства", "ask_name/ru"),
    ] {
        assert_eq!(first(query, ru), id, "{query}: {:?}", found(query, ru));
    }
    // Both greetings carry the tag «привет»: they come before anything that only says hello
    // somewhere in its text.
    let order = found("привет", ru);
    let mut top = order[..2].to_vec();
    top.sort();
    assert_eq!(top, ["greeting/ru", "welcome_back/ru"], "{order:?}");
}

#[test]
fn a_reply_named_by_the_word_comes_before_one_only_tagged_with_it() {
    // «посылка» is a tag of the shipped order-status reply; a reply of the operator's own
    // named «Посылка в пути», later in the library, still comes first.
    let mut files = shipped::files();
    files.push((
        "mine/parcel.md".into(),
        "+++\nid = \"parcel\"\ntitle = \"Посылка в пути\"\nlang = \"ru\"\n+++\nВ пути.\n".into(),
    ));
    let loaded = parse_files(&files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let lib = loaded.library;
    let order: Vec<String> = rank(&lib, &Usage::new(), "посылка", &["ru", "en"])
        .into_iter()
        .map(|i| lib.replies[i].id.clone())
        .collect();
    assert_eq!(
        order.first().map(String::as_str),
        Some("parcel"),
        "{order:?}"
    );
    assert!(order.contains(&"order_status".to_owned()), "{order:?}");
}

#[test]
fn english_words_find_their_reply() {
    let en = &["en", "ru"];
    for (query, id) in [
        ("stock", "out_of_stock/en"),
        ("refund", "defective/en"),
        ("wait", "one_moment/en"),
        ("specialist", "transfer/en"),
        ("rude", "tone_warning/en"),
        ("offline", "offline_answer/en"),
    ] {
        assert_eq!(first(query, en), id, "{query}: {:?}", found(query, en));
    }
}

#[test]
fn a_title_or_tag_beats_the_same_word_in_a_text_however_used() {
    // «минуту» is the title of «one moment» and a word in the text of «transfer».
    let order = found("минуту", &["ru", "en"]);
    let at = |id: &str| order.iter().position(|x| x == id).expect(id);
    assert!(at("one_moment/ru") < at("transfer/ru"), "{order:?}");
    // "help" is in the title of «closing» and in the texts of the greeting and three others.
    let lib = shipped();
    let usage = Usage::from([("greeting".to_owned(), 50), ("tone_warning".to_owned(), 9)]);
    let order = rank(&lib, &usage, "help", &["en", "ru"]);
    assert_eq!(lib.replies[order[0]].id, "closing");
}

#[test]
fn a_typo_still_finds_something() {
    assert_eq!(first("specalist", &["en", "ru"]), "transfer/en");
    let hello = first("привт", &["ru", "en"]);
    assert!(
        ["greeting/ru", "welcome_back/ru"].contains(&hello.as_str()),
        "{hello}"
    );
}
