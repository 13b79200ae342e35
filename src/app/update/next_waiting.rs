//! One key to the chat that waits longest for the operator's answer (irssi's Alt-A for a
//! chat desk): the operator's own chats whose visitor's words have no answer yet, oldest wait
//! first, pressed again the next one, round. Nothing is taken by it: with none of theirs
//! waiting, the queue view's longest wait is only selected in the list, where Enter takes it.

use super::retarget::{keys_to_pane, open};
use crate::app::{Effect, Focus, State};

pub(super) fn apply(state: &mut State) -> Vec<Effect> {
    let mine = mine_waiting(state);
    if !mine.is_empty() {
        // After the chat shown now when it is one of them; else the oldest wait.
        let now = state.open_id();
        let at = now
            .and_then(|id| mine.iter().position(|&c| c == id))
            .map_or(0, |i| (i + 1) % mine.len());
        let id = mine[at];
        let effects = open(state, id);
        keys_to_pane(state);
        return effects;
    }
    let words = state.strings.reply;
    match oldest_in_queue(state) {
        Some(id) => {
            state.selected = Some(id);
            state.focus = Focus::List;
            state.notice = Some(words.jump_queue.to_owned());
        }
        None => state.notice = Some(words.jump_nothing.to_owned()),
    }
    Vec::new()
}

/// The operator's active chats whose visitor waits for an answer, the longest wait first.
fn mine_waiting(state: &State) -> Vec<i64> {
    let Some(me) = state.my_id() else {
        return Vec::new();
    };
    let mut waiting: Vec<(i64, i64)> = state
        .chats
        .values()
        .filter(|c| c.chat.operator_id == Some(me) && c.chat.status.is_open())
        .filter_map(|c| c.live_wait_since().map(|since| (since, c.chat.id)))
        .collect();
    waiting.sort_unstable();
    waiting.into_iter().map(|(_, id)| id).collect()
}

/// The chat nobody has taken that has waited longest, as the queue view (F7) ranks them:
/// within the operator's departments, messages left offline aside.
fn oldest_in_queue(state: &State) -> Option<i64> {
    crate::app::queue::chat_rows(state)
        .into_iter()
        .find(|row| row.operator.is_none() && row.openable)
        .map(|row| row.chat_id)
}
