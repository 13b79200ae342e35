//! Away by itself: an online operator who has not touched the console for the configured time
//! is set away, and comes back online with the next key. An away set by hand stays until
//! changed by hand.

use frontdesk_protocol::{OperatorIn, OperatorStatus};

use super::shared::new_command_id;
use crate::app::{Effect, State};

fn set(status: OperatorStatus) -> Vec<Effect> {
    vec![Effect::Send(OperatorIn::SetStatus {
        id: new_command_id(),
        status,
    })]
}

fn my_status(state: &State) -> Option<OperatorStatus> {
    state.me.as_ref().map(|m| m.status)
}

/// The operator did something (a key, a click, a paste).
pub(super) fn touched(state: &mut State) -> Vec<Effect> {
    let idle = &mut state.idle;
    idle.last_input = state.now;
    if !std::mem::take(&mut idle.auto_away) {
        return Vec::new();
    }
    if my_status(state) == Some(OperatorStatus::Away) {
        set(OperatorStatus::Online)
    } else {
        Vec::new()
    }
}

/// Time passed: away once idle long enough, if online.
pub(super) fn tick(state: &mut State) -> Vec<Effect> {
    let now = state.now;
    let idle = &mut state.idle;
    if idle.last_input == 0 {
        // The first tick starts the clock: a console just opened has not been idle.
        idle.last_input = now;
    }
    let due = idle.away_after_ms > 0 && now - idle.last_input >= idle.away_after_ms;
    if !due || idle.auto_away || my_status(state) != Some(OperatorStatus::Online) {
        return Vec::new();
    }
    state.idle.auto_away = true;
    set(OperatorStatus::Away)
}
