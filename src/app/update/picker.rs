//! The picker's keys, whatever it picks from: typing edits the query, up and down move, Esc
//! closes, Enter (or Alt-Enter: "to edit") hands the chosen item to its use.

use ratatui_textarea::{Input, Key};

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
                };
            }
        }
        Action::PickerClose => state.picker = None,
        Action::PickerInput(input) => edit_query(state, &input),
        _ => {}
    }
    Vec::new()
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
