//! The reply box around edits: drafts kept per chat, and the "operator is typing" signal,
//! throttled so the server hears about it every few seconds rather than on every key.

use frontdesk_protocol::OperatorIn;

use crate::app::{Effect, State};

/// Least time between two "typing" signals for the same chat.
pub const TYPING_EVERY_MS: i64 = 2_000;

/// After an edit: tells the chat's visitor we are typing, at most every [`TYPING_EVERY_MS`].
pub fn edited(state: &mut State) -> Vec<Effect> {
    let Some(chat_id) = state.open_id() else {
        return Vec::new();
    };
    let empty = state.compose.lines().iter().all(|l| l.trim().is_empty());
    if empty {
        return stopped(state);
    }
    let due = match state.typing_sent {
        Some((chat, at)) => chat != chat_id || state.now - at >= TYPING_EVERY_MS,
        None => true,
    };
    if !due {
        return Vec::new();
    }
    // Typing moved to another chat: that one hears we stopped.
    let mut effects = match state.typing_sent {
        Some((chat, _)) if chat != chat_id => stopped(state),
        _ => Vec::new(),
    };
    state.typing_sent = Some((chat_id, state.now));
    effects.push(Effect::Send(OperatorIn::Typing {
        chat_id,
        typing: true,
    }));
    effects
}

/// The operator stopped typing (sent, cleared the box, or went to another chat).
pub fn stopped(state: &mut State) -> Vec<Effect> {
    match state.typing_sent.take() {
        Some((chat_id, _)) => vec![Effect::Send(OperatorIn::Typing {
            chat_id,
            typing: false,
        })],
        None => Vec::new(),
    }
}

/// Switching the focused pane's chat: the box's text stays with the chat it was written for.
pub fn switch_drafts(state: &mut State, from: Option<i64>, to: Option<i64>) {
    if from == to {
        return;
    }
    if let Some(from) = from {
        let text = state.compose.lines().join("\n");
        if text.trim().is_empty() {
            state.drafts.remove(&from);
        } else {
            state.drafts.insert(from, text);
        }
    }
    state.compose = super::actions::fresh_compose(state);
    if let Some(text) = to.and_then(|to| state.drafts.remove(&to)) {
        state.compose.insert_str(text);
    }
}
