//! Firing canned replies in `update`: send at once, insert for editing, a gap selected and
//! held back, short then detailed, `/shortcut` with Tab and Enter, the picker's keys.

use frontdesk_protocol::OperatorIn;
use ratatui_textarea::{Input, Key};

use crate::app::update::tests::{act, ready, type_text};
use crate::app::{Action, Effect, Focus, State};
use crate::canned::library::parse_files;

fn reply(id: &str, extra: &str, body: &str) -> (String, String) {
    let text =
        format!("+++\nid = \"{id}\"\ntitle = \"{id}\"\nlang = \"en\"\n{extra}\n+++\n{body}\n");
    (format!("{id}.md"), text)
}

/// `ready()` with chat 2 (mine, visitor Ольга) open and a small library.
fn state() -> State {
    let mut s = ready();
    s.canned.library = parse_files(&[
        reply(
            "hi",
            "send = true\nshortcut = \"hello\"",
            "Hello, {visitor.name}! I'm {operator.name}.",
        ),
        reply("co", "send = true", "Welcome to {company}!"),
        reply("edit", "", "Here: {fill.link}"),
        reply(
            "two",
            "",
            "Sorry!\n--- detail ---\nWe'll fix it by {fill.date}.",
        ),
        reply("gap2", "", "Sorry, {fill.what}.\n--- detail ---\nMore."),
    ])
    .library;
    s.selected = Some(2);
    act(&mut s, Action::OpenSelected);
    s
}

fn sent(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::Message {
                chat_id: 2, text, ..
            }) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn compose(s: &State) -> String {
    s.compose.lines().join("\n")
}

fn selected(s: &State) -> Option<String> {
    let ((r1, c1), (r2, c2)) = s.compose.selection_range()?;
    assert_eq!(r1, r2, "gaps are on one line");
    Some(
        s.compose.lines()[r1]
            .chars()
            .skip(c1)
            .take(c2 - c1)
            .collect(),
    )
}

#[test]
fn a_send_at_once_reply_goes_out_filled() {
    let mut s = state();
    let fx = act(&mut s, Action::Canned("hi".into()));
    assert_eq!(sent(&fx), ["Hello, Ольга! I'm Анна."]);
    assert_eq!(compose(&s), "");
    assert_eq!(s.canned.usage.get("hi"), Some(&1));
}

#[test]
fn a_missing_value_never_goes_out_the_gap_is_selected_instead() {
    let mut s = state();
    let fx = act(&mut s, Action::Canned("co".into()));
    assert!(sent(&fx).is_empty(), "{fx:?}");
    assert_eq!(compose(&s), "Welcome to {company}!");
    assert_eq!(selected(&s).as_deref(), Some("{company}"));
    assert_eq!(s.focus, Focus::Compose);
    // Enter does not send it either: the gap stays selected and a notice says why.
    assert!(sent(&act(&mut s, Action::SendMessage)).is_empty());
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("{company}")));
    // Typing replaces the gap; then it goes.
    type_text(&mut s, "Ромашка");
    assert_eq!(compose(&s), "Welcome to Ромашка!");
    assert_eq!(
        sent(&act(&mut s, Action::SendMessage)),
        ["Welcome to Ромашка!"]
    );
}

#[test]
fn with_a_company_configured_it_goes_at_once() {
    let mut s = state();
    s.canned.company = "Ромашка".into();
    assert_eq!(
        sent(&act(&mut s, Action::Canned("co".into()))),
        ["Welcome to Ромашка!"]
    );
}

#[test]
fn the_default_inserts_at_the_cursor_for_editing() {
    let mut s = state();
    s.focus = Focus::Compose;
    type_text(&mut s, "Sure. ");
    let fx = act(&mut s, Action::Canned("edit".into()));
    assert!(sent(&fx).is_empty());
    assert_eq!(compose(&s), "Sure. Here: {fill.link}");
    assert_eq!(selected(&s).as_deref(), Some("{fill.link}"));
}

