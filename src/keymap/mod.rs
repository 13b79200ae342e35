//! Keys and mouse to named [`Action`]s. For now a small built-in table; issue 3 loads the same
//! shape from keymap files (defaults embedded, user file merged over them key by key).

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use crate::app::{Action, Focus};

/// Lines one mouse-wheel notch scrolls the dialog.
const WHEEL_LINES: i32 = 3;

/// A key with its modifiers, normalised so `?` is `?` whether or not Shift was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyCombo {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Self { code, modifiers }
    }

    fn plain(code: KeyCode) -> Self {
        Self::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> Self {
        Self::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn from_event(key: KeyEvent) -> Self {
        let mut modifiers = key.modifiers & !(KeyModifiers::SHIFT);
        if !matches!(key.code, KeyCode::Char(_)) {
            modifiers |= key.modifiers & KeyModifiers::SHIFT;
        }
        // Keep only the modifiers bindings talk about.
        modifiers &= KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        Self::new(key.code, modifiers)
    }
}

/// Bindings per mode; the mode table is consulted before the global one.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    global: HashMap<KeyCombo, Action>,
    list: HashMap<KeyCombo, Action>,
    compose: HashMap<KeyCombo, Action>,
}

impl Keymap {
    pub fn builtin() -> Self {
        use KeyCode::{Down, Enter, Esc, F, PageDown, PageUp, Tab, Up};
        let global = [
            (KeyCombo::ctrl('c'), Action::Quit),
            (KeyCombo::ctrl('q'), Action::Quit),
            (KeyCombo::ctrl('w'), Action::CloseChat),
            (KeyCombo::plain(Tab), Action::ToggleFocus),
            (KeyCombo::plain(F(1)), Action::ToggleHelp),
            (KeyCombo::plain(PageUp), Action::PageUp),
            (KeyCombo::plain(PageDown), Action::PageDown),
        ];
        let list = [
            (KeyCombo::plain(Up), Action::SelectPrev),
            (KeyCombo::plain(Down), Action::SelectNext),
            (KeyCombo::plain(KeyCode::Char('k')), Action::SelectPrev),
            (KeyCombo::plain(KeyCode::Char('j')), Action::SelectNext),
            (KeyCombo::plain(Enter), Action::OpenSelected),
            (KeyCombo::plain(KeyCode::Char('a')), Action::AcceptSelected),
            (KeyCombo::plain(KeyCode::Char('?')), Action::ToggleHelp),
            (KeyCombo::plain(Esc), Action::FocusList),
        ];
        let compose = [
            (KeyCombo::plain(Enter), Action::SendMessage),
            (
                KeyCombo::new(Enter, KeyModifiers::ALT),
                Action::ComposeNewline,
            ),
            (KeyCombo::plain(Esc), Action::FocusList),
        ];
        Self {
            global: global.into_iter().collect(),
            list: list.into_iter().collect(),
            compose: compose.into_iter().collect(),
        }
    }

    /// The action for a key press in the given focus. Unbound keys in the compose box are text.
    pub fn action(&self, key: KeyEvent, focus: Focus) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(key);
        let mode = match focus {
            Focus::List => &self.list,
            Focus::Compose => &self.compose,
        };
        if let Some(action) = mode.get(&combo).or_else(|| self.global.get(&combo)) {
            return Some(action.clone());
        }
        match focus {
            Focus::Compose => Some(Action::ComposeInput(key.into())),
            Focus::List => None,
        }
    }

    /// Mouse: a click selects in the list, the wheel scrolls the dialog.
    pub fn mouse(&self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollDialog(WHEEL_LINES)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDialog(-WHEEL_LINES)),
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => Some(Action::ClickAt {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn modes_and_globals() {
        let k = Keymap::builtin();
        let none = KeyModifiers::NONE;
        let enter = key(KeyCode::Enter, none);
        assert_eq!(k.action(enter, Focus::List), Some(Action::OpenSelected));
        assert_eq!(k.action(enter, Focus::Compose), Some(Action::SendMessage));
        let alt_enter = key(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(
            k.action(alt_enter, Focus::Compose),
            Some(Action::ComposeNewline)
        );
        let ctrl_q = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(k.action(ctrl_q, Focus::Compose), Some(Action::Quit));
        let shift_q = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(k.action(shift_q, Focus::List), Some(Action::ToggleHelp));
    }

    #[test]
    fn letters_are_text_in_compose_and_commands_in_list() {
        let k = Keymap::builtin();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.action(j, Focus::List), Some(Action::SelectNext));
        assert!(matches!(
            k.action(j, Focus::Compose),
            Some(Action::ComposeInput(_))
        ));
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(k.action(x, Focus::List), None);
    }
}
