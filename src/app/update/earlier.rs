//! The visitor's earlier conversations: picking one in the card (keys or a click), opening it
//! read-only in the focused pane, and loading its messages with `history` page by page: the
//! newest page on open, the next older one when the pane is scrolled to its top. A live chat
//! scrolled to its top gets older pages the same way (a snapshot carries only its latest).
//!
//! An earlier chat that is still open (waiting or active) is a live chat: it opens as one.

use frontdesk_protocol::{ChatState, OperatorIn};

use super::{actions, panes};
use crate::app::state::{ChatView, Pane, PendingCommand};
use crate::app::{Action, Effect, State};

/// Messages asked for per page.
pub(super) const PAGE: u32 = 50;

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
    if !state.card {
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
    state.card = true;
    super::rewrap_open(state);
    super::clamp_scroll(state);
    actions::earlier_chats(state)
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
        None if !state.card => show_card(state),
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
        return actions::open(state, id);
    }
    if let Some(i) = state.pane_of_earlier(id) {
        return panes::retarget(state, |s| s.pane = i);
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
    let chat = ChatState {
        chat: summary.chat,
        visitor: view.visitor.clone(),
        messages: Vec::new(),
    };
    let mut view = ChatView::new(chat, state.my_id(), state.strings.visitor);
    view.more_before = true;
    let mut effects = panes::retarget(state, |s| {
        s.archive.insert(id, view);
        s.panes[s.pane] = Pane::read_only(id);
    });
    effects.extend(request_page(state, id));
    effects
}

/// Asks for the page before the oldest message held of chat `chat_id` (the earlier chat of
/// that id if one is open read-only), unless one is on its way or the server said there is
/// none.
fn request_page(state: &mut State, chat_id: i64) -> Vec<Effect> {
    let Some(view) = state
        .archive
        .get(&chat_id)
        .or_else(|| state.chats.get(&chat_id))
    else {
        return Vec::new();
    };
    let asked = state
        .pending
        .values()
        .any(|p| *p == PendingCommand::History { chat_id });
    if !view.more_before || asked {
        return Vec::new();
    }
    let before = view.messages.first().and_then(|e| e.id());
    let id = actions::new_command_id();
    state
        .pending
        .insert(id.clone(), PendingCommand::History { chat_id });
    vec![Effect::Send(OperatorIn::History {
        id,
        chat_id,
        before,
        limit: PAGE,
    })]
}

/// After pane `i` scrolled: at the top of its chat, ask for the next older page.
pub(super) fn scrolled(state: &mut State, i: usize) -> Vec<Effect> {
    let Some(pane) = state.panes.get(i).copied() else {
        return Vec::new();
    };
    let Some((id, total)) = state.pane_view(i).map(|v| (v.chat.id, v.total_rows())) else {
        return Vec::new();
    };
    if pane.scroll + state.pane_height(i) < total {
        return Vec::new();
    }
    request_page(state, id)
}
