//! Key names: parsing `"ctrl-c"`, `"alt-enter"`, `"shift-tab"`, `"f1"`, `"pgup"`, `"?"`, `"ж"`
//! and sequences like `"g g"`; printing them back in the one canonical spelling; and turning a
//! crossterm key event into the same normalised [`KeyCombo`].

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalised so `?` is `?` whether or not Shift was reported.
///
/// Characters never carry Shift (`shift-g` is `G`); Shift-Tab is `BackTab` without Shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// The modifiers bindings talk about.
const MODIFIERS: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SHIFT);

impl KeyCombo {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Self { code, modifiers }
    }

    /// The normal form: what both a parsed name and a key event become.
    fn normal(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers = modifiers & MODIFIERS;
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                let mut upper = c.to_uppercase();
                match (shift, upper.next(), upper.next()) {
                    (true, Some(u), None) => KeyCode::Char(u),
                    _ => KeyCode::Char(c),
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if shift => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, modifiers }
    }

    pub fn from_event(key: KeyEvent) -> Self {
        Self::normal(key.code, key.modifiers)
    }
}

/// Reads one key name. Names are case-insensitive; a single character is taken as is.
pub fn parse_key(text: &str) -> Result<KeyCombo, String> {
    let mut rest = text;
    let mut modifiers = KeyModifiers::NONE;
    'prefixes: loop {
        for (prefixes, modifier) in [
            (&["ctrl-", "control-", "c-"][..], KeyModifiers::CONTROL),
            (&["alt-", "meta-", "a-", "m-"][..], KeyModifiers::ALT),
            (&["shift-", "s-"][..], KeyModifiers::SHIFT),
        ] {
            for prefix in prefixes {
                let has = rest
                    .get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix));
                if has && rest.len() > prefix.len() {
                    if modifiers.contains(modifier) {
                        return Err(format!("`{text}` repeats a modifier"));
                    }
                    modifiers |= modifier;
                    rest = &rest[prefix.len()..];
                    continue 'prefixes;
                }
            }
        }
        break;
    }
    let code = key_code(rest).ok_or_else(|| {
        format!(
            "unknown key name `{text}` (a single character, or one of enter esc tab space \
             backspace del ins home end pgup pgdn up down left right f1…f24, with ctrl- alt- \
             shift- in front)"
        )
    })?;
    Ok(KeyCombo::normal(code, modifiers))
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" | "spc" => KeyCode::Char(' '),
        "backspace" | "bs" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "ins" | "insert" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        f => {
            let n: u8 = f.strip_prefix('f')?.parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    };
    Some(code)
}

/// Reads a key or a sequence of keys separated by spaces (`"g g"`, `"ctrl-x k"`).
pub fn parse_sequence(text: &str) -> Result<Vec<KeyCombo>, String> {
    let keys = text
        .split_whitespace()
        .map(parse_key)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err("an empty key name (write `space` for the space bar)".into());
    }
    Ok(keys)
}

impl fmt::Display for KeyCombo {
    /// The canonical spelling, usable in a keymap file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (modifier, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            code => f.write_str(match code {
                KeyCode::Enter => "enter",
                KeyCode::Esc => "esc",
                KeyCode::Tab => "tab",
                KeyCode::Backspace => "backspace",
                KeyCode::Delete => "del",
                KeyCode::Insert => "ins",
                KeyCode::Home => "home",
                KeyCode::End => "end",
                KeyCode::PageUp => "pgup",
                KeyCode::PageDown => "pgdn",
                KeyCode::Up => "up",
                KeyCode::Down => "down",
                KeyCode::Left => "left",
                KeyCode::Right => "right",
                _ => "?unknown",
            }),
        }
    }
}

/// A sequence in its canonical spelling: keys joined by spaces.
pub fn display_sequence(keys: &[KeyCombo]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
