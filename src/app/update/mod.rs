//! `update(&mut State, Event) -> Vec<Effect>`: the only place state changes.

mod actions;
mod canned;
mod compose;
mod confirm;
mod earlier;
mod frames;
mod help;
mod panes;
mod search;
#[cfg(test)]
mod tests;

use super::{Effect, Event, State};
use crate::notify;

/// Applies one event. Pure apart from minting command ids: no I/O, no awaiting.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Action(action) => actions::apply(state, action),
        Event::Frame(frame) => {
            let signal = notify::Signal::from_frame(&frame);
            frames::apply(state, *frame);
            signal.map_or_else(Vec::new, |s| alerts(notify::decide::on_signal(state, s)))
        }
        Event::Connection(connection) => {
            state.failures.note(&connection);
            state.connection = connection;
            Vec::new()
        }
        Event::Tick { now } => {
            state.now = now;
            let mut effects = alerts(notify::decide::on_tick(state));
            effects.extend(compose::keep_drafts(state));
            effects
        }
        Event::TerminalFocus(focused) => {
            state.alerts.terminal_focused = Some(focused);
            Vec::new()
        }
        Event::DesktopUnavailable => {
            // Shown in the status bar where there is room (after the banner: the demo's shop
            // address matters more); the bell, title and OSC channels carry on.
            state.desktop_unavailable = true;
            Vec::new()
        }
        Event::Resize { width, height } => {
            state.width = width;
            state.height = height;
            rewrap_open(state);
            clamp_scroll(state);
            Vec::new()
        }
        Event::EditorDone { chat_id, result } => compose::editor_done(state, chat_id, result),
        Event::CannedLibrary(loaded) => {
            canned::library(state, *loaded);
            Vec::new()
        }
    }
}

fn alerts(notices: Vec<notify::Notice>) -> Vec<Effect> {
    notices.into_iter().map(Effect::Notify).collect()
}

/// Keeps every shown chat wrapped to its pane's width (a chat is in at most one pane), and
/// drops the rows of a chat no longer shown: only the chats in panes hold wrapped rows.
pub(super) fn rewrap_open(state: &mut State) {
    let now = state.panes.iter().map(|p| (p.chat, p.earlier));
    if !state.wrapped.iter().copied().eq(now) {
        drop_hidden_rows(state);
    }
    for i in 0..state.panes.len() {
        let width = state.pane_width(i);
        if let Some(chat) = state.pane_view_mut(i) {
            chat.ensure_wrapped(width);
        }
    }
}

/// The panes changed: chats no longer shown forget their rows.
fn drop_hidden_rows(state: &mut State) {
    let shown: Vec<_> = state.panes.iter().map(|p| (p.chat, p.earlier)).collect();
    for gone in std::mem::take(&mut state.wrapped) {
        let view = match gone {
            (Some(id), _) if !shown.iter().any(|s| s.0 == Some(id)) => state.chats.get_mut(&id),
            (None, Some(id)) if !shown.iter().any(|s| s.0.is_none() && s.1 == Some(id)) => {
                state.archive.get_mut(&id)
            }
            _ => None,
        };
        if let Some(view) = view {
            view.unwrap_rows();
        }
    }
    state.wrapped = shown;
}

/// Keeps every pane's scroll within its chat.
pub(super) fn clamp_scroll(state: &mut State) {
    for i in 0..state.panes.len() {
        let total = state.pane_view(i).map_or(0, |c| c.total_rows());
        let max = total.saturating_sub(state.pane_height(i));
        state.panes[i].scroll = state.panes[i].scroll.min(max);
    }
}
