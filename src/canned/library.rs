//! A library of replies: the shipped one (embedded), the user's `canned_replies/` in the config
//! dir merged over it (same id and language: the user's file wins), and which language of a
//! reply to use.
//!
//! Languages: a reply id may exist in several languages (translations). Firing it picks the
//! visitor's language (from their browser), else the console's interface language, else the
//! first there is. The picker lists every language, those two first.

use std::path::Path;

use super::format::{self, Problem, Reply};
use super::shipped;

/// Replies in a stable order: the shipped ones as listed, then the user's by file name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub replies: Vec<Reply>,
}

/// A library and the problems met reading it (broken files are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub library: Library,
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// One line for the status bar, or `None` when all is well.
    pub fn notice(&self) -> Option<String> {
        crate::file_problems::notice("canned replies", &self.problems)
    }
}

/// Parses `(file name, text)` pairs; a second file with the same id and language is a problem
/// and left out.
pub fn parse_files(files: &[(String, String)]) -> Loaded {
    let mut loaded = Loaded::default();
    for (file, text) in files {
        match format::parse(file, text) {
            Ok(reply) => match loaded.library.find(&reply.id, &reply.lang) {
                Some(first) => loaded.problems.push(Problem::new(
                    file,
                    reply.line,
                    format!(
                        "duplicate id `{}` in `{}`: first in {}:{}",
                        reply.id, reply.lang, first.file, first.line
                    ),
                )),
                None => loaded.library.replies.push(reply),
            },
            Err(problem) => loaded.problems.push(problem),
        }
    }
    loaded
}

/// Every `*.md` file under `dir` (any depth), sorted by path, as `(shown name, text)`.
/// Unreadable files become problems.
pub fn read_dir(dir: &Path) -> (Vec<(String, String)>, Vec<Problem>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    collect(dir, &mut paths, &mut problems);
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push((shown, text)),
            Err(e) => problems.push(Problem::new(&shown, 1, e.to_string())),
        }
    }
    (files, problems)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            problems.push(Problem::new(&dir.display().to_string(), 1, e.to_string()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out, problems);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The shipped library, then `<config dir>/canned_replies/` over it. The user's files are
/// named relative to the config dir (`canned_replies/ru/x.md`), short enough for the status bar.
pub fn load(config_dir: Option<&Path>) -> Loaded {
    let mut loaded = parse_files(&shipped::files());
    if let Some(dir) = config_dir {
        let (mut files, mut problems) = read_dir(&dir.join(super::DIR));
        let prefix = format!("{}/", dir.display());
        for (name, _) in &mut files {
            if let Some(rest) = name.strip_prefix(&prefix) {
                *name = rest.to_owned();
            }
        }
        let user = parse_files(&files);
        loaded.library.merge(user.library);
        loaded.problems.append(&mut problems);
        loaded.problems.extend(user.problems);
    }
    loaded
}

impl Library {
    pub fn find(&self, id: &str, lang: &str) -> Option<&Reply> {
        self.replies.iter().find(|r| r.id == id && r.lang == lang)
    }

    /// Puts `over` on top: a reply with the same id and language replaces the one here in
    /// place, a new one is added at the end.
    pub fn merge(&mut self, over: Self) {
        for reply in over.replies {
            let slot = self
                .replies
                .iter_mut()
                .find(|r| r.id == reply.id && r.lang == reply.lang);
            match slot {
                Some(slot) => *slot = reply,
                None => self.replies.push(reply),
            }
        }
    }

    /// Reply `id` in the first of `langs` it exists in, else in any language.
    pub fn choose<L: AsRef<str>>(&self, id: &str, langs: &[L]) -> Option<&Reply> {
        self.choose_index(id, langs).map(|i| &self.replies[i])
    }

    /// Like [`Self::choose`], as an index into `replies`.
    pub fn choose_index<L: AsRef<str>>(&self, id: &str, langs: &[L]) -> Option<usize> {
        let at = |lang: &str| {
            self.replies
                .iter()
                .position(|r| r.id == id && r.lang == lang)
        };
        langs
            .iter()
            .find_map(|lang| at(lang.as_ref()))
            .or_else(|| self.replies.iter().position(|r| r.id == id))
    }

    /// Reply ids whose `/shortcut` is exactly `shortcut`.
    pub fn by_shortcut(&self, shortcut: &str) -> Option<&str> {
        self.replies
            .iter()
            .find(|r| r.shortcut == shortcut)
            .map(|r| r.id.as_str())
    }

    /// `(hotkey, id)` for every reply that has one, once per id (translations share it).
    pub fn hotkeys(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for r in &self.replies {
            if let Some(key) = r.hotkey.as_deref()
                && !out.iter().any(|(k, id)| *k == key && *id == r.id)
            {
                out.push((key, &r.id));
            }
        }
        out
    }
}

/// Binds a library's hotkeys in `keymap` over the previous library's; a hotkey left out
/// becomes one of its problems (named by the reply's file and line).
pub fn bind_hotkeys(keymap: &mut crate::keymap::Keymap, mut loaded: Loaded) -> Loaded {
    for (id, why) in keymap.bind_replies(&loaded.library.hotkeys()) {
        let reply = loaded.library.replies.iter().find(|r| r.id == id);
        let (file, line) = reply.map_or(("", 0), |r| (r.file.as_str(), r.hotkey_line));
        loaded.problems.push(Problem::new(file, line, why));
    }
    loaded
}

/// The two-letter code of a language tag or `Accept-Language` value (`ru-RU,ru;q=0.9` → `ru`).
pub fn lang_code(tag: &str) -> String {
    tag.split([',', ';', '-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
#[path = "tests/library.rs"]
mod tests;
