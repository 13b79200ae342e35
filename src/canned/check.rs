//! `frontdesk canned check [PATH]`: every problem of a library as `file:line: message`.
//!
//! Per file: front matter (TOML, required fields, a hotkey that is a key), an empty text.
//! Per library: the same id twice in one language. Over what the console would load (the
//! libraries merged): a hotkey or `/shortcut` given to two different replies, a hotkey the
//! keymap already uses, a placeholder the console does not know.

use super::fill::{is_known, tokens};
use super::format::{Problem, Reply};
use std::path::Path;

use super::library::{Library, parse_files, read_dir};
use crate::keymap::{Keymap, parse_sequence};
use crate::writing::rules;
use crate::writing::rules_file::Rules;

/// A checked library: how many replies it has and what is wrong.
#[derive(Debug, Default)]
pub struct Report {
    pub replies: usize,
    pub problems: Vec<Problem>,
}

/// Checks the libraries given as `(file name, text)` lists, later ones merged over earlier
/// ones as the console does, against `keymap` and the writing `rules`.
pub fn check(sources: &[Vec<(String, String)>], keymap: &Keymap, writing: &Rules) -> Report {
    let mut report = Report::default();
    let mut merged = Library::default();
    for files in sources {
        let loaded = parse_files(files);
        report.problems.extend(loaded.problems);
        merged.merge(loaded.library);
    }
    report.replies = merged.replies.len();
    for reply in &merged.replies {
        placeholders(reply, &mut report.problems);
        rule_hits(reply, writing, &mut report.problems);
    }
    clashes(&merged, keymap, &mut report.problems);
    report
}

fn placeholders(reply: &Reply, problems: &mut Vec<Problem>) {
    let parts = [(&reply.body, reply.body_line)]
        .into_iter()
        .chain(reply.detail.iter().map(|d| (d, reply.detail_line)));
    for (text, first_line) in parts {
        for token in tokens(text).into_iter().filter(|t| !is_known(&t.name)) {
            problems.push(Problem::new(
                &reply.file,
                first_line + token.row,
                format!(
                    "unknown placeholder `{{{}}}` (known: {{visitor.name}}, {{visitor.page}}, \
                     {{visitor.<form field>}}, {{operator.name}}, {{company}}, {{fill.<what>}})",
                    token.name
                ),
            ));
        }
    }
}

/// The body's and the detail's places that break a writing rule, each on its own line.
fn rule_hits(reply: &Reply, writing: &Rules, problems: &mut Vec<Problem>) {
    let labels = &crate::i18n::WRITING_EN;
    let parts = [(&reply.body, reply.body_line)]
        .into_iter()
        .chain(reply.detail.iter().map(|d| (d, reply.detail_line)));
    for (text, first_line) in parts {
        for hit in rules::check(writing, text) {
            let line = first_line + text[..hit.range.start].matches('\n').count();
            let mut message = format!(
                "writing: {} at `{}`",
                labels.reason(hit.rule),
                &text[hit.range.clone()]
            );
            if let Some(instead) = &hit.instead {
                message.push_str(&format!(" (instead: `{instead}`)"));
            }
            problems.push(Problem::new(&reply.file, line, message));
        }
    }
}

fn clashes(library: &Library, keymap: &Keymap, problems: &mut Vec<Problem>) {
    // Both kinds of key: a hotkey and a `/shortcut`, each owned by one reply id.
    for field in ["hotkey", "shortcut"] {
        let mut owners: Vec<(&str, &Reply)> = Vec::new();
        for reply in &library.replies {
            let (key, line) = match field {
                "hotkey" => (reply.hotkey.as_deref(), reply.hotkey_line),
                _ => (Some(reply.shortcut.as_str()), reply.shortcut_line),
            };
            let Some(key) = key else { continue };
            match owners.iter().find(|(k, r)| *k == key && r.id != reply.id) {
                Some((_, first)) => problems.push(Problem::new(
                    &reply.file,
                    line,
                    format!(
                        "{field} `{key}` is also given to `{}` ({}:{})",
                        first.id, first.file, first.line
                    ),
                )),
                None => owners.push((key, reply)),
            }
        }
    }
    for (hotkey, id) in library.hotkeys() {
        let Ok(keys) = parse_sequence(hotkey) else {
            continue;
        };
        if let Some(clash) = keymap.reply_hotkey_clash(&keys) {
            for reply in library.replies.iter().filter(|r| r.id == id) {
                let message = format!("hotkey `{hotkey}` is taken in the keymap: {clash}");
                problems.push(Problem::new(&reply.file, reply.hotkey_line, message));
            }
        }
    }
}

/// `frontdesk canned check [PATH]`: `PATH` (a folder or one file) alone, else the shipped
/// library with the user's (`<config dir>/canned_replies/`) over it; both against the live
/// keymap. Problems go to standard output; any makes the command fail.
pub fn cli(path: Option<&Path>, config_dir: &Path) -> anyhow::Result<()> {
    let mut read_problems = Vec::new();
    let sources = match path {
        Some(path) if path.is_file() => {
            let text = std::fs::read_to_string(path)?;
            vec![vec![(path.display().to_string(), text)]]
        }
        Some(path) if path.is_dir() => {
            let (files, problems) = read_dir(path);
            read_problems = problems;
            vec![files]
        }
        Some(path) => anyhow::bail!("{}: no such file or folder", path.display()),
        None => {
            let (user, problems) = read_dir(&config_dir.join(super::DIR));
            read_problems = problems;
            vec![super::shipped::files(), user]
        }
    };
    let keymap = crate::keymap::load(Some(config_dir));
    let writing = crate::writing::rules_file::load(config_dir)?;
    let mut report = check(&sources, &keymap.keymap, &writing);
    report.problems.splice(0..0, read_problems);
    for problem in &report.problems {
        println!("{problem}");
    }
    match report.problems.len() {
        0 => {
            crate::stderr::line(format_args!("{} replies, no problems", report.replies));
            Ok(())
        }
        n => anyhow::bail!("{n} problem(s) in {} replies", report.replies),
    }
}

#[cfg(test)]
#[path = "tests/check.rs"]
mod tests;
