//! Keys and mouse to named [`Action`]s, from keymap files.
//!
//! - `key` — key names (`ctrl-c`, `alt-enter`, `shift-tab`, `f1`, `pgup`, `?`, `ж`, `g g`)
//! - `context` — the `[keymap.<context>]` tables and how focus picks one
//! - `parse` — one TOML file to entries, errors with file and line ([`KeymapError`])
//! - `table` — one context's bindings and the key-by-key merge
//! - `load` — embedded `keymaps/default.toml`, presets, the user's `keymap.toml`
//! - `summary` — the live bindings as plain data for the help overlay and which-key hint
//! - `layout` — a key of a Cyrillic layout read as the Latin key in its place
//!
//! [`Keymap::press`] looks a key up in the current context's table, then in `global`. A key
//! that starts a longer sequence (`g` of `g g`) waits for the next one; Esc cancels a pending
//! sequence, and a key that continues none cancels it and is looked up on its own. Unbound keys
//! in the compose box are text, in the canned-reply picker and the search prompt their query;
//! while the help overlay is open (context `help`) they do nothing.

mod context;
mod error;
mod key;
mod layout;
mod load;
mod parse;
mod replies;
mod summary;
mod table;
#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

pub use context::Context;
pub use error::{ErrorKind, KeymapError};
pub use key::{KeyCombo, display_sequence, parse_key, parse_sequence};
pub use layout::latin_twin;
pub use load::{DEFAULT_TOML, Loaded, PRESETS, USER_FILE, VIM_TOML, from_user, load};
use parse::{Entry, parse_file};
use table::{Lookup, Table};

use crate::action::Action;

/// Lines one mouse-wheel notch scrolls the dialog.
const WHEEL_LINES: i32 = 3;

/// Bindings per context, and a multi-key sequence in progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    tables: [Table; Context::ALL.len()],
    pending: Vec<KeyCombo>,
    pending_in: Option<Context>,
    /// Keys bound from canned reply files (`replies.rs`), dropped on the next reload.
    reply_keys: Vec<Vec<KeyCombo>>,
}

/// A key that types a character: no Ctrl or Alt (Shift only makes a capital).
fn typed_text(combo: KeyCombo) -> bool {
    matches!(combo.code, KeyCode::Char(_))
        && (combo.modifiers - crossterm::event::KeyModifiers::SHIFT).is_empty()
}

/// The Latin key in the place of a Cyrillic one (`layout.rs`), where the key is no text: with
/// Ctrl or Alt, or in a context whose unbound keys do nothing (help, statistics, a question).
fn twin_combo(combo: KeyCombo, context: Context) -> Option<KeyCombo> {
    let KeyCode::Char(c) = combo.code else {
        return None;
    };
    if typed_text(combo) && context.letters_are_text() {
        return None;
    }
    layout::latin_twin(c).map(|latin| KeyCombo::new(KeyCode::Char(latin), combo.modifiers))
}

impl Keymap {
    /// The embedded `keymaps/default.toml` (a test keeps it free of errors).
    pub fn builtin() -> Self {
        let mut keymap = Self::default();
        let parsed = parse_file("keymaps/default.toml", DEFAULT_TOML, &mut Vec::new());
        keymap.merge(&parsed.entries);
        keymap
    }

    fn merge(&mut self, entries: &[Entry]) {
        for e in entries {
            self.tables[e.context.index()].set(&e.keys, e.action.clone());
        }
    }

    fn table(&self, context: Context) -> &Table {
        &self.tables[context.index()]
    }

    /// The action bound to exactly `keys` in `context`'s own table.
    pub fn get(&self, context: Context, keys: &[KeyCombo]) -> Option<&Action> {
        self.table(context).get(keys)
    }

    /// The keys typed so far of an unfinished sequence, and its context.
    pub fn pending(&self) -> Option<(&[KeyCombo], Context)> {
        let context = self.pending_in?;
        (!self.pending.is_empty()).then_some((self.pending.as_slice(), context))
    }

    fn resolve(&self, keys: &[KeyCombo], context: Context) -> Lookup<'_> {
        // Nothing allocated on a key's way to the screen: the tables are chained, not listed.
        let global = (context != Context::Global).then_some(Context::Global);
        let tables = std::iter::once(context)
            .chain(context.falls_back_to())
            .chain(global);
        for c in tables {
            match self.table(c).lookup(keys) {
                Lookup::Unbound => {}
                found => return found,
            }
        }
        Lookup::Unbound
    }

    /// The action for a key press in `context`, if any. Unbound keys in the compose box are
    /// text; a key that starts a sequence returns `None` and waits (see [`Self::pending`]).
    pub fn press(&mut self, key: KeyEvent, context: Context) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(key);
        if self.pending_in != Some(context) {
            self.pending.clear();
        }
        let waiting = !self.pending.is_empty();
        if waiting && combo.code == KeyCode::Esc && combo.modifiers.is_empty() {
            self.pending.clear();
            return None;
        }
        // The pending keys with this one after them, without a copy: kept as the start of a
        // longer sequence, cleared otherwise.
        self.pending.push(combo);
        match self.resolve(&self.pending, context) {
            Lookup::Bound(action) => {
                let action = action.clone();
                self.pending.clear();
                Some(action)
            }
            Lookup::Prefix => {
                self.pending_in = Some(context);
                None
            }
            Lookup::Unbound => {
                self.pending.clear();
                if waiting {
                    return self.press(key, context);
                }
                if let Some(twin) = twin_combo(combo, context)
                    && let Lookup::Bound(action) = self.resolve(&[twin], context)
                {
                    return Some(action.clone());
                }
                match context {
                    Context::Compose => Some(Action::ComposeInput(key.into())),
                    Context::Picker | Context::Site => Some(Action::PickerInput(key.into())),
                    Context::Search => Some(Action::ComposeInput(key.into())),
                    // Text typed while the list has the keys is not dropped: `update` moves
                    // it, and the keys after it, into the focused pane's reply box.
                    Context::List if typed_text(combo) => Some(Action::ComposeInput(key.into())),
                    _ => None,
                }
            }
        }
    }

    /// Mouse: a click selects in the list or focuses a pane, the wheel scrolls the pane
    /// under the pointer.
    pub fn mouse(&self, mouse: MouseEvent) -> Option<Action> {
        let wheel = |lines| Action::WheelAt {
            column: mouse.column,
            row: mouse.row,
            lines,
        };
        match mouse.kind {
            MouseEventKind::ScrollUp => Some(wheel(WHEEL_LINES)),
            MouseEventKind::ScrollDown => Some(wheel(-WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        }
    }
}
