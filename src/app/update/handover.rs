//! Handing a chat from one operator to another: `:transfer` to a colleague or a department's
//! queue, `:accept` / `:decline` of a chat a colleague offers, and `:take` (a waiting chat, or
//! a supervisor taking a colleague's over).

use frontdesk_protocol::{OperatorIn, OperatorStatus};

use super::shared::{colleague, new_command_id};
use crate::app::{Effect, State};
use crate::sanitize::{Mode, sanitize};

/// `:transfer anna the customer wants a refund`: to the colleague named first (login or
/// display name, or the start of one that fits only one), the rest as the note. A department
/// named exactly (`:transfer sales …`) puts the chat back in that department's queue.
pub(super) fn transfer(state: &mut State, chat_id: i64, args: &str) -> Vec<Effect> {
    let l = state.strings.commands;
    let (who, note) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if who.is_empty() {
        state.notice = Some(l.transfer_usage.to_owned());
        return Vec::new();
    }
    if let Some(key) = super::departments::named(state, who) {
        return super::departments::transfer(chat_id, key, note);
    }
    let (to, absent) = match colleague(state, who) {
        Ok(op) => (
            op.id,
            (op.status != OperatorStatus::Online)
                .then(|| sanitize(&op.display_name, Mode::NAME).into_owned()),
        ),
        Err(notice) => {
            state.notice = Some(notice);
            return Vec::new();
        }
    };
    // An offer to someone who is not here waits for them: said now, not discovered later.
    if let Some(name) = absent {
        state.notice = Some(l.transfer_absent.replace("{name}", &name));
    }
    vec![Effect::Send(OperatorIn::Transfer {
        id: new_command_id(),
        chat_id,
        to_operator: to,
        note: super::shared::optional_words(note),
    })]
}

/// Takes the chat a colleague offered me: it becomes mine once the server says so.
pub(super) fn accept_offer(chat_id: i64) -> Vec<Effect> {
    vec![Effect::Send(OperatorIn::AcceptTransfer {
        id: new_command_id(),
        chat_id,
    })]
}

/// Turns an offered chat down, saying why if a reason is given.
pub(super) fn decline_offer(chat_id: i64, reason: &str) -> Vec<Effect> {
    vec![Effect::Send(OperatorIn::DeclineTransfer {
        id: new_command_id(),
        chat_id,
        reason: super::shared::optional_words(reason),
    })]
}

/// `:take` / `take_chat`: the focused chat becomes mine — a waiting one is accepted, a
/// colleague's is transferred to me (the server lets only supervisors do that, and says so).
pub(super) fn take(state: &mut State) -> Vec<Effect> {
    let Some(chat) = state.open_chat().map(|c| c.chat.clone()) else {
        state.notice = Some(state.strings.canned.no_chat.to_owned());
        return Vec::new();
    };
    if chat.status.is_untaken() {
        return super::shared::accept(state, chat.id);
    }
    let Some(me) = state.my_id() else {
        return Vec::new();
    };
    if !chat.status.is_open() || chat.operator_id == Some(me) {
        state.notice = Some(state.strings.commands.to_yourself.to_owned());
        return Vec::new();
    }
    vec![Effect::Send(OperatorIn::Transfer {
        id: new_command_id(),
        chat_id: chat.id,
        to_operator: me,
        note: None,
    })]
}
