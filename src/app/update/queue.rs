//! The queue view: opened and closed by `toggle_queue`, a cursor over its chats while open,
//! and Enter opening the chat under it in the focused pane (within the reader's rights).

use super::retarget::{keys_to_pane, open};
use crate::app::queue::{chat_rows, cursor_index};
use crate::app::{Action, Effect, State};

/// Applies `action` if the queue view takes it: `toggle_queue` always, the cursor keys and
/// Enter while it is open. `None`: the action is not the view's.
pub(super) fn apply(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::ToggleQueue => {
            state.queue.open = !state.queue.open;
            // Opening starts at the longest wait.
            state.queue.cursor = chat_rows(state).first().map(|r| r.chat_id);
            Some(Vec::new())
        }
        _ if !state.queue.open => None,
        Action::SelectNext => Some(step(state, 1)),
        Action::SelectPrev => Some(step(state, -1)),
        Action::SelectFirst => Some(step(state, isize::MIN)),
        Action::SelectLast => Some(step(state, isize::MAX)),
        Action::OpenSelected => Some(open_under_cursor(state)),
        // The mouse does not reach the list and panes hidden beneath the view.
        Action::ClickAt { .. } | Action::WheelAt { .. } => Some(Vec::new()),
        _ => None,
    }
}

/// Moves the cursor by `delta` rows, within the rows.
fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    let rows = chat_rows(state);
    if let Some(at) = cursor_index(state, &rows) {
        let to = at.saturating_add_signed(delta).min(rows.len() - 1);
        state.queue.cursor = Some(rows[to].chat_id);
    }
    Vec::new()
}

/// Closes the view and shows the chat under the cursor in the focused pane, if the reader
/// may open it; nothing is accepted (the list's Enter or `a` takes a waiting chat).
fn open_under_cursor(state: &mut State) -> Vec<Effect> {
    let rows = chat_rows(state);
    let Some(row) = cursor_index(state, &rows).map(|i| &rows[i]) else {
        return Vec::new();
    };
    if !row.openable {
        state.notice = Some(state.strings.queue.not_yours.to_owned());
        return Vec::new();
    }
    let id = row.chat_id;
    state.queue.open = false;
    state.selected = Some(id);
    let effects = open(state, id);
    keys_to_pane(state);
    effects
}
