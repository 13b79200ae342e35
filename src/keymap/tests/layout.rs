//! A Cyrillic layout: Alt and Ctrl keys, and the keys of screens where letters are no text,
//! work as the Latin key in their place; letters that are text stay text.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{ch, key, user};
use crate::app::Action;
use crate::keymap::{Context, Keymap};

fn alt(c: char) -> crossterm::event::KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::ALT)
}

#[test]
fn alt_keys_work_in_the_russian_layout_wherever_the_focus_is() {
    let mut k = Keymap::builtin();
    for context in [
        Context::List,
        Context::Compose,
        Context::Picker,
        Context::Search,
    ] {
        // Alt-ш is Alt-I (a note), Alt-м Alt-V (a pane), Alt-е Alt-T (a transfer).
        assert_eq!(
            k.press(alt('ш'), context),
            Some(Action::ComposeNote),
            "{context:?}"
        );
        assert_eq!(
            k.press(alt('м'), context),
            Some(Action::SplitVertical),
            "{context:?}"
        );
        assert_eq!(
            k.press(alt('е'), context),
            Some(Action::ComposeTransfer),
            "{context:?}"
        );
    }
    let ctrl_s_in_place = key(KeyCode::Char('ы'), KeyModifiers::CONTROL);
    assert_eq!(
        k.press(ctrl_s_in_place, Context::Compose),
        Some(Action::SaveFile)
    );
    // The reply box's shell keys: Ctrl-Г is Ctrl-U, Ctrl-Я Ctrl-Z, Alt-Я Alt-Z.
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        k.press(ctrl('г'), Context::Compose),
        Some(Action::DeleteToLineStart)
    );
    assert_eq!(k.press(ctrl('я'), Context::Compose), Some(Action::Undo));
    assert_eq!(k.press(alt('я'), Context::Compose), Some(Action::Redo));
}

#[test]
fn letters_stay_text_where_letters_are_text() {
    let mut k = Keymap::builtin();
    // о is j (next chat) in place, but typed in the list it is the start of a reply.
    for context in [
        Context::List,
        Context::Compose,
        Context::Search,
        Context::Picker,
    ] {
        assert!(
            matches!(
                k.press(ch('о'), context),
                Some(Action::ComposeInput(_) | Action::PickerInput(_))
            ),
            "{context:?}"
        );
    }
}

#[test]
fn where_letters_are_no_text_they_are_the_keys_in_their_place() {
    let mut k = Keymap::builtin();
    assert_eq!(k.press(ch('о'), Context::Help), Some(Action::HelpDown));
    assert_eq!(k.press(ch('л'), Context::Help), Some(Action::HelpUp));
    assert_eq!(k.press(ch('й'), Context::Help), Some(Action::CloseHelp));
    assert_eq!(
        k.press(ch('х'), Context::Stats),
        Some(Action::StatsPrevPeriod)
    );
    // The Russian twins bound by name keep their own meaning.
    assert_eq!(k.press(ch('н'), Context::Confirm), Some(Action::ConfirmYes));
}

#[test]
fn a_binding_of_the_cyrillic_key_itself_comes_first() {
    let loaded = user("[keymap.global]\n\"alt-ш\" = \"toggle_help\"\n");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let mut k = loaded.keymap;
    assert_eq!(k.press(alt('ш'), Context::List), Some(Action::ToggleHelp));
    assert_eq!(k.press(alt('i'), Context::List), Some(Action::ComposeNote));
}

#[test]
fn a_canned_reply_hotkey_fires_in_the_russian_layout() {
    let mut k = Keymap::builtin();
    assert!(k.bind_replies(&[("alt-g", "greeting")]).is_empty());
    // Alt-п is Alt-G in place: the greeting, from the reply box and from the list.
    for context in [Context::Compose, Context::List] {
        assert_eq!(
            k.press(alt('п'), context),
            Some(Action::Canned("greeting".into())),
            "{context:?}"
        );
    }
}
