//! The one picker: a query, a ranked list and a preview of the line under the cursor, over the
//! whole screen. What it picks from is a [`PickFrom`]; each use adds a variant and answers
//! three questions here — its items for a query, the preview of one, and (in
//! `update/picker.rs`) what choosing one does. Typing, moving, closing and drawing are shared.

use super::State;

/// What a picker picks from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PickFrom {
    /// Canned replies, ranked for the query, previewed filled for the open chat.
    #[default]
    CannedReply,
    /// Bans in force (`State::bans`, as the server last listed them); choosing one lifts it.
    Ban,
    /// The team room and the colleagues; choosing one opens that conversation in a pane.
    Colleague,
}

/// An open picker: what was typed and which line of the list is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub from: PickFrom,
    pub query: String,
    pub selected: usize,
}

impl Picker {
    pub fn new(from: PickFrom) -> Self {
        Self {
            from,
            ..Self::default()
        }
    }
}

/// One line of the list. `key` says which thing it is to its use (a reply's index, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub key: usize,
    pub label: String,
    /// Shown dimmed after the label.
    pub hint: String,
}

/// How a piece of preview text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    Plain,
    Dim,
    /// Wants the operator's attention (a gap to fill).
    Marked,
}

/// The preview of one item: a title and lines of shaded pieces. Texts are raw; drawing
/// sanitizes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub title: String,
    pub lines: Vec<Vec<(String, Shade)>>,
}

impl State {
    /// The open picker's list as it stands, best first.
    pub fn picker_items(&self) -> Vec<PickItem> {
        let Some(picker) = &self.picker else {
            return Vec::new();
        };
        match picker.from {
            PickFrom::CannedReply => self.canned_pick_items(&picker.query),
            PickFrom::Ban => self.ban_pick_items(&picker.query),
            PickFrom::Colleague => self.colleague_pick_items(&picker.query),
        }
    }

    /// The key of the line under the picker's cursor, if any.
    pub fn picker_choice(&self) -> Option<usize> {
        let picker = self.picker.as_ref()?;
        let items = self.picker_items();
        items
            .get(picker.selected.min(items.len().saturating_sub(1)))
            .map(|item| item.key)
    }

    /// The preview of the item with `key` in the open picker.
    pub fn picker_preview(&self, key: usize) -> Option<Preview> {
        match self.picker.as_ref()?.from {
            PickFrom::CannedReply => self.canned_preview(key),
            PickFrom::Ban => self.ban_preview(key),
            PickFrom::Colleague => self.colleague_preview(key),
        }
    }

    /// The picker's title, its hint line and what it says when nothing matches.
    pub fn picker_texts(&self) -> Option<(String, &'static str, &'static str)> {
        match self.picker.as_ref()?.from {
            PickFrom::CannedReply => {
                let labels = self.strings.canned;
                let title = format!("{} → {}", labels.title, self.reply_target_name());
                Some((title, labels.hint, labels.nothing))
            }
            PickFrom::Ban => {
                let l = self.strings.commands;
                Some((l.bans_title.to_owned(), l.bans_hint, l.bans_none))
            }
            PickFrom::Colleague => {
                let t = self.strings.team;
                Some((t.pick_title.to_owned(), t.pick_hint, t.pick_none))
            }
        }
    }
}
