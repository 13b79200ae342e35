//! One reply file to a [`Reply`]: TOML front matter between two `+++` lines, then the body.
//! A line `--- detail ---` splits the body into the short part (sent at once) and the
//! detailed part (left in the reply box). Every problem names the file and the line.
//!
//! ```text
//! +++
//! id = "greeting"
//! title = "Greeting"
//! tags = ["hello"]
//! lang = "en"
//! hotkey = "alt-g"
//! send = true
//! +++
//! Hello, {visitor.name}! How can I help you?
//! ```

use serde::Deserialize;

use crate::keymap::parse_sequence;

/// The line between the short and the detailed part (spaces and case do not matter).
pub const DETAIL_SEPARATOR: &str = "--- detail ---";

/// One prepared answer in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Stable name: the same id in another language is a translation of this reply.
    pub id: String,
    pub title: String,
    pub tags: Vec<String>,
    /// `ru`, `en`, …: matched against the visitor's language.
    pub lang: String,
    /// A key (or sequence) that fires the reply from anywhere, in keymap spelling.
    pub hotkey: Option<String>,
    /// Fired, it goes out at once instead of landing in the reply box.
    pub send: bool,
    /// `/shortcut` in the reply box; the id when the file gives none.
    pub shortcut: String,
    /// The short part (or the whole reply).
    pub body: String,
    /// The detailed part, left in the reply box after the short part went out.
    pub detail: Option<String>,
    /// Where it came from, as shown in messages.
    pub file: String,
    /// 1-based lines of the front matter, the body and the detail.
    pub line: usize,
    pub body_line: usize,
    pub detail_line: usize,
    /// Lines of the `hotkey` and `shortcut` fields (the front matter's when not given).
    pub hotkey_line: usize,
    pub shortcut_line: usize,
}

/// A problem with a reply file or a library, shown as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Front {
    id: String,
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    lang: String,
    hotkey: Option<String>,
    #[serde(default)]
    send: bool,
    shortcut: Option<String>,
}

/// Parses the text of one reply file; `file` is only used in problems.
pub fn parse(file: &str, text: &str) -> Result<Reply, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let problem = |line: usize, message: &str| Problem::new(file, line, message);
    let open = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .filter(|&i| lines[i].trim() == "+++")
        .ok_or_else(|| problem(1, "a reply starts with a `+++` line, then its front matter"))?;
    let close = lines[open + 1..]
        .iter()
        .position(|l| l.trim() == "+++")
        .map(|i| open + 1 + i)
        .ok_or_else(|| problem(open + 1, "the front matter has no closing `+++` line"))?;
    let front_text = lines[open + 1..close].join("\n");
    let front: Front = toml::from_str(&front_text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let line = front_text[..at.min(front_text.len())].matches('\n').count();
        problem(open + 2 + line, e.message().trim())
    })?;
    // 1-based line of a front matter field, for problems about its value.
    let field_line = |name: &str| {
        lines[open + 1..close]
            .iter()
            .position(|l| l.trim_start().starts_with(name))
            .map_or(open + 1, |i| open + 2 + i)
    };
    if !is_name(&front.id) {
        let message = "`id` is letters, digits, `-` and `_` (no spaces)";
        return Err(problem(field_line("id"), message));
    }
    if front.title.trim().is_empty() {
        return Err(problem(field_line("title"), "`title` is empty"));
    }
    if !is_name(&front.lang) {
        return Err(problem(
            field_line("lang"),
            "`lang` is a language code: \"ru\", \"en\"",
        ));
    }
    if let Some(hotkey) = &front.hotkey
        && let Err(e) = parse_sequence(hotkey)
    {
        return Err(problem(field_line("hotkey"), &format!("`hotkey`: {e}")));
    }
    let shortcut = front.shortcut.unwrap_or_else(|| front.id.clone());
    if !is_name(&shortcut) {
        let message = "`shortcut` is letters, digits, `-` and `_` (typed after `/`)";
        return Err(problem(field_line("shortcut"), message));
    }
    let rest = &lines[close + 1..];
    let split = rest.iter().position(|l| is_separator(l));
    let (short, detail) = match split {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let body_line = close + 2 + leading_blank(short);
    let body = trim_block(short);
    if body.is_empty() {
        return Err(problem(
            close + 2,
            "the reply has no text after the front matter",
        ));
    }
    let (detail, detail_line) = match (split, detail) {
        (Some(i), Some(d)) => {
            let text = trim_block(d);
            if text.is_empty() {
                let message = "nothing follows the `--- detail ---` line";
                return Err(problem(close + 2 + i, message));
            }
            (Some(text), close + 3 + i + leading_blank(d))
        }
        _ => (None, 0),
    };
    Ok(Reply {
        id: front.id,
        title: front.title.trim().to_owned(),
        tags: front.tags,
        lang: front.lang,
        hotkey: front.hotkey,
        send: front.send,
        shortcut,
        body,
        detail,
        file: file.to_owned(),
        line: open + 1,
        body_line,
        detail_line,
        hotkey_line: field_line("hotkey"),
        shortcut_line: field_line("shortcut"),
    })
}

/// Ids, shortcuts and language codes: one word of letters, digits, `-` and `_` (the keymap's
/// `canned` bindings check reply ids by the same rule).
pub use crate::action::is_name;

fn is_separator(line: &str) -> bool {
    let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed.eq_ignore_ascii_case(DETAIL_SEPARATOR)
}

fn leading_blank(lines: &[&str]) -> usize {
    lines.iter().take_while(|l| l.trim().is_empty()).count()
}

/// The lines without blank lines around them and without trailing spaces.
fn trim_block(lines: &[&str]) -> String {
    let text: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    text.join("\n").trim_matches('\n').to_owned()
}

#[cfg(test)]
#[path = "tests/format.rs"]
mod tests;
