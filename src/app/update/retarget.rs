//! Changing what the focused pane shows, and where the keys go after. Whatever changes the
//! focused pane's chat goes through [`retarget`], so the one reply box, its per-chat drafts,
//! the typing signal and the visitor card follow the focus, the search prompt closes, and
//! earlier chats no pane shows any more are let go.

use frontdesk_protocol::OperatorIn;

use crate::app::state::Pane;
use crate::app::{Effect, Focus, State};

use super::compose;
use super::shared::{clamp_scroll, close_prompt, earlier_chats, fresh_compose, rewrap_open};

/// The operator picked a pane: the keys go where the focus is now shown. A pane with a chat
/// takes them into its reply box (and the list's selection follows its chat, so Enter in the
/// list never means another chat than the one shown focused); an empty pane leaves them in
/// the list, where Enter opens the selected chat into it.
pub(super) fn keys_to_pane(state: &mut State) {
    let pane = state.panes.get(state.pane).copied().unwrap_or_default();
    if pane.chat.is_none() && pane.earlier.is_none() && pane.team.is_none() {
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
    let room_before = state.pane_room(state.pane);
    let view_before = state
        .panes
        .get(state.pane)
        .map(|p| (p.chat, p.earlier, p.team));
    change(state);
    state.pane = state.pane.min(state.panes.len().saturating_sub(1));
    let after = state.open_id();
    let room_after = state.pane_room(state.pane);
    if view_before
        != state
            .panes
            .get(state.pane)
            .map(|p| (p.chat, p.earlier, p.team))
    {
        close_prompt(state);
    }
    // A team conversation's draft stays with it, never carried into a visitor's chat.
    if room_before != room_after
        && let Some(room) = room_before
    {
        let text = state.compose.lines().join("\n");
        if text.trim().is_empty() {
            state.team.drafts.remove(&room);
        } else {
            state.team.drafts.insert(room, text);
        }
        state.compose = fresh_compose(state);
    }
    let shown: Vec<i64> = state.panes.iter().filter_map(|p| p.earlier).collect();
    state.archive.retain(|id, _| shown.contains(id));
    let mut effects = Vec::new();
    if before != after {
        effects = compose::stopped(state);
        compose::switch_drafts(state, before, after);
        effects.extend(earlier_chats(state));
        // Colleagues see which chat we look at, so two never answer one visitor.
        effects.push(Effect::Send(OperatorIn::Viewing { chat_id: after }));
    }
    if room_before != room_after
        && let Some(text) = room_after.and_then(|room| state.team.drafts.remove(&room))
    {
        state.compose = super::shared::compose_holding(state, text);
    }
    for pane in state.panes.clone() {
        let view = match (pane.chat, pane.team) {
            (Some(id), _) => state.chats.get_mut(&id),
            (None, Some(room)) => state.team.rooms.get_mut(&room),
            (None, None) => None,
        };
        if let Some(view) = view {
            view.unread = 0;
        }
    }
    rewrap_open(state);
    clamp_scroll(state);
    effects
}

/// Shows chat `id` in the focused pane, or focuses the pane that already shows it.
pub(super) fn open(state: &mut State, id: i64) -> Vec<Effect> {
    let before = state.open_id();
    let mut effects = retarget(state, |s| match s.pane_of(id) {
        Some(i) => s.pane = i,
        None => s.panes[s.pane] = Pane::new(Some(id)),
    });
    if before == state.open_id() {
        effects.extend(earlier_chats(state));
    }
    effects
}
