//! The visitor's earlier conversations as the card lists them: which are listed, which one is
//! picked, and the rows they take at the bottom of the card. Drawing and mouse hit-testing
//! both use [`State::earlier_rows`], so a click always lands on the entry drawn there.

use frontdesk_protocol::ChatSummary;
use ratatui::layout::{Position, Rect};

use super::State;
use crate::app::geometry;

/// The card's earlier-chat section: a header row, then one row per visible entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRows<'a> {
    /// Header and entries, at the bottom of the card's inner area.
    pub area: Rect,
    /// The entries that fit, in list order (newest first).
    pub shown: Vec<&'a ChatSummary>,
    /// Index in the whole list of the first one shown (the window follows the pick).
    pub first: usize,
}

impl State {
    /// The focused pane's visitor's conversations, newest first, except the one it shows.
    pub fn earlier_listed(&self) -> Vec<&ChatSummary> {
        let Some(view) = self.focused_view() else {
            return Vec::new();
        };
        self.earlier
            .get(&view.visitor.id)
            .map(|chats| chats.iter().filter(|c| c.chat.id != view.chat.id).collect())
            .unwrap_or_default()
    }

    /// Where the card draws the earlier chats: the last rows of its inner area, at most half
    /// of it. `None` when the card is hidden or lists none.
    pub fn earlier_rows(&self) -> Option<EarlierRows<'_>> {
        if !self.screen.card {
            return None;
        }
        let list = self.earlier_listed();
        if list.is_empty() {
            return None;
        }
        let areas = self.areas();
        let inner = geometry::inner(areas.card);
        // A strip above the dialog keeps most of its few rows for who the visitor is: one
        // earlier chat at a time (the pick scrolls it).
        let most = if areas.card_strip {
            2
        } else {
            usize::from(inner.height / 2)
        };
        // Never more rows than the card has (a terminal dragged down to a few rows).
        let rows = (list.len() + 1).min(most).min(usize::from(inner.height));
        let visible = rows.checked_sub(1).filter(|&n| n > 0)?;
        let picked = self
            .earlier_pick
            .and_then(|id| list.iter().position(|c| c.chat.id == id))
            .unwrap_or(0);
        let first = (picked + 1).saturating_sub(visible);
        let height = u16::try_from(rows).unwrap_or(inner.height);
        let area = Rect::new(
            inner.x,
            inner.y + inner.height - height,
            inner.width,
            height,
        );
        let shown = list.into_iter().skip(first).take(visible).collect();
        Some(EarlierRows { area, shown, first })
    }

    /// The earlier conversation drawn under a screen cell of the card.
    pub fn earlier_at(&self, column: u16, row: u16) -> Option<i64> {
        let rows = self.earlier_rows()?;
        if !rows.area.contains(Position::new(column, row)) || row == rows.area.y {
            return None;
        }
        let i = usize::from(row - rows.area.y - 1);
        rows.shown.get(i).map(|c| c.chat.id)
    }
}
