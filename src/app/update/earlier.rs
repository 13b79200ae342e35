//! The visitor's earlier conversations: picking one in the card (keys or a click), opening it
//! read-only in the focused pane, and loading its messages with `history` page by page: the
//! newest page on open, the next older one when the pane is scrolled to its top. A live chat
//! scrolled to its top gets older pages the same way (a snapshot carries only its latest).
//!
//! An earlier chat that is still open (waiting or active) is a live chat: it opens as one.

use frontdesk_protocol::ChatState;

use super::paging::request_page;
use super::retarget::{open as open_live, retarget};
use super::shared::{clamp_scroll, earlier_chats, rewrap_open};
use crate::app::state::{ChatView, Pane};
use crate::app::{Action, Effect, State};

pub(super) fn apply(state: &mut State, action: &Action) -> Vec<Effect> {
    match action {
        Action::EarlierNext => pick(state, true),
        Action::EarlierPrev => pick(state, false),
        Action::OpenEarlier => open_picked(state),
        _ => Vec::new(),
    }
}

/// Moves the pick through the card's list (round at the ends), showing the card first.
fn pick(state: &mut State, next: bool) -> Vec<Effect> {
    if !state.screen.card {
        return show_card(state);
    }
    let ids: Vec<i64> = state.earlier_listed().iter().map(|c| c.chat.id).collect();
    let n = ids.len();
    if n == 0 {
        return Vec::new();
    }
    let at = state
        .earlier_pick
        .and_then(|id| ids.iter().position(|&c| c == id));
    let to = match (at, next) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    state.earlier_pick = Some(ids[to]);
    Vec::new()
}

/// Shows the card (which asks the server for the visitor's chats).
fn show_card(state: &mut State) -> Vec<Effect> {
    state.screen.card = true;
    rewrap_open(state);
    clamp_scroll(state);
    earlier_chats(state)
}

/// Opens the picked earlier chat, or the newest one listed.
fn open_picked(state: &mut State) -> Vec<Effect> {
    let listed = state.earlier_listed();
    let id = state
        .earlier_pick
        .filter(|id| listed.iter().any(|c| c.chat.id == *id))
        .or_else(|| listed.first().map(|c| c.chat.id));
    match id {
        Some(id) => open(state, id),
        None if !state.screen.card => show_card(state),
        None => Vec::new(),
    }
}

/// A click on an entry of the card's list opens it.
pub(super) fn click(state: &mut State, column: u16, row: u16) -> Vec<Effect> {
    match state.earlier_at(column, row) {
        Some(id) => {
            state.earlier_pick = Some(id);
            open(state, id)
        }
        None => Vec::new(),
    }
}

/// Shows earlier chat `id` (one the card lists) in the focused pane.
fn open(state: &mut State, id: i64) -> Vec<Effect> {
    if state
        .chats
        .get(&id)
        .is_some_and(|c| c.chat.status.is_open())
    {
        return open_live(state, id);
    }
    if let Some(i) = state.pane_of_earlier(id) {
        return retarget(state, |s| s.pane = i);
    }
    let (Some(summary), Some(view)) = (
        state
            .earlier_listed()
            .into_iter()
            .find(|c| c.chat.id == id)
            .cloned(),
        state.focused_view(),
    ) else {
        return Vec::new();
    };
    let chat = ChatState::new(summary.chat, view.visitor.clone(), Vec::new());
    let mut view = ChatView::new(chat, state.my_id(), state.strings);
    view.more_before = true;
    let mut effects = retarget(state, |s| {
        s.archive.insert(id, view);
        s.panes[s.pane] = Pane::read_only(id);
    });
    effects.extend(request_page(state, id));
    effects
}
