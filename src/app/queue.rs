//! The queue view's rows, derived from the state on demand (drawing and `update` agree on
//! them): chats waiting for a first answer longest wait first, then the operators with their
//! status and load, each within the reader's rights.

use frontdesk_protocol::{ChatStatus, Millis, OperatorRole, OperatorStatus};

use super::State;
use super::state::{ChatView, Targets};
use crate::sanitize::{Mode, sanitize};

/// How a wait stands against the first response target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Calm,
    /// From `warn_after_ms` waited.
    Warning,
    /// From `breach_after_ms` waited: the target is missed.
    Breach,
}

/// The urgency of a wait of `waited` milliseconds.
pub fn urgency(waited: Millis, targets: Targets) -> Urgency {
    if waited >= targets.breach_after_ms {
        Urgency::Breach
    } else if waited >= targets.warn_after_ms {
        Urgency::Warning
    } else {
        Urgency::Calm
    }
}

/// Milliseconds left to the target; negative once past it (the countdown counts on).
pub fn left_ms(waited: Millis, targets: Targets) -> Millis {
    targets.breach_after_ms - waited
}

/// One visitor waiting for a word from an operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRow {
    pub chat_id: i64,
    /// The sanitized visitor label the chat list shows.
    pub label: String,
    /// The department's title, sanitized; `None`: the common queue.
    pub department: Option<String>,
    /// The operator whose answer the visitor waits for (`None`: nobody has taken the chat).
    pub operator: Option<String>,
    pub waited: Millis,
    /// The visitor has left the site (the server says): still waiting, less likely to read.
    pub gone: bool,
    /// Enter may open it: supervisors open any, operators waiting chats and their own.
    pub openable: bool,
}

/// One operator as the queue view lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub id: i64,
    pub name: String,
    pub status: OperatorStatus,
    /// How long they have been in `status`; `None` when the server did not say since when.
    pub in_status: Option<Millis>,
    pub active: usize,
    /// `[routing] max_chats` on the server; `None`: no cap.
    pub cap: Option<u32>,
}

/// Whether the reader sees the chats of department `key` (`None`: the common queue, seen by
/// all). Supervisors see every department; an operator their own, and one the server no
/// longer names.
pub fn sees_department(state: &State, key: Option<&str>) -> bool {
    let Some(key) = key else { return true };
    if state.is_supervisor() {
        return true;
    }
    state
        .departments
        .iter()
        .find(|d| d.key == key)
        .is_none_or(|d| state.my_id().is_some_and(|me| d.operator_ids.contains(&me)))
}

/// How long the visitor of `chat` has waited for a first word, if they wait at all
/// ([`ChatView::live_wait_since`]).
fn waited(chat: &ChatView, now: Millis) -> Option<Millis> {
    Some((now - chat.live_wait_since()?).max(0))
}

/// The chats of the view, longest wait first (ties: the older chat first).
pub fn chat_rows(state: &State) -> Vec<ChatRow> {
    let supervisor = state.is_supervisor();
    let me = state.my_id();
    let mut rows: Vec<ChatRow> = state
        .chats
        .values()
        .filter(|c| sees_department(state, c.chat.department.as_deref()))
        .filter_map(|c| {
            let waited = waited(c, state.now)?;
            let waiting = c.chat.status == ChatStatus::Waiting;
            Some(ChatRow {
                chat_id: c.chat.id,
                label: c.label.clone(),
                department: c
                    .chat
                    .department
                    .as_deref()
                    .map(|key| sanitize(state.department_title(key), Mode::NAME).into_owned()),
                operator: c.chat.operator_id.map(|id| state.operator_label(id)),
                waited,
                gone: c.visitor_gone(),
                openable: supervisor || waiting || c.chat.operator_id == me,
            })
        })
        .collect();
    rows.sort_by_key(|r| (std::cmp::Reverse(r.waited), r.chat_id));
    rows
}

/// Whether the reader sees operator `id` in the view: supervisors see everyone; an operator
/// sees themselves and whoever shares a department with them (everyone when the server has
/// no departments).
fn sees_operator(state: &State, id: i64) -> bool {
    let Some(me) = state.my_id() else {
        return false;
    };
    state.is_supervisor()
        || id == me
        || state.departments.is_empty()
        || state
            .departments
            .iter()
            .any(|d| d.operator_ids.contains(&me) && d.operator_ids.contains(&id))
}

/// The operators of the view: online first, then away, then offline; by name within each.
pub fn operator_rows(state: &State) -> Vec<OperatorRow> {
    let mut rows: Vec<OperatorRow> = state
        .operators
        .values()
        .filter(|o| sees_operator(state, o.id))
        .map(|o| OperatorRow {
            id: o.id,
            name: sanitize(&o.display_name, Mode::NAME).into_owned(),
            status: o.status,
            in_status: o.status_since.map(|since| (state.now - since).max(0)),
            active: state
                .chats
                .values()
                .filter(|c| c.chat.status == ChatStatus::Active && c.chat.operator_id == Some(o.id))
                .count(),
            cap: state.max_chats,
        })
        .collect();
    rows.sort_by(|a, b| {
        (status_rank(a.status), &a.name, a.id).cmp(&(status_rank(b.status), &b.name, b.id))
    });
    rows
}

fn status_rank(status: OperatorStatus) -> u8 {
    match status {
        OperatorStatus::Online => 0,
        OperatorStatus::Away => 1,
        OperatorStatus::Offline => 2,
    }
}

/// The index of the chat under the cursor among `rows`: the cursor's chat, else the first
/// (the longest wait) when the cursor's chat left the view.
pub fn cursor_index(state: &State, rows: &[ChatRow]) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    Some(
        state
            .queue
            .cursor
            .and_then(|id| rows.iter().position(|r| r.chat_id == id))
            .unwrap_or(0),
    )
}

/// The reader sees a plain operator's version: their departments, read-only.
pub fn limited(state: &State) -> bool {
    state
        .me
        .as_ref()
        .is_none_or(|m| m.role != OperatorRole::Supervisor)
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
