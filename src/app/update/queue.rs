//! The queue view: opened and closed by `toggle_queue`, a cursor over its chats while open,
//! and Enter opening the chat under it in the focused pane (within the reader's rights).
//! While it is open the list's keys drive it (moving, Enter, Esc closes), so a rebound or
//! preset list key works here too; the list's other keys do nothing beneath it.

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::Metrics;

use super::retarget::{keys_to_pane, open};
use super::shared::refresh_due;
use crate::app::queue::{chat_rows, cursor_index};
use crate::app::state::Today;
use crate::app::{Action, Effect, State};

/// How often today's totals are asked for again while the view is open.
pub(super) const TODAY_EVERY_MS: Millis = 30_000;

/// Applies `action` if the queue view takes it: `toggle_queue` always, the list's keys while
/// it is open. `None`: the action is not the view's.
pub(super) fn apply(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::ToggleQueue => {
            state.queue.open = !state.queue.open;
            // Opening starts at the longest wait.
            state.queue.cursor = chat_rows(state).first().map(|r| r.chat_id);
            Some(if state.queue.open {
                ask_today(state)
            } else {
                Vec::new()
            })
        }
        _ if !state.queue.open => None,
        Action::SelectNext => Some(step(state, 1)),
        Action::SelectPrev => Some(step(state, -1)),
        Action::SelectFirst => Some(step(state, isize::MIN)),
        Action::SelectLast => Some(step(state, isize::MAX)),
        Action::OpenSelected => Some(open_under_cursor(state)),
        Action::FocusList => {
            state.queue.open = false;
            Some(Vec::new())
        }
        // The list's other keys, typing and the mouse do not reach what the view hides.
        Action::AcceptSelected
        | Action::JumpToBottom
        | Action::ToggleCard
        | Action::SearchDialog
        | Action::ComposeInput(_)
        | Action::Paste(_)
        | Action::ClickAt { .. }
        | Action::WheelAt { .. } => Some(Vec::new()),
        _ => None,
    }
}

/// While the view is open, today's totals are asked for again every `TODAY_EVERY_MS`.
pub(super) fn tick(state: &mut State) -> Vec<Effect> {
    let queue = &state.queue;
    if refresh_due(queue.open, queue.today_asked, state.now, TODAY_EVERY_MS) {
        ask_today(state)
    } else {
        Vec::new()
    }
}

/// Asks for the totals since the start of the operator's day, in their time zone.
fn ask_today(state: &mut State) -> Vec<Effect> {
    state.queue.today_asked = Some(state.now);
    let since = jiff::Timestamp::from_millisecond(state.now)
        .ok()
        .and_then(|t| t.to_zoned(state.tz.clone()).start_of_day().ok())
        .map_or(state.now, |day| day.timestamp().as_millisecond());
    let tz = state.tz.iana_name().unwrap_or("UTC").to_owned();
    vec![Effect::FetchToday { since, tz }]
}

/// The server's answer: the totals to show, or none (an old server, no rights, no link), so
/// the view leaves the row out rather than show numbers it does not have.
pub(super) fn today(state: &mut State, answer: Result<Box<Metrics>, String>) {
    state.queue.today = answer.ok().map(|m| Today {
        chats: m.chats_started,
        answered: m.chats_answered,
        missed: m.chats_missed,
        left_waiting: m.chats_left_waiting,
        median_first_response_ms: m.first_response_median_ms,
    });
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
