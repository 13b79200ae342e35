//! Loading and merging: user over shipped by id and language, duplicates, languages, a
//! broken user file next to good ones.

use super::*;

fn file(name: &str, id: &str, lang: &str, body: &str) -> (String, String) {
    let text =
        format!("+++\nid = \"{id}\"\ntitle = \"{id} {lang}\"\nlang = \"{lang}\"\n+++\n{body}\n");
    (name.to_owned(), text)
}

#[test]
fn the_user_library_wins_by_id_and_language() {
    let mut shipped = parse_files(&[
        file("s/en/hi.md", "hi", "en", "Hello!"),
        file("s/ru/hi.md", "hi", "ru", "Здравствуйте!"),
        file("s/en/bye.md", "bye", "en", "Bye!"),
    ])
    .library;
    let user = parse_files(&[
        file("u/en/hi.md", "hi", "en", "Hi there!"),
        file("u/en/new.md", "new", "en", "Mine"),
    ])
    .library;
    shipped.merge(user);
    let got: Vec<(&str, &str, &str)> = shipped
        .replies
        .iter()
        .map(|r| (r.id.as_str(), r.lang.as_str(), r.body.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("hi", "en", "Hi there!"),
            ("hi", "ru", "Здравствуйте!"),
            ("bye", "en", "Bye!"),
            ("new", "en", "Mine"),
        ]
    );
}

#[test]
fn a_duplicate_in_one_library_is_a_problem_and_the_first_stays() {
    let loaded = parse_files(&[
        file("a.md", "hi", "en", "First"),
        file("b.md", "hi", "en", "Second"),
        file("c.md", "hi", "ru", "Перевод"),
    ]);
    assert_eq!(loaded.library.replies.len(), 2);
    assert_eq!(loaded.library.replies[0].body, "First");
    let [p] = loaded.problems.as_slice() else {
        panic!("{:?}", loaded.problems);
    };
    assert_eq!(
        p.to_string(),
        "b.md:1: duplicate id `hi` in `en`: first in a.md:1"
    );
}

#[test]
fn the_visitors_language_then_the_interfaces_then_any() {
    let lib = parse_files(&[
        file("en.md", "hi", "en", "Hello!"),
        file("ru.md", "hi", "ru", "Здравствуйте!"),
        file("de.md", "only", "de", "Hallo!"),
    ])
    .library;
    assert_eq!(
        lib.choose("hi", &["ru", "en"]).map(|r| r.lang.as_str()),
        Some("ru")
    );
    assert_eq!(
        lib.choose("hi", &["fr", "en"]).map(|r| r.lang.as_str()),
        Some("en")
    );
    assert_eq!(
        lib.choose("only", &["ru", "en"]).map(|r| r.lang.as_str()),
        Some("de")
    );
    assert!(lib.choose("nope", &["en"]).is_none());
    assert_eq!(lang_code("ru-RU,ru;q=0.9,en;q=0.8"), "ru");
    assert_eq!(lang_code("EN_us"), "en");
}

#[test]
fn a_broken_user_file_is_named_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let replies = dir.path().join(crate::canned::DIR).join("en");
    std::fs::create_dir_all(&replies).expect("mkdir");
    let (_, good) = file("", "greeting", "en", "Howdy, {visitor.name}!");
    std::fs::write(replies.join("greeting.md"), good).expect("write");
    std::fs::write(
        replies.join("broken.md"),
        "+++\nid = \"b\"\ntitle = 3\n+++\nx\n",
    )
    .expect("write");
    let loaded = load(Some(dir.path()));
    let greeting = loaded.library.find("greeting", "en").expect("greeting");
    assert_eq!(
        greeting.body, "Howdy, {visitor.name}!",
        "the user's file won"
    );
    assert!(
        loaded.library.find("closing", "ru").is_some(),
        "the shipped ones stay"
    );
    let [p] = loaded.problems.as_slice() else {
        panic!("{:?}", loaded.problems);
    };
    assert!(p.file.ends_with("broken.md") && p.line == 3, "{p}");
    let notice = loaded.notice().expect("notice");
    assert!(notice.contains("broken.md:3:"), "{notice}");
}

#[test]
fn the_shipped_library_has_every_situation_in_both_languages() {
    let loaded = load(None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let ids = [
        "greeting",
        "welcome_back",
        "ask_name",
        "one_moment",
        "find_out",
        "out_of_stock",
        "transfer",
        "feature_declined",
        "exception_refused",
        "defective",
        "angry",
        "tone_warning",
        "page_link",
        "closing",
        "offline_answer",
    ];
    for id in ids {
        for lang in ["ru", "en"] {
            assert!(loaded.library.find(id, lang).is_some(), "{id} in {lang}");
        }
    }
}

/// Replies are used in any chat, but the server mails an answer only in a chat that began as
/// an offline message with an address, and only where `[mail]` is configured: no shipped reply
/// may promise the visitor a copy or an answer by e-mail from us. Asking for the visitor's
/// address so an operator can write by hand is fine.
#[test]
fn no_shipped_reply_promises_an_email_the_product_does_not_send() {
    let loaded = load(None);
    for reply in &loaded.library.replies {
        let text = format!("{}\n{}", reply.body, reply.detail.as_deref().unwrap_or(""));
        let lower = text.to_lowercase();
        let promises = ["send", "copy", "отправим", "пришлём", "копи"]
            .iter()
            .any(|w| lower.contains(w));
        let email = ["e-mail", "email", "почт"]
            .iter()
            .any(|w| lower.contains(w));
        assert!(
            !(promises && email),
            "{} ({}) promises an e-mail: {text}",
            reply.id,
            reply.lang
        );
    }
}
