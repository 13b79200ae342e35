//! One-key questions before work is lost: closing a chat, quitting with chats open or drafts
//! unsent. The question waits in `State::confirm`; `y` (or the same key again) carries it
//! out, anything else answers no, and a key that is not an answer still does its own job.

use frontdesk_protocol::OperatorIn;

use super::shared::new_command_id;
use crate::app::state::PendingCommand;
use crate::app::{Action, Confirm, Effect, State};

/// Called first for every action: answers a waiting question. `Some`: the action was the
/// answer and is done; `None`: the question (if any) is gone and the action goes on.
pub(super) fn answer(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    let asked = state.confirm.take();
    match (asked, action) {
        (Some(asked), Action::ConfirmYes) => Some(carry_out(state, asked)),
        (Some(Confirm::Quit), Action::Quit) => Some(vec![Effect::Quit]),
        (Some(asked @ Confirm::Close { chat_id }), Action::CloseChat)
            if state.open_id() == Some(chat_id) =>
        {
            Some(carry_out(state, asked))
        }
        (_, Action::ConfirmYes | Action::ConfirmNo) => Some(Vec::new()),
        _ => None,
    }
}

fn carry_out(state: &mut State, asked: Confirm) -> Vec<Effect> {
    match asked {
        Confirm::Quit => vec![Effect::Quit],
        Confirm::Close { chat_id } => close(state, chat_id),
    }
}

/// Quit, after asking when the operator has chats open or text unsent.
pub(super) fn quit(state: &mut State) -> Vec<Effect> {
    let (chats, drafts) = state.open_work();
    if chats == 0 && drafts == 0 {
        return vec![Effect::Quit];
    }
    state.confirm = Some(Confirm::Quit);
    Vec::new()
}

/// Close the chat shown focused, after asking.
pub(super) fn ask_close(state: &mut State) -> Vec<Effect> {
    let open = state
        .open_chat()
        .filter(|c| c.chat.status.is_open())
        .map(|c| c.chat.id);
    if let Some(chat_id) = open {
        state.confirm = Some(Confirm::Close { chat_id });
    }
    Vec::new()
}

pub(super) fn close(state: &mut State, chat_id: i64) -> Vec<Effect> {
    let open = state
        .chats
        .get(&chat_id)
        .is_some_and(|c| c.chat.status.is_open());
    if !open {
        return Vec::new();
    }
    let id = new_command_id();
    state
        .pending
        .insert(id.clone(), PendingCommand::Close { chat_id });
    vec![Effect::Send(OperatorIn::Close { id, chat_id })]
}
