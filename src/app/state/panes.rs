//! The dialog panes: one to four chats on screen at once, one of them focused.
//!
//! Rule: a chat is shown in at most one pane. Chats are wrapped to one width at a time
//! (`ChatView::ensure_wrapped`), so each shown chat is wrapped to its own pane's width; opening
//! a chat that another pane already shows focuses that pane instead.
//!
//! A pane may instead show one of the visitor's earlier conversations, read-only
//! (`Pane::earlier`, kept in `State::archive`): then `chat` is `None`, so nothing that writes
//! (compose, close, typing) can reach it.

use ratatui::layout::{Position, Rect};

use super::{ChatView, Room, State};
use crate::app::geometry;

/// Columns before every dialog row where the console marks who wrote it. Visitor text starts
/// after them, so it can never draw a mark of its own there: a line that looks like an
/// operator's inside a visitor's message still carries the visitor's mark.
pub const GUTTER: usize = 2;

/// One pane: the chat it shows (none: a hint) and how far it is scrolled back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pane {
    /// The live chat shown, where the compose box sends.
    pub chat: Option<i64>,
    /// An earlier conversation shown read-only instead (a key of `State::archive`).
    pub earlier: Option<i64>,
    /// Rows scrolled back from the newest line of this pane's chat.
    pub scroll: usize,
    /// Messages that arrived below the view while scrolled back.
    pub new_below: usize,
    /// A conversation of the team chat shown instead (`chat` and `earlier` are `None`).
    pub team: Option<Room>,
}

impl Pane {
    pub fn new(chat: Option<i64>) -> Self {
        Self {
            chat,
            ..Self::default()
        }
    }

    /// A pane showing a conversation of the team chat.
    pub fn room(room: Room) -> Self {
        Self {
            team: Some(room),
            ..Self::default()
        }
    }

    /// A pane showing earlier conversation `id` read-only.
    pub fn read_only(id: i64) -> Self {
        Self {
            earlier: Some(id),
            ..Self::default()
        }
    }
}

impl State {
    /// The panes' rectangles (borders included), in pane order.
    pub fn pane_rects(&self) -> Vec<Rect> {
        geometry::panes(self.areas().dialog, self.layout)
    }

    /// Columns available for text in pane `i`: its inside less the author gutter the dialog
    /// draws before every row ([`GUTTER`]).
    pub fn pane_width(&self, i: usize) -> usize {
        self.pane_rects().get(i).map_or(10, text_width)
    }

    /// [`Self::pane_width`] of every pane, from one layout.
    pub fn pane_widths(&self) -> Vec<usize> {
        self.pane_rects().iter().map(text_width).collect()
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

    /// What pane `i` shows: its live chat or its read-only earlier conversation.
    pub fn pane_view(&self, i: usize) -> Option<&ChatView> {
        let pane = self.panes.get(i)?;
        match (pane.chat, pane.earlier, pane.team) {
            (Some(id), _, _) => self.chats.get(&id),
            (None, Some(id), _) => self.archive.get(&id),
            (None, None, Some(room)) => self.team.rooms.get(&room),
            (None, None, None) => None,
        }
    }

    pub fn pane_view_mut(&mut self, i: usize) -> Option<&mut ChatView> {
        let pane = self.panes.get(i)?;
        match (pane.chat, pane.earlier, pane.team) {
            (Some(id), _, _) => self.chats.get_mut(&id),
            (None, Some(id), _) => self.archive.get_mut(&id),
            (None, None, Some(room)) => self.team.rooms.get_mut(&room),
            (None, None, None) => None,
        }
    }

    /// What the focused pane shows (the card shows its visitor, search searches it).
    pub fn focused_view(&self) -> Option<&ChatView> {
        self.pane_view(self.pane)
    }

    /// Whether the focused pane shows an earlier conversation (nothing can be sent there).
    pub fn focused_read_only(&self) -> bool {
        self.panes
            .get(self.pane)
            .is_some_and(|p| p.earlier.is_some())
    }

    /// The pane showing earlier conversation `id`.
    pub fn pane_of_earlier(&self, id: i64) -> Option<usize> {
        self.panes.iter().position(|p| p.earlier == Some(id))
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

/// Columns for text inside a pane's rectangle.
fn text_width(r: &Rect) -> usize {
    usize::from(geometry::inner(*r).width)
        .saturating_sub(GUTTER)
        .max(10)
}