#[test]
fn short_part_goes_at_once_and_the_detail_waits_in_the_box() {
    let mut s = state();
    let fx = act(&mut s, Action::Canned("two".into()));
    assert_eq!(sent(&fx), ["Sorry!"]);
    assert_eq!(compose(&s), "We'll fix it by {fill.date}.");
    assert_eq!(selected(&s).as_deref(), Some("{fill.date}"));
}

#[test]
fn a_gap_in_the_short_part_holds_both_until_it_is_sent() {
    let mut s = state();
    assert!(sent(&act(&mut s, Action::Canned("gap2".into()))).is_empty());
    assert_eq!(compose(&s), "Sorry, {fill.what}.");
    type_text(&mut s, "the delay");
    assert_eq!(
        sent(&act(&mut s, Action::SendMessage)),
        ["Sorry, the delay."]
    );
    assert_eq!(compose(&s), "More.", "the detail follows in the box");
}

#[test]
fn tab_on_a_shortcut_no_reply_starts_says_so_and_keeps_the_keys_in_the_box() {
    let mut s = state();
    s.focus = Focus::Compose;
    type_text(&mut s, "/zz");
    act(&mut s, Action::CompleteCanned);
    assert_eq!((compose(&s).as_str(), s.focus), ("/zz", Focus::Compose));
    assert!(
        s.notice.as_deref().is_some_and(|n| n.contains("/zz")),
        "{:?}",
        s.notice
    );
}

#[test]
fn slash_shortcut_completes_with_tab_and_fires_with_enter() {
    let mut s = state();
    s.focus = Focus::Compose;
    type_text(&mut s, "/hel");
    assert_eq!(s.shortcut_matches().len(), 1);
    act(&mut s, Action::CompleteCanned);
    assert_eq!(compose(&s), "/hello");
    assert_eq!(s.focus, Focus::Compose);
    let fx = act(&mut s, Action::SendMessage);
    assert_eq!(sent(&fx), ["Hello, Ольга! I'm Анна."]);
    assert_eq!(compose(&s), "");
    // Without a shortcut Tab switches focus as before.
    act(&mut s, Action::CompleteCanned);
    assert_eq!(s.focus, Focus::List);
    act(&mut s, Action::ToggleFocus);
    // A prefix fires its first completion, never goes out as typed.
    type_text(&mut s, "/h");
    assert_eq!(
        sent(&act(&mut s, Action::SendMessage)),
        ["Hello, Ольга! I'm Анна."]
    );
    // A word no reply starts with is held back, with a notice.
    type_text(&mut s, "/nothing");
    assert!(sent(&act(&mut s, Action::SendMessage)).is_empty());
    assert_eq!(compose(&s), "/nothing");
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("//")));
    // `//` sends a real slash line, with one slash.
    s.compose = ratatui_textarea::TextArea::default();
    type_text(&mut s, "//nothing here");
    assert_eq!(sent(&act(&mut s, Action::SendMessage)), ["/nothing here"]);
}

