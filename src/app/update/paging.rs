//! Scrolling a pane, and the pages of older messages it asks for when scrolled to the top of
//! what is loaded (a live chat from the snapshot and an earlier chat alike); the newest page of
//! a chat a colleague had, merged in by time, and the pages that close the gap below it.

use frontdesk_protocol::{EventBody, Message, OperatorIn, OperatorOut};

use crate::app::state::{NewEntry, PendingCommand};
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
    if !view.more_before {
        return Vec::new();
    }
    let before = view.messages.iter().find_map(|e| e.id());
    ask_history(state, chat_id, before)
}

/// Asks for the newest page of live chat `chat_id`: messages written while it was a
/// colleague's never reached this console, and they are newer than what it holds. The answer
/// is merged in by time, and pages before it follow until it meets what is held
/// ([`history_arrived`]).
pub(super) fn request_newest(state: &mut State, chat_id: i64) -> Vec<Effect> {
    if !state.chats.contains_key(&chat_id) {
        return Vec::new();
    }
    ask_history(state, chat_id, None)
}

/// Sends `history` for `chat_id` (messages before `before`, or the newest), unless that page
/// is on its way already.
pub(super) fn ask_history(state: &mut State, chat_id: i64, before: Option<i64>) -> Vec<Effect> {
    let page = PendingCommand::History { chat_id, before };
    if state.pending.values().any(|p| *p == page) {
        return Vec::new();
    }
    let id = new_command_id();
    state.pending.insert(id.clone(), page);
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
        effects.extend(request_newest(state, chat_id));
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

/// A page of messages, for a live chat or an earlier one open read-only: older than all held
/// (scrolled to the top) goes before them; one reaching past the oldest held (the newest page,
/// asked for a chat a colleague had) is merged in by time, and while it did not meet what was
/// held before it, the page before it is asked for too ([`request_newest`]).
pub(super) fn history_arrived(
    state: &mut State,
    chat_id: i64,
    messages: &[Message],
    more: bool,
) -> Vec<Effect> {
    let my_id = state.my_id();
    let units = state.strings.numbers;
    // An earlier chat open read-only asked for it, even if the list has the chat too.
    let chat = if state.archive.contains_key(&chat_id) {
        state.archive.get_mut(&chat_id)
    } else {
        state.chats.get_mut(&chat_id)
    };
    let Some(chat) = chat else {
        return Vec::new();
    };
    let held: std::collections::HashSet<i64> =
        chat.messages.iter().filter_map(|e| e.id()).collect();
    let mut missed: Vec<NewEntry> = messages
        .iter()
        .filter(|m| !held.contains(&m.id))
        .map(|m| NewEntry::from_message(m, my_id, &chat.label, units))
        .collect();
    missed.sort_by_key(|e| e.id);
    let oldest_held = chat.messages.iter().find_map(|e| e.id());
    let page_oldest = messages.iter().map(|m| m.id).min();
    match (oldest_held, page_oldest) {
        (Some(oldest), Some(first)) if missed.iter().any(|e| e.id > Some(oldest)) => {
            chat.merge(missed);
            // The page met a message held before it (or the chat's start): no gap is left.
            let met = messages.iter().any(|m| held.contains(&m.id));
            if more && !met && first > oldest {
                return ask_history(state, chat_id, Some(first));
            }
        }
        _ => {
            chat.more_before = more;
            chat.prepend(missed);
        }
    }
    Vec::new()
}
