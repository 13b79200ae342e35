//! The dialog panes: one to four chats on screen at once, one of them focused.
//!
//! Rule: a chat is shown in at most one pane. Chats are wrapped to one width at a time
//! (`ChatView::ensure_wrapped`), so each shown chat is wrapped to its own pane's width; opening
//! a chat that another pane already shows focuses that pane instead.

use ratatui::layout::{Position, Rect};

use super::{ChatView, State};
use crate::app::geometry;

/// One pane: the chat it shows (none: a hint) and how far it is scrolled back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pane {
    pub chat: Option<i64>,
    /// Rows scrolled back from the newest line of this pane's chat.
    pub scroll: usize,
    /// Messages that arrived below the view while scrolled back.
    pub new_below: usize,
}

impl Pane {
    pub fn new(chat: Option<i64>) -> Self {
        Self {
            chat,
            scroll: 0,
            new_below: 0,
        }
    }
}

impl State {
    /// The panes' rectangles (borders included), in pane order.
    pub fn pane_rects(&self) -> Vec<Rect> {
        geometry::panes(self.areas().dialog, self.layout)
    }

    /// Columns available for text in pane `i`.
    pub fn pane_width(&self, i: usize) -> usize {
        self.pane_rects()
            .get(i)
            .map_or(10, |r| usize::from(geometry::inner(*r).width).max(10))
    }

    /// Rows available for text in pane `i`.
    pub fn pane_height(&self, i: usize) -> usize {
        self.pane_rects()
            .get(i)
            .map_or(0, |r| usize::from(geometry::inner(*r).height))
    }

    /// Columns available for text in the focused pane.
    pub fn dialog_width(&self) -> usize {
        self.pane_width(self.pane)
    }

    /// Rows available for text in the focused pane.
    pub fn dialog_height(&self) -> usize {
        self.pane_height(self.pane)
    }

    /// The focused pane's chat id: where the compose box sends.
    pub fn open_id(&self) -> Option<i64> {
        self.panes.get(self.pane).and_then(|p| p.chat)
    }

    /// The focused pane's chat (the visitor card shows its visitor).
    pub fn open_chat(&self) -> Option<&ChatView> {
        self.open_id().and_then(|id| self.chats.get(&id))
    }

    /// The focused pane's scroll position.
    pub fn dialog_scroll(&self) -> usize {
        self.panes.get(self.pane).map_or(0, |p| p.scroll)
    }

    /// The pane showing chat `id`.
    pub fn pane_of(&self, id: i64) -> Option<usize> {
        self.panes.iter().position(|p| p.chat == Some(id))
    }

    /// Whether chat `id` is on screen in any pane (then it gathers no unread count).
    pub fn shows(&self, id: i64) -> bool {
        self.pane_of(id).is_some()
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
        let at = Position::new(column, row);
        self.pane_rects().iter().position(|r| r.contains(at))
    }
}
