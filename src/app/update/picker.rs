//! The picker's keys, whatever it picks from: typing edits the query, up and down move, Esc
//! closes, Enter (or Alt-Enter: "to edit") hands the chosen item to its use.

use ratatui_textarea::{Input, Key};

use frontdesk_protocol::OperatorIn;

use crate::app::state::PickFrom;
use crate::app::{Action, Effect, State};

pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::PickerNext => move_pick(state, 1),
        Action::PickerPrev => move_pick(state, -1),
        Action::PickerAccept | Action::PickerInsert => {
            let choice = state.picker_choice();
            let Some(picker) = state.picker.take() else {
                return Vec::new();
            };
            if let Some(key) = choice {
                let edit = action == Action::PickerInsert;
                return match picker.from {
                    PickFrom::CannedReply => super::canned::fire(state, key, edit),
                    PickFrom::Ban => lift_ban(state, key),
                    PickFrom::Colleague => {
                        super::team::open_room(state, crate::app::state::room_of_key(key))
                    }
                };
            }
        }
        Action::PickerClose => state.picker = None,
        Action::PickerInput(input) => edit_query(state, &input),
        _ => {}
    }
    Vec::new()
}

/// Lifts ban `key` of the list: gone from the list at once; the server says if it refuses.
fn lift_ban(state: &mut State, key: usize) -> Vec<Effect> {
    if key >= state.bans.len() {
        return Vec::new();
    }
    let ban = state.bans.remove(key);
    vec![Effect::Send(OperatorIn::Unban {
        id: super::shared::new_command_id(),
        ban_id: ban.id,
    })]
}

/// `list_bans` / `:bans`: asks the server for the bans in force; the answer opens the picker.
pub(super) fn ask_bans(state: &mut State) -> Vec<Effect> {
    let id = super::shared::new_command_id();
    state
        .pending
        .insert(id.clone(), crate::app::state::PendingCommand::ListBans);
    vec![Effect::Send(OperatorIn::ListBans { id, before: None })]
}

/// The bans arrived: kept, and shown in the picker if we asked for them.
pub(super) fn bans_listed(state: &mut State, id: &str, bans: Vec<frontdesk_protocol::Ban>) {
    if state.pending.remove(id).is_none() {
        return;
    }
    state.bans = bans;
    state.picker = Some(crate::app::state::Picker::new(PickFrom::Ban));
}

fn move_pick(state: &mut State, delta: isize) {
    let count = state.picker_items().len();
    if let Some(picker) = &mut state.picker {
        let last = count.saturating_sub(1);
        picker.selected = picker
            .selected
            .min(last)
            .saturating_add_signed(delta)
            .min(last);
    }
}

/// Plain typing edits the query: characters, Backspace, Ctrl-U clears it.
fn edit_query(state: &mut State, input: &Input) {
    let Some(picker) = &mut state.picker else {
        return;
    };
    match input.key {
        Key::Char('u') if input.ctrl => picker.query.clear(),
        Key::Char(c) if !input.ctrl && !input.alt => picker.query.push(c),
        Key::Backspace => {
            picker.query.pop();
        }
        _ => return,
    }
    picker.selected = 0;
}
