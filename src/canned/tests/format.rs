//! Reply files: every field, the two parts, and each kind of broken file with its line.

use super::*;

const FULL: &str = "+++\nid = \"out_of_stock\"\ntitle = \"Out of stock\"\ntags = [\"stock\"]\nlang = \"en\"\nhotkey = \"alt-o\"\nsend = true\nshortcut = \"stock\"\n+++\n\nSorry, {fill.product} is gone.\n\n--- Detail ---\n\nBack on {fill.date}.\n";

fn err(text: &str) -> Problem {
    parse("r.md", text).expect_err("broken")
}

#[test]
fn a_full_file_gives_every_field_and_both_parts() {
    let r = parse("en/out_of_stock.md", FULL).expect("parses");
    assert_eq!(r.id, "out_of_stock");
    assert_eq!(r.title, "Out of stock");
    assert_eq!(r.tags, ["stock"]);
    assert_eq!(r.lang, "en");
    assert_eq!(r.hotkey.as_deref(), Some("alt-o"));
    assert!(r.send);
    assert_eq!(r.shortcut, "stock");
    assert_eq!(r.body, "Sorry, {fill.product} is gone.");
    assert_eq!(r.detail.as_deref(), Some("Back on {fill.date}."));
    assert_eq!((r.line, r.body_line, r.detail_line), (1, 11, 15));
    assert_eq!((r.hotkey_line, r.shortcut_line), (6, 8));
}

#[test]
fn optional_fields_default_and_the_shortcut_is_the_id() {
    let text = "+++\nid = \"hi\"\ntitle = \"Hi\"\nlang = \"ru\"\n+++\nЗдравствуйте!\nЧем помочь?\n";
    let r = parse("hi.md", text).expect("parses");
    assert_eq!(r.shortcut, "hi");
    assert!(!r.send && r.hotkey.is_none() && r.tags.is_empty() && r.detail.is_none());
    assert_eq!(r.body, "Здравствуйте!\nЧем помочь?");
}

#[test]
fn broken_files_name_the_line() {
    let e = err("id = \"x\"\n");
    assert_eq!((e.file.as_str(), e.line), ("r.md", 1), "{e}");
    assert!(e.message.contains("+++"), "{e}");

    let e = err("\n+++\nid = \"x\"\n");
    assert_eq!(e.line, 2, "no closing line: the opening one is named: {e}");

    let e = err("+++\nid = \"x\"\ntitle = \"X\"\nlang = \"en\"\ncolour = 1\n+++\nText\n");
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("colour"), "{e}");

    let e = err("+++\nid = \"x\"\nlang = \"en\"\n+++\nText\n");
    assert!(e.message.contains("title"), "a missing field is named: {e}");

    let e = err("+++\nid = \"x\"\ntitle = \"X\"\nlang = \"en\"\nhotkey = \"ctrl-hyper\"\n+++\nT\n");
    assert_eq!(e.line, 5, "{e}");

    let e = err("+++\nid = \"two words\"\ntitle = \"X\"\nlang = \"en\"\n+++\nT\n");
    assert_eq!(e.line, 2, "{e}");

    let e = err("+++\nid = \"x\"\ntitle = \"X\"\nlang = \"en\"\n+++\n\n  \n");
    assert_eq!(e.line, 6, "{e}");
    assert!(e.message.contains("no text"), "{e}");

    let e = err("+++\nid = \"x\"\ntitle = \"X\"\nlang = \"en\"\n+++\nShort\n--- detail ---\n\n");
    assert_eq!(e.line, 7, "{e}");
    assert_eq!(e.to_string(), format!("r.md:7: {}", e.message));
}
