//! Keymap file errors: each names the file, the line, and where it can the context and key.
//! They are reported (status bar notice, log) and never stop the console.

use std::fmt;

/// One problem in a keymap file. The entry (or the whole file, for bad TOML) is skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct KeymapError {
    /// The file as shown to the operator: the user file's path, or `keymaps/vim.toml`.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// `[keymap.<context>]` and key, when the problem is in one binding.
    pub place: Option<String>,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file is not valid TOML; nothing of it is used.
    Toml(String),
    /// The file could not be read.
    Io(String),
    UnknownKeyName(String),
    UnknownAction(String),
    UnknownContext(String),
    UnknownPreset(String),
    /// A field other than `preset` and `keymap` at the top, or other than `command` and
    /// `args` in a binding.
    UnknownField(String),
    /// A binding that is neither a string nor `{ command, args }`, or wrong `args`.
    BadValue(String),
    /// Two entries of one context in one file: the same key spelled twice (`ctrl-x`, `C-x`),
    /// or a key that is a prefix of a sequence. The later entry is skipped.
    Conflict {
        line: usize,
        detail: String,
    },
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        match &self.kind {
            ErrorKind::Toml(m) => write!(f, "not valid TOML: {m}"),
            ErrorKind::Io(m) => write!(f, "cannot read: {m}"),
            ErrorKind::UnknownKeyName(m) | ErrorKind::BadValue(m) => f.write_str(m),
            ErrorKind::UnknownAction(name) => write!(
                f,
                "unknown action `{name}` (docs/configuration.md lists them; \"noop\" unbinds)"
            ),
            ErrorKind::UnknownContext(name) => write!(
                f,
                "unknown context `[keymap.{name}]` (global, list, compose, pane, picker)"
            ),
            ErrorKind::UnknownPreset(name) => {
                write!(f, "unknown preset `{name}` (default, vim)")
            }
            ErrorKind::UnknownField(name) => write!(f, "unknown field `{name}`"),
            ErrorKind::Conflict { line, detail } => {
                write!(f, "conflicts with line {line}: {detail}; skipped")
            }
        }
    }
}
