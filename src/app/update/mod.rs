//! `update(&mut State, Event) -> Vec<Effect>`: the only place state changes.

mod actions;
mod compose;
mod frames;
mod panes;
#[cfg(test)]
mod tests;

use super::{Effect, Event, State};

/// Applies one event. Pure apart from minting command ids: no I/O, no awaiting.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Action(action) => actions::apply(state, action),
        Event::Frame(frame) => {
            frames::apply(state, *frame);
            Vec::new()
        }
        Event::Connection(connection) => {
            state.connection = connection;
            Vec::new()
        }
        Event::Tick { now } => {
            state.now = now;
            Vec::new()
        }
        Event::Resize { width, height } => {
            state.width = width;
            state.height = height;
            rewrap_open(state);
            clamp_scroll(state);
            Vec::new()
        }
    }
}

/// Keeps every shown chat wrapped to its pane's width (a chat is in at most one pane).
pub(super) fn rewrap_open(state: &mut State) {
    for i in 0..state.panes.len() {
        let width = state.pane_width(i);
        if let Some(chat) = state.panes[i].chat.and_then(|id| state.chats.get_mut(&id)) {
            chat.ensure_wrapped(width);
        }
    }
}

/// Keeps every pane's scroll within its chat.
pub(super) fn clamp_scroll(state: &mut State) {
    for i in 0..state.panes.len() {
        let total = state.panes[i]
            .chat
            .and_then(|id| state.chats.get(&id))
            .map_or(0, |c| c.total_rows);
        let max = total.saturating_sub(state.pane_height(i));
        state.panes[i].scroll = state.panes[i].scroll.min(max);
    }
}
