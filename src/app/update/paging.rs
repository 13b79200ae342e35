//! Scrolling a pane, and the pages of older messages it asks for when scrolled to the top of
//! what is loaded (a live chat from the snapshot and an earlier chat alike).

use frontdesk_protocol::OperatorIn;

use crate::app::state::PendingCommand;
use crate::app::{Effect, State};

use super::shared::{clamp_scroll, new_command_id, reached_bottom};

/// Messages asked for per page.
const PAGE: u32 = 50;

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
    scrolled(state, i)
}

/// Asks for the page before the oldest message held of chat `chat_id` (the earlier chat of
/// that id if one is open read-only), unless one is on its way or the server said there is
/// none.
pub(super) fn request_page(state: &mut State, chat_id: i64) -> Vec<Effect> {
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
    let id = new_command_id();
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
