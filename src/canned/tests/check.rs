//! `canned check` over libraries in memory: the shipped one passes, each kind of problem is
//! reported with its file and line.

use super::*;
use crate::keymap::Keymap;

fn reply(name: &str, front: &str, body: &str) -> (String, String) {
    (name.to_owned(), format!("+++\n{front}\n+++\n{body}\n"))
}

#[test]
fn the_shipped_library_passes() {
    let report = check(&[crate::canned::shipped::files()], &Keymap::builtin());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.replies, 30);
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
            "Hi",
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
            "One\n--- detail ---\nTwo {fill.x} {nope}",
        ),
    ];
    let report = check(&[files], &Keymap::builtin());
    let mut shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    shown.sort();
    let expect = [
        "a.md:7: unknown placeholder `{visitr.name}`",
        "b.md:5: hotkey `alt-q` is also given to `a` (a.md:1)",
        "b.md:6: shortcut `a` is also given to `a` (a.md:1)",
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
            "Mine",
        ),
    ];
    let report = check(&[crate::canned::shipped::files(), mine], &Keymap::builtin());
    let [p] = report.problems.as_slice() else {
        panic!("{:#?}", report.problems);
    };
    assert_eq!((p.file.as_str(), p.line), ("u/mine.md", 5), "{p}");
    assert!(p.message.contains("one_moment"), "{p}");
}
