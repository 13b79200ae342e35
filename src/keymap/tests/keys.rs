//! Every spelling of a key name, and what a terminal reports matching it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::{KeyCombo, display_sequence, parse_key, parse_sequence};

fn combo(code: KeyCode, modifiers: KeyModifiers) -> KeyCombo {
    KeyCombo::new(code, modifiers)
}

#[test]
fn key_name_forms() {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let cases = [
        ("ctrl-c", combo(KeyCode::Char('c'), ctrl)),
        ("C-c", combo(KeyCode::Char('c'), ctrl)),
        ("Ctrl-c", combo(KeyCode::Char('c'), ctrl)),
        ("alt-enter", combo(KeyCode::Enter, alt)),
        ("M-enter", combo(KeyCode::Enter, alt)),
        ("A-Return", combo(KeyCode::Enter, alt)),
        ("ctrl-alt-x", combo(KeyCode::Char('x'), ctrl | alt)),
        ("shift-tab", combo(KeyCode::BackTab, none)),
        ("backtab", combo(KeyCode::BackTab, none)),
        ("f1", combo(KeyCode::F(1), none)),
        ("F12", combo(KeyCode::F(12), none)),
        ("pgup", combo(KeyCode::PageUp, none)),
        ("pageup", combo(KeyCode::PageUp, none)),
        ("pgdn", combo(KeyCode::PageDown, none)),
        ("PageDown", combo(KeyCode::PageDown, none)),
        ("enter", combo(KeyCode::Enter, none)),
        ("esc", combo(KeyCode::Esc, none)),
        ("Escape", combo(KeyCode::Esc, none)),
        ("tab", combo(KeyCode::Tab, none)),
        ("space", combo(KeyCode::Char(' '), none)),
        ("up", combo(KeyCode::Up, none)),
        ("shift-up", combo(KeyCode::Up, KeyModifiers::SHIFT)),
        ("backspace", combo(KeyCode::Backspace, none)),
        ("del", combo(KeyCode::Delete, none)),
        ("home", combo(KeyCode::Home, none)),
        ("?", combo(KeyCode::Char('?'), none)),
        ("-", combo(KeyCode::Char('-'), none)),
        ("ctrl--", combo(KeyCode::Char('-'), ctrl)),
        ("j", combo(KeyCode::Char('j'), none)),
        ("G", combo(KeyCode::Char('G'), none)),
        ("shift-g", combo(KeyCode::Char('G'), none)),
        ("ж", combo(KeyCode::Char('ж'), none)),
        ("shift-ж", combo(KeyCode::Char('Ж'), none)),
        ("ctrl-ч", combo(KeyCode::Char('ч'), ctrl)),
    ];
    for (name, want) in cases {
        assert_eq!(parse_key(name), Ok(want), "{name}");
    }
    for bad in [
        "",
        "ctrl-",
        "hyper-x",
        "f0",
        "f25",
        "pgupp",
        "ctrl-ctrl-x",
        "ab",
    ] {
        assert!(parse_key(bad).is_err(), "{bad} should not parse");
    }
}

#[test]
fn sequences_and_canonical_spelling() {
    let seq = parse_sequence("g g").expect("g g");
    assert_eq!(seq.len(), 2);
    assert_eq!(display_sequence(&seq), "g g");
    let seq = parse_sequence("  C-x   M-Return ").expect("two keys");
    assert_eq!(display_sequence(&seq), "ctrl-x alt-enter");
    assert!(parse_sequence("   ").is_err());
    assert!(parse_sequence("g nope").is_err());
    for name in [
        "ctrl-c",
        "alt-enter",
        "shift-tab",
        "f1",
        "pgup",
        "pgdn",
        "space",
        "?",
        "ж",
    ] {
        let key = parse_key(name).expect(name);
        assert_eq!(key.to_string(), name);
    }
}

#[test]
fn terminal_events_normalise_like_names() {
    let event = |code, modifiers| KeyCombo::from_event(KeyEvent::new(code, modifiers));
    let shift = KeyModifiers::SHIFT;
    // Terminals report '?' and 'G' with or without Shift.
    assert_eq!(event(KeyCode::Char('?'), shift), parse_key("?").expect("?"));
    assert_eq!(event(KeyCode::Char('G'), shift), parse_key("G").expect("G"));
    assert_eq!(
        event(KeyCode::BackTab, shift),
        parse_key("shift-tab").expect("s-tab")
    );
    assert_eq!(event(KeyCode::Char('Ж'), shift), parse_key("Ж").expect("Ж"));
    // Modifiers bindings do not name (e.g. Super) are ignored.
    let sup = KeyModifiers::SUPER | KeyModifiers::CONTROL;
    assert_eq!(
        event(KeyCode::Char('c'), sup),
        parse_key("ctrl-c").expect("ctrl-c")
    );
}
