//! One `theme.toml` to a list of `(role, style)` overrides. Every problem is collected as a
//! [`ThemeError`] naming the file and line; a bad entry is skipped and the rest is kept.
//!
//! ```toml
//! dim = "#8a8a8a"                                   # a string or 0–255: the foreground
//! wait_warning = 136
//! selected = { fg = "black", bg = "#ffd75f", modifiers = ["bold"] }
//! ```

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};

use super::ThemeError;
use super::roles::Role;
use crate::file_problems::line_of;

/// Parses `text` (shown as `file` in errors); problems are appended to `errors`.
pub fn parse_file(file: &str, text: &str, errors: &mut Vec<ThemeError>) -> Vec<(Role, Style)> {
    let error = |offset: usize, message: String| ThemeError {
        file: file.to_owned(),
        line: line_of(text, offset),
        message,
    };
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            errors.push(error(
                offset,
                format!("not valid TOML: {}", e.message().trim()),
            ));
            return Vec::new();
        }
    };
    let mut items: Vec<_> = root.get_ref().iter().collect();
    items.sort_by_key(|(k, _)| k.span().start);
    let mut out = Vec::new();
    for (key, value) in items {
        let name = key.get_ref().as_ref();
        let Some(role) = Role::from_name(name) else {
            let message = format!("unknown role `{name}` (docs/configuration.md lists them)");
            errors.push(error(key.span().start, message));
            continue;
        };
        match style(value.get_ref()) {
            Ok(style) => out.push((role, style)),
            Err((at, message)) => {
                let offset = at.unwrap_or(value.span().start);
                errors.push(error(offset, format!("`{name}`: {message}")));
            }
        }
    }
    out
}

/// A problem in one value, with the offset of the part at fault when it is not the value.
type Fault = (Option<usize>, String);

/// `"colour"`, `N` or `{ fg, bg, modifiers }`.
fn style(value: &DeValue<'_>) -> Result<Style, Fault> {
    let DeValue::Table(fields) = value else {
        return color(value)
            .map(|c| Style::new().fg(c))
            .map_err(|m| (None, m));
    };
    let mut style = Style::new();
    for (field, v) in fields.iter() {
        let at = Some(v.span().start);
        match field.get_ref().as_ref() {
            "fg" => style = style.fg(color(v.get_ref()).map_err(|m| (at, m))?),
            "bg" => style = style.bg(color(v.get_ref()).map_err(|m| (at, m))?),
            "modifiers" => {
                let DeValue::Array(items) = v.get_ref() else {
                    return Err((at, "`modifiers` is a list, e.g. [\"bold\"]".into()));
                };
                for item in items.iter() {
                    let m = modifier(item.get_ref()).map_err(|m| (Some(item.span().start), m))?;
                    style = style.add_modifier(m);
                }
            }
            other => {
                let message = format!("unknown field `{other}` (fg, bg, modifiers)");
                return Err((Some(field.span().start), message));
            }
        }
    }
    Ok(style)
}

const COLOR_HELP: &str =
    "a colour is a name such as \"cyan\" or \"dark_gray\", \"#rrggbb\", or 0–255";

fn color(value: &DeValue<'_>) -> Result<Color, String> {
    match value {
        DeValue::String(s) => s
            .parse::<Color>()
            .map_err(|_| format!("unknown colour \"{s}\" ({COLOR_HELP})")),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .and_then(|n| u8::try_from(n).ok())
            .map(Color::Indexed)
            .ok_or_else(|| format!("colour {} is out of range ({COLOR_HELP})", n.as_str())),
        _ => Err(COLOR_HELP.to_owned()),
    }
}

/// The modifiers a theme may add, by name.
pub const MODIFIERS: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

fn modifier(value: &DeValue<'_>) -> Result<Modifier, String> {
    let names = || MODIFIERS.map(|(n, _)| n).join(", ");
    let DeValue::String(name) = value else {
        return Err(format!("a modifier is a name: {}", names()));
    };
    MODIFIERS
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, m)| *m)
        .ok_or_else(|| format!("unknown modifier \"{name}\" ({})", names()))
}
