//! What the console keeps about canned replies: the library, the use counts, the config values
//! placeholders draw on, and the picker while it is open. Plain data, changed by `update`.

use std::path::PathBuf;

use super::State;
use crate::canned::fill::{Filled, Values, fill};
use crate::canned::library::{Library, lang_code};
use crate::canned::rank;
use crate::canned::usage::Usage;

#[derive(Debug, Clone, Default)]
pub struct CannedState {
    pub library: Library,
    pub usage: Usage,
    /// Where the use counts are written (the data dir); `None`: not kept (tests).
    pub usage_file: Option<PathBuf>,
    /// `{company}` from `[canned] company` in config.toml.
    pub company: String,
    pub picker: Option<Picker>,
    /// A reply's detailed part, put in the reply box once its short part (which had a gap,
    /// so it waited there) has been sent in that chat.
    pub follow_up: Option<(i64, String)>,
}

/// The fuzzy picker: what was typed and which line of the ranked list is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    pub selected: usize,
}

impl State {
    /// Languages to prefer for the open chat: the visitor's, then the interface's.
    pub fn canned_langs(&self) -> Vec<String> {
        let mut langs = Vec::new();
        if let Some(tag) = self.open_chat().and_then(|c| c.visitor.language.as_deref()) {
            langs.push(lang_code(tag));
        }
        let ui = if std::ptr::eq(self.strings, &crate::i18n::RU) {
            "ru"
        } else {
            "en"
        };
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

    /// The picker's list as it stands: indexes into the library, best first.
    pub fn picker_matches(&self) -> Vec<usize> {
        let query = self.canned.picker.as_ref().map_or("", |p| p.query.as_str());
        let langs = self.canned_langs();
        let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
        rank::rank(&self.canned.library, &self.canned.usage, query, &langs)
    }

    /// The reply under the picker's cursor, if any.
    pub fn picker_choice(&self) -> Option<usize> {
        let picker = self.canned.picker.as_ref()?;
        let matches = self.picker_matches();
        matches
            .get(picker.selected.min(matches.len().saturating_sub(1)))
            .copied()
    }

    /// `/shortcut` typed at the start of the reply box: the word after the slash, while the
    /// box holds nothing else.
    pub fn typed_shortcut(&self) -> Option<&str> {
        let lines = self.compose.lines();
        let word = lines.first()?.strip_prefix('/')?;
        let only = lines.len() == 1 && !word.contains(char::is_whitespace);
        only.then_some(word)
    }

    /// Matches for the typed `/shortcut`, for the completion popup and Tab.
    pub fn shortcut_matches(&self) -> Vec<usize> {
        let Some(prefix) = self.typed_shortcut() else {
            return Vec::new();
        };
        let langs = self.canned_langs();
        let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
        rank::shortcuts(&self.canned.library, &self.canned.usage, prefix, &langs)
    }

    /// Reply `index` filled for the open chat: short part and detailed part.
    pub fn canned_filled(&self, index: usize) -> Option<(Filled, Option<Filled>)> {
        let reply = self.canned.library.replies.get(index)?;
        let values = self.canned_values();
        let detail = reply.detail.as_deref().map(|d| fill(d, &values));
        Some((fill(&reply.body, &values), detail))
    }
}
