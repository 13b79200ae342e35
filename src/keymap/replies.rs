//! Hotkeys that canned reply files declare (`hotkey = "alt-g"`): bound in `global` so they
//! work wherever the focus is, never over a key the keymap files already use. Rebinding after
//! a library reload first drops the keys the previous library added.

use super::Keymap;
use super::context::Context;
use super::key::{KeyCombo, display_sequence, parse_sequence};
use crate::action::Action;

/// Contexts a reply hotkey must not collide with: it is looked up after them.
const SHARED: [Context; 3] = [Context::Global, Context::List, Context::Compose];

impl Keymap {
    /// What already uses `keys` (or a sequence sharing their start) in the contexts a reply
    /// hotkey lives in, as `[keymap.context] "key" = action`.
    pub fn reply_hotkey_clash(&self, keys: &[KeyCombo]) -> Option<String> {
        SHARED.into_iter().find_map(|context| {
            self.table(context)
                .iter()
                .find(|(k, _)| k.starts_with(keys) || keys.starts_with(k))
                .map(|(k, a)| {
                    let name = a.command().name();
                    let shown = display_sequence(k);
                    format!("[keymap.{}] \"{shown}\" = \"{name}\"", context.name())
                })
        })
    }

    /// Binds `(hotkey, reply id)` pairs in `global` in place of the previous library's;
    /// returns `(reply id, why)` for each hotkey left out (unknown key name or taken).
    pub fn bind_replies(&mut self, hotkeys: &[(&str, &str)]) -> Vec<(String, String)> {
        for keys in std::mem::take(&mut self.reply_keys) {
            if self
                .table(Context::Global)
                .get(&keys)
                .is_some_and(is_canned)
            {
                self.tables[Context::Global.index()].set(&keys, None);
            }
        }
        let mut problems = Vec::new();
        for (hotkey, id) in hotkeys {
            let keys = match parse_sequence(hotkey) {
                Ok(keys) => keys,
                Err(e) => {
                    problems.push(((*id).to_owned(), format!("hotkey `{hotkey}`: {e}")));
                    continue;
                }
            };
            if let Some(clash) = self.reply_hotkey_clash(&keys) {
                let why = format!("hotkey `{hotkey}` is taken in the keymap: {clash}");
                problems.push(((*id).to_owned(), why));
                continue;
            }
            let action = Action::Canned((*id).to_owned());
            self.tables[Context::Global.index()].set(&keys, Some(action));
            self.reply_keys.push(keys);
        }
        problems
    }
}

fn is_canned(action: &Action) -> bool {
    matches!(action, Action::Canned(_))
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::keymap::from_user;

    fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    fn canned(id: &str) -> Option<Action> {
        Some(Action::Canned(id.to_owned()))
    }

    #[test]
    fn reply_hotkeys_work_everywhere_and_a_reload_replaces_them() {
        let mut k = Keymap::builtin();
        assert!(
            k.bind_replies(&[("alt-g", "greeting"), ("alt-y", "closing")])
                .is_empty()
        );
        assert_eq!(k.press(alt('g'), Context::Compose), canned("greeting"));
        assert_eq!(k.press(alt('y'), Context::List), canned("closing"));
        // The next library has no closing and moves the greeting.
        assert!(k.bind_replies(&[("alt-q", "greeting")]).is_empty());
        assert_eq!(k.press(alt('y'), Context::List), None);
        assert_eq!(k.press(alt('q'), Context::List), canned("greeting"));
        assert!(
            matches!(
                k.press(alt('g'), Context::Compose),
                Some(Action::ComposeInput(_))
            ),
            "alt-g is free again"
        );
    }

    #[test]
    fn a_taken_or_unknown_key_is_left_out_with_the_reason() {
        let mut k = Keymap::builtin();
        let problems = k.bind_replies(&[
            ("alt-v", "a"),
            ("ctrl-hyper", "b"),
            ("alt-q", "c"),
            ("alt-q", "d"),
        ]);
        let ids: Vec<&str> = problems.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d"], "{problems:?}");
        assert!(problems[0].1.contains("split_vertical"), "{problems:?}");
        assert_eq!(
            k.press(alt('v'), Context::List),
            Some(Action::SplitVertical)
        );
        assert_eq!(k.press(alt('q'), Context::List), canned("c"));
    }

    #[test]
    fn a_keymap_file_binds_a_reply_by_id() {
        let text = "[keymap.list]\n\"alt-z\" = { command = \"canned\", args = \"greeting\" }\n";
        let loaded = from_user(Some(("keymap.toml", text)));
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        let mut k = loaded.keymap;
        assert_eq!(k.press(alt('z'), Context::List), canned("greeting"));
        let clash = k.reply_hotkey_clash(&parse_sequence("alt-z").expect("key"));
        assert!(
            clash.is_some_and(|c| c.contains("canned")),
            "a reply may not take it"
        );
        for bad in [
            "\"canned\"",
            "{ command = \"canned\", args = 3 }",
            "{ command = \"quit\", args = \"x\" }",
        ] {
            let text = format!("[keymap.list]\n\"alt-z\" = {bad}\n");
            let loaded = from_user(Some(("keymap.toml", &text)));
            assert_eq!(loaded.errors.len(), 1, "{bad}: {:?}", loaded.errors);
            assert_eq!(loaded.errors[0].line, 2, "{bad}");
        }
    }
}
