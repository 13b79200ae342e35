//! Pane actions: split, close, cycle the layout, move the focus, swap the selected chat in,
//! and the mouse (a click focuses the pane under it, the wheel scrolls the pane under it).
//!
//! Whatever changes which chat the focused pane shows goes through [`retarget`], so the one
//! compose box, its per-chat drafts, the typing signal and the visitor card follow the focus,
//! the search prompt closes, and earlier chats no pane shows any more are let go.

use super::{actions, clamp_scroll, compose, earlier, rewrap_open, search};
use crate::app::geometry::Layout;
use crate::app::state::Pane;
use crate::app::{Action, Effect, Focus, State};

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

/// The operator picked a pane: the keys go where the focus is now shown. A pane with a chat
/// takes them into its reply box (and the list's selection follows its chat, so Enter in the
/// list never means another chat than the one shown focused); an empty pane leaves them in
/// the list, where Enter opens the selected chat into it.
pub(super) fn keys_to_pane(state: &mut State) {
    let pane = state.panes.get(state.pane).copied().unwrap_or_default();
    if pane.chat.is_none() && pane.earlier.is_none() {
        state.focus = Focus::List;
        return;
    }
    state.focus = Focus::Compose;
    if let Some(id) = pane.chat {
        state.selected = Some(id);
    }
}

/// Runs `change`, then moves the compose box (drafts, typing signal) and the card to the chat
/// the focused pane shows afterwards; re-wraps and clamps every pane.
pub(super) fn retarget(state: &mut State, change: impl FnOnce(&mut State)) -> Vec<Effect> {
    let before = state.open_id();
    let view_before = state.panes.get(state.pane).map(|p| (p.chat, p.earlier));
    change(state);
    state.pane = state.pane.min(state.panes.len().saturating_sub(1));
    let after = state.open_id();
    if view_before != state.panes.get(state.pane).map(|p| (p.chat, p.earlier)) {
        search::close_prompt(state);
    }
    let shown: Vec<i64> = state.panes.iter().filter_map(|p| p.earlier).collect();
    state.archive.retain(|id, _| shown.contains(id));
    let mut effects = Vec::new();
    if before != after {
        effects = compose::stopped(state);
        compose::switch_drafts(state, before, after);
        effects.extend(actions::earlier_chats(state));
    }
    for id in state.panes.clone().iter().filter_map(|p| p.chat) {
        if let Some(chat) = state.chats.get_mut(&id) {
            chat.unread = 0;
        }
    }
    rewrap_open(state);
    clamp_scroll(state);
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

/// Scrolls pane `i` by `lines` (positive: back in time), within its chat; at the top, asks
/// for the next older page.
pub(super) fn scroll(state: &mut State, i: usize, lines: i32) -> Vec<Effect> {
    let Some(pane) = state.panes.get_mut(i) else {
        return Vec::new();
    };
    let by = usize::try_from(lines.unsigned_abs()).unwrap_or(usize::MAX);
    pane.scroll = if lines >= 0 {
        pane.scroll.saturating_add(by)
    } else {
        pane.scroll.saturating_sub(by)
    };
    clamp_scroll(state);
    reached_bottom(state, i);
    earlier::scrolled(state, i)
}

/// Back at the newest line: nothing is "below" any more.
pub(super) fn reached_bottom(state: &mut State, i: usize) {
    if let Some(pane) = state.panes.get_mut(i).filter(|p| p.scroll == 0) {
        pane.new_below = 0;
    }
}

/// Straight to the newest line of the focused pane.
pub(super) fn jump_to_bottom(state: &mut State) {
    if let Some(pane) = state.panes.get_mut(state.pane) {
        pane.scroll = 0;
        pane.new_below = 0;
    }
}
