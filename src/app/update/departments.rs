//! `:transfer <department> [note]` and Tab completion of department keys: the department
//! half of `:transfer` (colleagues are in `commands.rs`).

use frontdesk_protocol::OperatorIn;

use super::shared::new_command_id;
use crate::app::{Effect, State};

/// The department `who` names exactly (key or title, any case), unless a colleague's login
/// or display name is exactly `who` too: then the colleague wins, as before departments.
pub(super) fn named(state: &State, who: &str) -> Option<String> {
    let who = who.to_lowercase();
    let colleague = state
        .operators
        .values()
        .any(|op| op.name.to_lowercase() == who || op.display_name.to_lowercase() == who);
    if colleague {
        return None;
    }
    state
        .departments
        .iter()
        .find(|d| d.key.to_lowercase() == who || d.title.to_lowercase() == who)
        .map(|d| d.key.clone())
}

/// The transfer of `chat_id` back to the queue of department `key`, with the note.
pub(super) fn transfer(chat_id: i64, key: String, note: &str) -> Vec<Effect> {
    vec![Effect::Send(OperatorIn::TransferToDepartment {
        id: new_command_id(),
        chat_id,
        department: key,
        note: super::shared::optional_words(note),
    })]
}

/// The key of the first department whose key, else title, starts with `prefix` (any case),
/// for Tab after `:transfer`.
pub(super) fn complete(state: &State, prefix: &str) -> Option<String> {
    let prefix = prefix.to_lowercase();
    let starts = |name: &str| name.to_lowercase().starts_with(&prefix);
    let all = &state.departments;
    all.iter()
        .find(|d| starts(&d.key))
        .or_else(|| all.iter().find(|d| starts(&d.title)))
        .map(|d| d.key.clone())
}
