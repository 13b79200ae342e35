//! Pane actions: split, close, cycle the layout, move the focus, swap the selected chat in,
//! and the mouse (a click focuses the pane under it, the wheel scrolls the pane under it).
//! Each goes through `retarget`, which moves the reply box and the card with the focus.

use super::paging::scroll;
use super::retarget::{keys_to_pane, retarget};
use crate::app::geometry::Layout;
use crate::app::state::Pane;
use crate::app::{Action, Effect, State};

pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    let n = state.panes.len();
    let wheel = matches!(action, Action::WheelAt { .. });
    let effects = match action {
        Action::SplitVertical => split(state, false),
        Action::SplitHorizontal => split(state, true),
        Action::ClosePane => close(state),
        Action::CycleLayout => cycle(state),
        Action::FocusNextPane => focus(state, (state.pane + 1) % n),
        Action::FocusPrevPane => focus(state, (state.pane + n - 1) % n),
        Action::FocusPane(k) => match usize::from(k).checked_sub(1) {
            Some(i) if i < n => focus(state, i),
            _ => Vec::new(),
        },
        Action::SwapPane => swap(state),
        Action::WheelAt { column, row, lines } => {
            let i = state.pane_at(column, row).unwrap_or(state.pane);
            scroll(state, i, lines)
        }
        _ => Vec::new(),
    };
    // The wheel scrolls whatever is under the pointer without moving the focus.
    if !wheel {
        keys_to_pane(state);
    }
    effects
}

/// The list's selected chat, unless a pane already shows it.
fn selected_unshown(state: &State) -> Option<i64> {
    state.selected.filter(|id| !state.shows(*id))
}

fn split(state: &mut State, stacked: bool) -> Vec<Effect> {
    let n = state.panes.len();
    if n >= Layout::MAX {
        return Vec::new();
    }
    let chat = selected_unshown(state);
    retarget(state, |s| {
        s.panes.push(Pane::new(chat));
        s.layout = Layout::for_count(n + 1, stacked);
        s.pane = n;
    })
}

fn close(state: &mut State) -> Vec<Effect> {
    retarget(state, |s| {
        if s.panes.len() == 1 {
            s.panes[0] = Pane::default();
            return;
        }
        s.panes.remove(s.pane);
        s.pane = s.pane.min(s.panes.len() - 1);
        s.layout = Layout::for_count(s.panes.len(), false);
    })
}

fn cycle(state: &mut State) -> Vec<Effect> {
    let layout = state.layout.next();
    let chat = selected_unshown(state);
    retarget(state, |s| {
        s.layout = layout;
        while s.panes.len() < layout.count() {
            let fresh = if s.panes.len() + 1 == layout.count() {
                chat
            } else {
                None
            };
            s.panes.push(Pane::new(fresh));
        }
        // Shrinking keeps the focused pane.
        while s.panes.len() > layout.count() {
            let drop = (0..s.panes.len()).rev().find(|&i| i != s.pane).unwrap_or(0);
            s.panes.remove(drop);
            if drop < s.pane {
                s.pane -= 1;
            }
        }
    })
}

fn focus(state: &mut State, i: usize) -> Vec<Effect> {
    retarget(state, |s| s.pane = i)
}

/// Shows the list's selected chat in the focused pane; if another pane shows it, the two
/// panes trade chats.
fn swap(state: &mut State) -> Vec<Effect> {
    let Some(id) = state.selected else {
        return Vec::new();
    };
    retarget(state, |s| {
        let here = s.pane;
        if let Some(there) = s.pane_of(id) {
            s.panes[there] = Pane::new(s.panes[here].chat);
        }
        s.panes[here] = Pane::new(Some(id));
    })
}

/// Straight to the newest line of the focused pane.
pub(super) fn jump_to_bottom(state: &mut State) {
    if let Some(pane) = state.panes.get_mut(state.pane) {
        pane.scroll = 0;
        pane.new_below = 0;
    }
}
