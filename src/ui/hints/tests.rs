//! Status-bar hints follow the live keymap: defaults, a user's rebinding, unbinding, and a
//! context key that takes a global one over.

use crate::app::{Focus, State};
use crate::keymap::from_user;
use crate::ui::screen_test::{draw, text};

fn state(strings: &'static crate::i18n::Strings, user: &str) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    let loaded = from_user(Some(("keymap.toml", user)));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    s.keys = loaded.keymap.help();
    s
}

#[test]
fn default_hints_per_focus_in_both_languages() {
    let mut s = state(&crate::i18n::EN, "");
    assert_eq!(
        super::line(&s),
        "Enter open · a accept · Tab reply · ^W close · ? help · ^Q quit"
    );
    s.focus = Focus::Compose;
    assert_eq!(
        super::line(&s),
        "Enter send · Alt-Enter newline · Esc list · ^Q quit"
    );
    s.focus = Focus::Search;
    assert_eq!(
        super::line(&s),
        "type to search · Enter keep · Esc clear · ^N next hit · ^P previous hit"
    );
    let mut s = state(&crate::i18n::RU, "");
    s.focus = Focus::Compose;
    assert_eq!(
        super::line(&s),
        "Enter отправить · Alt-Enter строка · Esc список · ^Q выход"
    );
}

#[test]
fn a_rebound_quit_and_open_show_in_the_status_bar() {
    let user = "[keymap.global]\n\"ctrl-q\" = \"noop\"\n\"f10\" = \"quit\"\n\
                [keymap.list]\n\"enter\" = \"noop\"\n\"o\" = \"open_selected\"\n\
                \"ctrl-w\" = \"select_next\"\n";
    let s = state(&crate::i18n::EN, user);
    let hints = super::line(&s);
    assert_eq!(hints, "o open · a accept · Tab reply · ? help · F10 quit");
    // ctrl-w closes chats only where the focused context does not take it.
    assert!(!hints.contains("^W"), "{hints}");
    let screen = text(&draw(&s));
    assert!(screen.contains("│ o open · a accept"), "{screen}");
}

#[test]
fn a_sequence_of_the_vim_preset_hides_the_global_key_it_starts_with() {
    let s = state(&crate::i18n::EN, "preset = \"vim\"\n");
    // vim's list binds "ctrl-w v" and friends: there ctrl-w waits, it does not close.
    assert!(!super::line(&s).contains("close"), "{}", super::line(&s));
}

#[test]
fn keys_are_shortened_for_the_status_bar() {
    for (key, short) in [
        ("ctrl-q", "^Q"),
        ("ctrl--", "^-"),
        ("alt-enter", "Alt-Enter"),
        ("ctrl-x ctrl-e", "^X ^E"),
        ("shift-tab", "Shift-Tab"),
        ("ctrl-end", "Ctrl-End"),
        ("f10", "F10"),
        ("pgdn", "PgDn"),
        ("g g", "g g"),
        ("f", "f"),
        ("-", "-"),
    ] {
        assert_eq!(super::short(key), short, "{key}");
    }
}
