//! `canned check` over libraries in memory: the shipped one passes, each kind of problem is
//! reported with its file and line.

use super::*;
use crate::keymap::Keymap;
use crate::writing::rules_file::Rules;

fn reply(name: &str, front: &str, body: &str) -> (String, String) {
    (name.to_owned(), format!("+++\n{front}\n+++\n{body}\n"))
}

#[test]
fn the_shipped_library_passes() {
    let report = check(
        &[crate::canned::shipped::files()],
        &Keymap::builtin(),
        &Rules::default(),
    );
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.replies, 38);
}

#[test]
fn every_kind_of_problem_is_named_with_file_and_line() {
    let files = vec![
        reply(
            "a.md",
            "id = \"a\"\ntitle = \"A\"\nlang = \"en\"\nhotkey = \"alt-q\"",
            "Hi {visitr.name}!",
        ),
        reply(
            "b.md",
            "id = \"b\"\ntitle = \"B\"\nlang = \"en\"\nhotkey = \"alt-q\"\nshortcut = \"a\"",
            "Hi",
        ),
        reply(
            "c.md",
            "id = \"c\"\ntitle = \"C\"\nlang = \"en\"\nhotkey = \"alt-v\"",
            "Hi.",
        ),
        reply("d.md", "id = \"a\"\ntitle = \"D\"\nlang = \"en\"", "Dup"),
        reply("e.md", "id = \"e\"\ntitle = \"E\"\nlang = \"en\"", ""),
        reply(
            "f.md",
            "id = \"f\"\ntitle = \"F\"\nlang = \"en\"\nsend = \"yes\"",
            "x",
        ),
        reply(
            "g.md",
            "id = \"g\"\ntitle = \"G\"\nlang = \"en\"",
            "One.\n--- detail ---\nTwo {fill.x} {nope}",
        ),
    ];
    let report = check(&[files], &Keymap::builtin(), &Rules::default());
    let mut shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    shown.sort();
    let expect = [
        "a.md:7: unknown placeholder `{visitr.name}`",
        "b.md:5: hotkey `alt-q` is also given to `a` (a.md:1)",
        "b.md:6: shortcut `a` is also given to `a` (a.md:1)",
        "b.md:8: writing: end the message with a full stop, ? or ! at `i`",
        "c.md:5: hotkey `alt-v` is taken in the keymap: [keymap.global] \"alt-v\" = \"split_vertical\"",
        "d.md:1: duplicate id `a` in `en`: first in a.md:1",
        "e.md:6: the reply has no text",
        "f.md:5: ",
        "g.md:8: unknown placeholder `{nope}`",
    ];
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
    for (got, want) in shown.iter().zip(expect) {
        assert!(got.starts_with(want), "{got}\n  should start with\n{want}");
    }
}

#[test]
fn a_user_library_may_override_the_shipped_one_but_not_take_its_hotkeys() {
    let mine = vec![
        reply(
            "u/greeting.md",
            "id = \"greeting\"\ntitle = \"Hi\"\nlang = \"en\"\nhotkey = \"alt-g\"",
            "Yo!",
        ),
        reply(
            "u/mine.md",
            "id = \"mine\"\ntitle = \"Mine\"\nlang = \"en\"\nhotkey = \"alt-m\"",
            "Mine.",
        ),
    ];
    let report = check(
        &[crate::canned::shipped::files(), mine],
        &Keymap::builtin(),
        &Rules::default(),
    );
    let [p] = report.problems.as_slice() else {
        panic!("{:#?}", report.problems);
    };
    assert_eq!((p.file.as_str(), p.line), ("u/mine.md", 5), "{p}");
    assert!(p.message.contains("one_moment"), "{p}");
}

#[test]
fn writing_rule_hits_are_named_on_their_own_lines() {
    let files = vec![reply(
        "ru/stock.md",
        "id = \"stock\"\ntitle = \"Наличие\"\nlang = \"ru\"",
        "Здравствуйте!\nя не знаю, есть ли товар!!!",
    )];
    let report = check(&[files], &Keymap::builtin(), &Rules::default());
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "ru/stock.md:7: writing: a sentence starts with a capital letter at `я` (instead: `Я`)",
            "ru/stock.md:7: writing: leaves the visitor with nothing at `не знаю` \
             (instead: `уточню и вернусь с ответом`)",
            "ru/stock.md:7: writing: one mark is enough at `!!!` (instead: `!`)",
        ]
    );
    // Switched off in the user's file, the rules say nothing.
    let off = Rules::with_user_file(
        "[rules]\nsentence_capital = false\nbanned_phrases = false\nrepeated_punctuation = false\n",
    )
    .expect("parses");
    let files = vec![reply(
        "ru/stock.md",
        "id = \"stock\"\ntitle = \"Наличие\"\nlang = \"ru\"",
        "Здравствуйте!\nя не знаю, есть ли товар!!!",
    )];
    assert!(
        check(&[files], &Keymap::builtin(), &off)
            .problems
            .is_empty()
    );
}
