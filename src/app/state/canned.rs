//! What the console keeps about canned replies: the library, the use counts, the config values
//! placeholders draw on. Plain data, changed by `update`; the picker's items and previews for
//! replies are made here too.

use std::borrow::Cow;
use std::path::PathBuf;

use super::State;
use super::picker::{PickItem, Preview, Shade};
use crate::canned::fill::{Filled, Values, fill, tokens};
use crate::canned::library::{Library, lang_code};
use crate::canned::rank;
use crate::canned::usage::Usage;
use crate::keymap::latin_twin;

#[derive(Debug, Clone, Default)]
pub struct CannedState {
    pub library: Library,
    pub usage: Usage,
    /// Where the use counts are written (the data dir); `None`: not kept (tests).
    pub usage_file: Option<PathBuf>,
    /// `{company}` from `[canned] company` in config.toml.
    pub company: String,
    /// A reply's detailed part, put in the reply box once its short part (which had a gap,
    /// so it waited there) has been sent in that chat.
    pub follow_up: Option<(i64, String)>,
}

impl State {
    /// Languages to prefer for the open chat: the one the visitor writes in, their
    /// browser's, then the interface's.
    pub fn canned_langs(&self) -> Vec<String> {
        let mut langs = Vec::new();
        if let Some(written) = self
            .open_chat()
            .and_then(crate::app::cues::written_language)
        {
            langs.push(written.to_owned());
        }
        if let Some(tag) = self.open_chat().and_then(|c| c.visitor.language.as_deref()) {
            let code = lang_code(tag);
            if !langs.contains(&code) {
                langs.push(code);
            }
        }
        let ui = self.strings.lang;
        if !langs.iter().any(|l| l == ui) {
            langs.push(ui.to_owned());
        }
        langs
    }

    /// Placeholder values for the open chat.
    pub fn canned_values(&self) -> Values {
        Values::for_visitor(
            self.open_chat().map(|c| &c.visitor),
            self.my_name(),
            &self.canned.company,
        )
    }

    /// Replies for the picker's `query`: indexes into the library, best first.
    pub fn canned_matches(&self, query: &str) -> Vec<usize> {
        let langs = self.canned_langs();
        rank::rank(&self.canned.library, &self.canned.usage, query, &langs)
    }

    /// The picker's lines for replies: title, then `/shortcut · lang` and ⏎ for one that
    /// goes out at once for this chat: not one that would leave a gap (a `{fill.…}`, or a
    /// form field this visitor left empty), which waits in the reply box.
    pub(super) fn canned_pick_items(&self, query: &str) -> Vec<PickItem> {
        let values = self.canned_values();
        self.canned_matches(query)
            .into_iter()
            .map(|key| {
                let r = &self.canned.library.replies[key];
                // What `fill` would leave: a placeholder without a value (`update/canned.rs`).
                let gap = || {
                    tokens(&r.body)
                        .iter()
                        .any(|t| values.get(&t.name).is_none())
                };
                let send = if r.send && !gap() { " ⏎" } else { "" };
                PickItem {
                    key,
                    label: r.title.clone(),
                    hint: format!("  /{} · {}{send}", r.shortcut, r.lang),
                }
            })
            .collect()
    }

    /// A reply filled for the open chat, its gaps marked; the detailed part after a blank
    /// line and "then:".
    pub(super) fn canned_preview(&self, index: usize) -> Option<Preview> {
        let labels = self.strings.canned;
        let (short, detail) = self.canned_filled(index)?;
        let mut title = format!(" {} ", labels.preview);
        // A gap left in the short part holds it in the reply box (`update/canned.rs`).
        if !short.gaps.is_empty() {
            title.push_str(&format!("({}) ", labels.fill_first));
        } else if self.canned.library.replies[index].send || detail.is_some() {
            title.push_str(&format!("({}) ", labels.sends));
        }
        let mut lines = gap_lines(&short);
        if let Some(detail) = &detail {
            lines.push(Vec::new());
            lines.push(vec![(labels.then.to_owned(), Shade::Dim)]);
            lines.extend(gap_lines(detail));
        }
        Some(Preview { title, lines })
    }

    /// `/shortcut` typed at the start of the reply box: the word after the slash, while the
    /// box holds nothing else. The same keys pressed in the Russian layout count as well when
    /// they spell the start of a shortcut: the `/` key types `.` there, so `.рш` (or `/рш`)
    /// is `/hi`. Any other `.word` is text.
    pub fn typed_shortcut(&self) -> Option<Cow<'_, str>> {
        let [line] = self.compose.lines() else {
            return None;
        };
        if line.contains(char::is_whitespace) {
            return None;
        }
        if let Some(word) = line.strip_prefix('/') {
            return Some(self.shortcut_word(word).unwrap_or(Cow::Borrowed(word)));
        }
        // A dot line is text unless it is Cyrillic that spells a shortcut.
        let word = line.strip_prefix('.').filter(|w| !w.is_ascii())?;
        self.shortcut_word(word)
    }

    /// The start of a shortcut `word` spells: itself (a shortcut may be Cyrillic), else the
    /// Latin keys that typed it in a Cyrillic layout.
    fn shortcut_word<'a>(&self, word: &'a str) -> Option<Cow<'a, str>> {
        let starts = |prefix: &str| {
            let replies = &self.canned.library.replies;
            replies.iter().any(|r| r.shortcut.starts_with(prefix))
        };
        if starts(word) {
            return Some(Cow::Borrowed(word));
        }
        let latin: String = word
            .chars()
            .map(|c| latin_twin(c).or(c.is_ascii().then_some(c)))
            .collect::<Option<String>>()?
            .to_ascii_lowercase();
        starts(&latin).then_some(Cow::Owned(latin))
    }

    /// Matches for the typed `/shortcut`, for the completion popup and Tab.
    pub fn shortcut_matches(&self) -> Vec<usize> {
        let Some(prefix) = self.typed_shortcut() else {
            return Vec::new();
        };
        let langs = self.canned_langs();
        rank::shortcuts(&self.canned.library, &self.canned.usage, &prefix, &langs)
    }

    /// Reply `index` filled for the open chat: short part and detailed part.
    pub fn canned_filled(&self, index: usize) -> Option<(Filled, Option<Filled>)> {
        let reply = self.canned.library.replies.get(index)?;
        let values = self.canned_values();
        let detail = reply.detail.as_deref().map(|d| fill(d, &values));
        Some((fill(&reply.body, &values), detail))
    }
}

/// Filled text as lines, each gap (a placeholder left for the operator) marked.
fn gap_lines(filled: &Filled) -> Vec<Vec<(String, Shade)>> {
    filled
        .text
        .split('\n')
        .enumerate()
        .map(|(row, line)| {
            let chars: Vec<char> = line.chars().collect();
            let mut pieces = Vec::new();
            let mut at = 0;
            for gap in filled.gaps.iter().filter(|g| g.row == row) {
                pieces.push((chars[at..gap.start].iter().collect(), Shade::Plain));
                pieces.push((chars[gap.start..gap.end].iter().collect(), Shade::Marked));
                at = gap.end;
            }
            pieces.push((chars[at..].iter().collect(), Shade::Plain));
            pieces
        })
        .collect()
}