#[test]
fn a_shortcut_typed_in_the_russian_layout_fires_as_its_latin_keys() {
    // The `/` key types `.` in the Russian layout and `hello` comes out as `руддщ`.
    let mut s = state();
    s.focus = Focus::Compose;
    type_text(&mut s, ".руд");
    assert_eq!(s.typed_shortcut().as_deref(), Some("hel"));
    assert_eq!(s.shortcut_matches().len(), 1, "the popup shows /hello");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(compose(&s), "/hello");
    s.compose = ratatui_textarea::TextArea::default();
    type_text(&mut s, ".руддщ");
    assert_eq!(
        sent(&act(&mut s, Action::SendMessage)),
        ["Hello, Ольга! I'm Анна."]
    );
    // A slash typed with Shift there, then Russian letters.
    type_text(&mut s, "/Руд");
    assert_eq!(
        sent(&act(&mut s, Action::SendMessage)),
        ["Hello, Ольга! I'm Анна."]
    );
    // A dot before a word that spells no shortcut is text, as before.
    type_text(&mut s, ".рф");
    assert_eq!(s.typed_shortcut(), None);
    assert_eq!(sent(&act(&mut s, Action::SendMessage)), [".рф"]);
    type_text(&mut s, ".руд и ещё");
    assert_eq!(sent(&act(&mut s, Action::SendMessage)), [".руд и ещё"]);
    // A Cyrillic shortcut of the library's own is matched as written.
    s.canned.library = parse_files(&[
        reply("ru", "send = true\nshortcut = \"руки\"", "Руки"),
        reply("hi", "send = true\nshortcut = \"hello\"", "Hello"),
    ])
    .library;
    type_text(&mut s, "/ру");
    assert_eq!(s.typed_shortcut().as_deref(), Some("ру"));
    assert_eq!(sent(&act(&mut s, Action::SendMessage)), ["Руки"]);
    // …and with the dot the `/` key types in that layout.
    type_text(&mut s, ".рук");
    assert_eq!(sent(&act(&mut s, Action::SendMessage)), ["Руки"]);
    // A dot alone, or before Latin letters, is text.
    for text in [".", ".hello"] {
        type_text(&mut s, text);
        assert_eq!(s.typed_shortcut(), None, "{text}");
        assert_eq!(sent(&act(&mut s, Action::SendMessage)), [text]);
    }
}

#[test]
fn the_picker_searches_moves_and_fires() {
    let mut s = state();
    s.canned.usage.insert("edit".into(), 4);
    act(&mut s, Action::CannedPicker);
    let first = s
        .picker_choice()
        .map(|i| s.canned.library.replies[i].id.clone());
    assert_eq!(first.as_deref(), Some("edit"), "most used first");
    for c in "sorry".chars() {
        act(
            &mut s,
            Action::PickerInput(Input {
                key: Key::Char(c),
                ..Default::default()
            }),
        );
    }
    let matches: Vec<usize> = s.picker_items().iter().map(|item| item.key).collect();
    let found: Vec<&str> = matches
        .iter()
        .map(|&i| s.canned.library.replies[i].id.as_str())
        .collect();
    assert!(
        found.len() == 2 && found.contains(&"two") && found.contains(&"gap2"),
        "{found:?}"
    );
    act(&mut s, Action::PickerNext);
    act(&mut s, Action::PickerNext);
    assert_eq!(
        s.picker_choice(),
        Some(matches[1]),
        "the cursor stops at the last"
    );
    act(&mut s, Action::PickerPrev);
    assert_eq!(s.picker_choice(), Some(matches[0]));
    act(
        &mut s,
        Action::PickerInput(Input {
            key: Key::Backspace,
            ..Default::default()
        }),
    );
    assert_eq!(s.picker.as_ref().map(|p| p.query.as_str()), Some("sorr"));
    act(&mut s, Action::PickerClose);
    assert!(s.picker.is_none());

    // Alt-Enter inserts even a send-at-once reply.
    act(&mut s, Action::CannedPicker);
    for c in "hello".chars() {
        act(
            &mut s,
            Action::PickerInput(Input {
                key: Key::Char(c),
                ..Default::default()
            }),
        );
    }
    let fx = act(&mut s, Action::PickerInsert);
    assert!(sent(&fx).is_empty());
    assert_eq!(compose(&s), "Hello, Ольга! I'm Анна.");
    assert!(s.picker.is_none());
}

#[test]
fn without_an_open_chat_nothing_happens_but_a_notice() {
    let mut s = ready();
    s.canned.library = parse_files(&[reply("hi", "send = true", "Hi!")]).library;
    assert!(act(&mut s, Action::Canned("hi".into())).is_empty());
    assert!(s.notice.is_some());
    assert!(act(&mut s, Action::Canned("nope".into())).is_empty());
}
