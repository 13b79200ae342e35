//! Keymap tests: key names, the shipped files, merging, errors with file and line, lookup
//! with contexts and sequences, and the action list in docs/configuration.md.

mod files;
mod keys;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Context, KeyCombo, Keymap, Loaded, from_user};
use crate::app::Action;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

fn user(text: &str) -> Loaded {
    from_user(Some(("keymap.toml", text)))
}

/// The table the console had built in before keymap files, kept here as the reference.
fn old_builtin() -> Vec<(Context, KeyCombo, Action)> {
    use KeyCode::{Char, Down, End, Enter, Esc, F, PageDown, PageUp, Tab, Up};
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let k = KeyCombo::new;
    let (g, l, c) = (Context::Global, Context::List, Context::Compose);
    vec![
        (g, k(Char('c'), ctrl), Action::Quit),
        (g, k(Char('q'), ctrl), Action::Quit),
        (g, k(Char('w'), ctrl), Action::CloseChat),
        (g, k(Tab, none), Action::ToggleFocus),
        (g, k(F(1), none), Action::ToggleHelp),
        (g, k(F(2), none), Action::ToggleCard),
        (g, k(PageUp, none), Action::PageUp),
        (g, k(PageDown, none), Action::PageDown),
        (g, k(End, ctrl), Action::JumpToBottom),
        // Panes (issue 3), added after the table moved to keymap files.
        (g, k(Char('v'), alt), Action::SplitVertical),
        (g, k(Char('h'), alt), Action::SplitHorizontal),
        (g, k(Char('x'), alt), Action::ClosePane),
        (g, k(F(3), none), Action::CycleLayout),
        (g, k(Char('n'), alt), Action::FocusNextPane),
        (g, k(Char('p'), alt), Action::FocusPrevPane),
        (g, k(Char('s'), alt), Action::SwapPane),
        (g, k(Char('1'), alt), Action::FocusPane(1)),
        (g, k(Char('2'), alt), Action::FocusPane(2)),
        (g, k(Char('3'), alt), Action::FocusPane(3)),
        (g, k(Char('4'), alt), Action::FocusPane(4)),
        (l, k(Up, none), Action::SelectPrev),
        (l, k(Down, none), Action::SelectNext),
        (l, k(Char('k'), none), Action::SelectPrev),
        (l, k(Char('j'), none), Action::SelectNext),
        (l, k(Enter, none), Action::OpenSelected),
        (l, k(Char('a'), none), Action::AcceptSelected),
        (l, k(End, none), Action::JumpToBottom),
        (l, k(Char('v'), none), Action::ToggleCard),
        (l, k(Char('?'), none), Action::ToggleHelp),
        (l, k(Esc, none), Action::FocusList),
        (c, k(Enter, none), Action::SendMessage),
        (c, k(Enter, KeyModifiers::ALT), Action::ComposeNewline),
        (c, k(Esc, none), Action::FocusList),
    ]
}

/// Every binding of a keymap, as `(context, keys, action)`.
fn all(keymap: &Keymap) -> Vec<(Context, Vec<KeyCombo>, Action)> {
    Context::ALL
        .into_iter()
        .flat_map(|c| {
            keymap
                .table(c)
                .iter()
                .map(move |(k, a)| (c, k.to_vec(), a.clone()))
        })
        .collect()
}

#[test]
fn default_toml_reproduces_the_old_builtin_table() {
    let keymap = Keymap::builtin();
    let old: Vec<_> = old_builtin()
        .into_iter()
        .map(|(c, k, a)| (c, vec![k], a))
        .collect();
    assert_eq!(all(&keymap), old);
}

#[test]
fn shipped_files_parse_without_errors() {
    let mut errors = Vec::new();
    let default = super::parse_file("default.toml", super::DEFAULT_TOML, &mut errors);
    let vim = super::parse_file("vim.toml", super::VIM_TOML, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(default.preset.is_none() && vim.preset.is_none());
    assert!(!vim.entries.is_empty());
    let loaded = user("preset = \"vim\"\n");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let mut k = loaded.keymap;
    // vim keeps the defaults it does not touch.
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    assert_eq!(k.press(ch('G'), Context::List), Some(Action::SelectLast));
    assert_eq!(k.press(ch('о'), Context::List), Some(Action::SelectNext));
    let ctrl_e = key(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(
        k.press(ctrl_e, Context::List),
        Some(Action::ScrollDialog(-1))
    );
}

#[test]
fn modes_and_globals() {
    let mut k = Keymap::builtin();
    let none = KeyModifiers::NONE;
    let enter = key(KeyCode::Enter, none);
    assert_eq!(k.press(enter, Context::List), Some(Action::OpenSelected));
    assert_eq!(k.press(enter, Context::Compose), Some(Action::SendMessage));
    let alt_enter = key(KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(
        k.press(alt_enter, Context::Compose),
        Some(Action::ComposeNewline)
    );
    let ctrl_q = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(k.press(ctrl_q, Context::Compose), Some(Action::Quit));
    let shift_q = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(k.press(shift_q, Context::List), Some(Action::ToggleHelp));
}

#[test]
fn letters_are_text_in_compose_and_commands_in_list() {
    let mut k = Keymap::builtin();
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    assert!(matches!(
        k.press(ch('j'), Context::Compose),
        Some(Action::ComposeInput(_))
    ));
    assert_eq!(k.press(ch('x'), Context::List), None);
}

#[test]
fn context_table_wins_over_global() {
    let mut k =
        user("[keymap.global]\n\"x\" = \"quit\"\n[keymap.list]\n\"x\" = \"close_chat\"\n").keymap;
    assert_eq!(k.press(ch('x'), Context::List), Some(Action::CloseChat));
    // compose has no "x": global applies there.
    assert_eq!(k.press(ch('x'), Context::Compose), Some(Action::Quit));
}

#[test]
fn sequences_wait_complete_cancel_and_fall_back() {
    let mut k =
        user("[keymap.list]\n\"g g\" = \"select_first\"\n\"g e\" = \"select_last\"\n").keymap;
    assert_eq!(k.press(ch('g'), Context::List), None);
    let hint = k.pending_help().expect("pending");
    assert_eq!(hint.typed, "g");
    let next: Vec<_> = hint.next.iter().map(|b| b.keys[0].as_str()).collect();
    assert_eq!(next, ["g", "e"]);
    assert_eq!(k.press(ch('g'), Context::List), Some(Action::SelectFirst));
    assert!(k.pending().is_none());
    // Esc cancels without acting.
    assert_eq!(k.press(ch('g'), Context::List), None);
    let esc = key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(k.press(esc, Context::List), None);
    assert!(k.pending_help().is_none());
    // A key that continues nothing cancels and counts on its own.
    assert_eq!(k.press(ch('g'), Context::List), None);
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    // A change of focus drops the half-typed sequence.
    assert_eq!(k.press(ch('g'), Context::List), None);
    assert!(matches!(
        k.press(ch('g'), Context::Compose),
        Some(Action::ComposeInput(_))
    ));
}
