//! Scrolling a pane, and the pages of older messages it asks for when scrolled to the top of
//! what is loaded (a live chat from the snapshot and an earlier chat alike).

use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut};

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

/// Chats newly offered to me (not in `before`): their history is asked for at once, whatever
/// the console holds of them (a colleague's chat reaches a plain operator without its
/// messages), so the one who receives a chat reads it all before accepting; older pages
/// follow as the pane is scrolled up.
pub(super) fn read_offered(state: &mut State, before: &[i64]) -> Vec<Effect> {
    let mut offered: Vec<i64> = state
        .offers
        .keys()
        .copied()
        .filter(|id| !before.contains(id) && state.offered_to_me(*id).is_some())
        .collect();
    offered.sort_unstable();
    let mut effects = Vec::new();
    for chat_id in offered {
        if let Some(view) = state.chats.get_mut(&chat_id) {
            view.more_before = true;
        }
        effects.extend(request_page(state, chat_id));
    }
    effects
}

/// The chat a frame puts back in the queue (a department's, or its own when its operator
/// went offline), if it does.
pub(super) fn requeued(frame: &OperatorOut) -> Option<i64> {
    match frame {
        OperatorOut::Event {
            event: EventBody::ChatRequeued { chat_id, .. } | EventBody::ChatReleased { chat_id, .. },
            ..
        } => Some(*chat_id),
        _ => None,
    }
}

/// A chat back in the queue is anyone's to read, but its messages from while a colleague
/// had it never reached this console: ask for them, as for an offered chat.
pub(super) fn read_requeued(state: &mut State, chat_id: i64) -> Vec<Effect> {
    match state.chats.get_mut(&chat_id) {
        Some(view) => view.more_before = true,
        None => return Vec::new(),
    }
    request_page(state, chat_id)
}

/// After pane `i` scrolled: at the top of its chat, ask for the next older page.
pub(super) fn scrolled(state: &mut State, i: usize) -> Vec<Effect> {
    let Some(pane) = state.panes.get(i).copied() else {
        return Vec::new();
    };
    if let Some(room) = pane.team {
        let total = state.pane_view(i).map_or(0, |v| v.total_rows());
        if pane.scroll + state.pane_height(i) < total {
            return Vec::new();
        }
        return super::team::request_page(state, room);
    }
    let Some((id, total)) = state.pane_view(i).map(|v| (v.chat.id, v.total_rows())) else {
        return Vec::new();
    };
    if pane.scroll + state.pane_height(i) < total {
        return Vec::new();
    }
    request_page(state, id)
}
