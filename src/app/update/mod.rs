//! `update(&mut State, Event) -> Vec<Effect>`: the only place state changes.

mod actions;
mod compose;
mod frames;
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

/// Keeps the open chat wrapped to the current dialog width.
pub(super) fn rewrap_open(state: &mut State) {
    let width = state.dialog_width();
    if let Some(chat) = state.open.and_then(|id| state.chats.get_mut(&id)) {
        chat.ensure_wrapped(width);
    }
}

pub(super) fn clamp_scroll(state: &mut State) {
    let total = state.open_chat().map_or(0, |c| c.total_rows);
    let max = total.saturating_sub(state.dialog_height());
    state.dialog_scroll = state.dialog_scroll.min(max);
}
