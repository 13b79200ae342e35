//! One keymap file (TOML) to a list of entries, with every problem collected as a
//! [`KeymapError`] naming the file and line. Parsing never fails as a whole: a bad entry is
//! skipped and the rest is kept; only a file that is not TOML at all yields nothing.
//!
//! ```toml
//! preset = "vim"                 # only read from the user's keymap.toml
//! [keymap.list]
//! "g g" = "select_first"
//! "ctrl-e" = { command = "scroll_dialog", args = -1 }
//! "a" = "noop"                   # unbind
//! ```

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::context::Context;
use super::error::{ErrorKind, KeymapError};
use super::key::{KeyCombo, display_sequence, parse_sequence};
use crate::action::{Action, Command};
use crate::file_problems::line_of;

/// One binding line. `action: None` is `"noop"`: unbind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub context: Context,
    pub keys: Vec<KeyCombo>,
    pub action: Option<Action>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFile {
    /// `preset = "…"` with its line.
    pub preset: Option<(String, usize)>,
    /// Entries in file order, free of conflicts within a context.
    pub entries: Vec<Entry>,
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    errors: &'a mut Vec<KeymapError>,
}

impl Reader<'_> {
    fn error(&mut self, offset: usize, place: Option<String>, kind: ErrorKind) {
        self.errors.push(KeymapError {
            file: self.file.to_owned(),
            line: line_of(self.text, offset),
            place,
            kind,
        });
    }
}

/// Table entries in file order (the parsed map is sorted by key).
fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>)> {
    let mut items: Vec<_> = table.iter().collect();
    items.sort_by_key(|(k, _)| k.span().start);
    items
}

/// Parses `text` (shown as `file` in errors), appending problems to `errors`.
pub fn parse_file(file: &str, text: &str, errors: &mut Vec<KeymapError>) -> ParsedFile {
    let mut r = Reader { file, text, errors };
    let mut out = ParsedFile::default();
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            r.error(offset, None, ErrorKind::Toml(e.message().trim().to_owned()));
            return out;
        }
    };
    for (key, value) in in_file_order(root.get_ref()) {
        let at = key.span().start;
        match key.get_ref().as_ref() {
            "preset" => match value.get_ref().as_str() {
                Some(name) => out.preset = Some((name.to_owned(), line_of(text, at))),
                None => r.error(at, None, bad("`preset` is a string, e.g. \"vim\"")),
            },
            "keymap" => match value.get_ref().as_table() {
                Some(contexts) => read_contexts(&mut r, contexts, &mut out.entries),
                None => r.error(at, None, bad("`keymap` is a table: [keymap.<context>]")),
            },
            other => r.error(at, None, ErrorKind::UnknownField(other.to_owned())),
        }
    }
    out
}

fn bad(message: &str) -> ErrorKind {
    ErrorKind::BadValue(message.to_owned())
}

fn read_contexts(r: &mut Reader<'_>, contexts: &DeTable<'_>, entries: &mut Vec<Entry>) {
    for (name, table) in in_file_order(contexts) {
        let at = name.span().start;
        let Some(context) = Context::from_name(name.get_ref()) else {
            let unknown = ErrorKind::UnknownContext(name.get_ref().to_string());
            r.error(at, None, unknown);
            continue;
        };
        let Some(table) = table.get_ref().as_table() else {
            r.error(
                at,
                None,
                bad("a context is a table of \"key\" = \"action\""),
            );
            continue;
        };
        for (key, value) in in_file_order(table) {
            let place = format!("[keymap.{}] \"{}\"", context.name(), key.get_ref());
            let line = line_of(r.text, key.span().start);
            let keys = match parse_sequence(key.get_ref()) {
                Ok(keys) => keys,
                Err(m) => {
                    r.error(key.span().start, Some(place), ErrorKind::UnknownKeyName(m));
                    continue;
                }
            };
            let action = match binding(value.get_ref()) {
                Ok(action) => action,
                Err(kind) => {
                    r.error(value.span().start, Some(place), kind);
                    continue;
                }
            };
            let entry = Entry {
                context,
                keys,
                action,
                line,
            };
            match conflict(entries, &entry) {
                Some(kind) => r.error(key.span().start, Some(place), kind),
                None => entries.push(entry),
            }
        }
    }
}

/// A later entry of the same context with the same keys, or one a prefix of the other.
fn conflict(entries: &[Entry], new: &Entry) -> Option<ErrorKind> {
    let old = entries
        .iter()
        .filter(|e| e.context == new.context)
        .find(|e| e.keys.starts_with(&new.keys) || new.keys.starts_with(&e.keys))?;
    let (a, b) = (display_sequence(&old.keys), display_sequence(&new.keys));
    let detail = if old.keys == new.keys {
        format!("`{a}` is bound twice")
    } else if new.keys.len() < old.keys.len() {
        format!("`{b}` is a prefix of the sequence `{a}`")
    } else {
        format!("`{a}` is a prefix of the sequence `{b}`")
    };
    Some(ErrorKind::Conflict {
        line: old.line,
        detail,
    })
}

/// `"name"`, `"noop"` or `{ command = "name", args = N }`.
fn binding(value: &DeValue<'_>) -> Result<Option<Action>, ErrorKind> {
    let mut text = None;
    let (name, args) = match value {
        DeValue::String(name) => (name.as_ref(), None),
        DeValue::Table(fields) => {
            let mut name = None;
            let mut args = None;
            for (field, v) in fields.iter() {
                match (field.get_ref().as_ref(), v.get_ref()) {
                    ("command", DeValue::String(s)) => name = Some(s.as_ref()),
                    ("args", DeValue::String(s)) => text = Some(s.to_string()),
                    ("args", DeValue::Integer(n)) => {
                        let n = i64::from_str_radix(n.as_str(), n.radix())
                            .map_err(|_| bad("`args` is out of range"))?;
                        args = Some(n);
                    }
                    ("command", _) => return Err(bad("`command` is a string")),
                    ("args", _) => return Err(bad("`args` is a whole number or a reply id")),
                    (other, _) => return Err(ErrorKind::UnknownField(other.to_owned())),
                }
            }
            (name.ok_or_else(|| bad("missing `command`"))?, args)
        }
        _ => {
            return Err(bad(
                "a binding is \"action\" or { command = \"action\", args = … }",
            ));
        }
    };
    if name == "noop" {
        return Ok(None);
    }
    let command = Command::from_name(name).ok_or_else(|| ErrorKind::UnknownAction(name.into()))?;
    match text {
        Some(text) => command.action_text(&text),
        None => command.action(args),
    }
    .map(Some)
    .map_err(ErrorKind::BadValue)
}
