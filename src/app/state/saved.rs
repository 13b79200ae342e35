//! The screen arrangement that outlives a run: pane layout, the chats in the panes, the
//! focused pane, the visitor card. Restored when the first snapshot arrives, for the chats
//! that still exist.

use serde::{Deserialize, Serialize};

use super::{Pane, State};
use crate::app::geometry::Layout;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedLayout {
    pub layout: Layout,
    /// The chat in each pane, in pane order (`None`: an empty pane).
    #[serde(with = "pane_list")]
    pub panes: Vec<Option<i64>>,
    pub focused: usize,
    pub card: bool,
}

impl State {
    pub fn saved_layout(&self) -> SavedLayout {
        SavedLayout {
            layout: self.layout,
            panes: self.panes.iter().map(|p| p.chat).collect(),
            focused: self.pane,
            card: self.screen.card,
        }
    }

    /// Puts the saved arrangement back; chats the server no longer shows leave empty panes.
    pub(crate) fn apply_saved(&mut self, saved: SavedLayout) {
        let count = saved.layout.count();
        let mut panes: Vec<Pane> = saved
            .panes
            .into_iter()
            .take(count)
            .map(|chat| Pane::new(chat.filter(|id| self.chats.contains_key(id))))
            .collect();
        panes.resize(count, Pane::default());
        self.layout = saved.layout;
        self.panes = panes;
        self.pane = saved.focused.min(count - 1);
        self.screen.card = saved.card;
    }
}

/// TOML has no null, so the pane list is written as an array of tables, `chat` left out for
/// an empty pane.
mod pane_list {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct SavedPane {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        chat: Option<i64>,
    }

    pub fn serialize<S: Serializer>(panes: &[Option<i64>], s: S) -> Result<S::Ok, S::Error> {
        let list: Vec<SavedPane> = panes.iter().map(|&chat| SavedPane { chat }).collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<i64>>, D::Error> {
        Ok(Vec::<SavedPane>::deserialize(d)?
            .into_iter()
            .map(|p| p.chat)
            .collect())
    }
}
