//! The statistics screen: opened and closed by `toggle_stats` (esc and q in
//! `[keymap.stats]`), its period changed and its numbers asked for again by its keys, and
//! asked again every `REFRESH_EVERY_MS` while open. Each ask is numbered; answers to an
//! earlier one are dropped, so a slow answer never lands under another period.

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::GroupBy;

use super::shared::refresh_due;
use crate::app::state::Answer;
use crate::app::stats::period_bounds;
use crate::app::{Action, Effect, State};

/// How often the numbers are asked for again while the screen is open.
pub(super) const REFRESH_EVERY_MS: Millis = 60_000;

/// The groupings the screen reads, one request each: hours for the total and the charts,
/// operators for the table.
const READS: [GroupBy; 2] = [GroupBy::Hour, GroupBy::Operator];

/// Applies `action` if the screen takes it: `toggle_stats` always, its keys while it is
/// open. `None`: the action is not the screen's.
pub(super) fn apply(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::ToggleStats => {
            state.stats.open = !state.stats.open;
            if !state.stats.open {
                return Some(Vec::new());
            }
            // One view over the list at a time.
            state.queue.open = false;
            Some(ask(state))
        }
        // The queue view's key takes over from the statistics screen.
        Action::ToggleQueue if state.stats.open => {
            state.stats.open = false;
            None
        }
        _ if !state.stats.open => None,
        Action::StatsNextPeriod => Some(switch(state, state.stats.period.longer())),
        Action::StatsPrevPeriod => Some(switch(state, state.stats.period.shorter())),
        Action::StatsRefresh => Some(ask(state)),
        Action::StatsOperators => {
            state.stats.operators = !state.stats.operators;
            Some(Vec::new())
        }
        // Typing and the mouse do not reach what the screen hides.
        Action::ComposeInput(_)
        | Action::Paste(_)
        | Action::ClickAt { .. }
        | Action::WheelAt { .. } => Some(Vec::new()),
        _ => None,
    }
}

/// While the screen is open its numbers are asked for again every `REFRESH_EVERY_MS`.
pub(super) fn tick(state: &mut State) -> Vec<Effect> {
    let stats = &state.stats;
    if refresh_due(stats.open, stats.asked_at, state.now, REFRESH_EVERY_MS) {
        ask(state)
    } else {
        Vec::new()
    }
}

/// A server's answer to read `ask` grouped `by`; kept only if it answers the latest ask.
pub(super) fn answer(state: &mut State, ask: u64, by: GroupBy, result: Answer) {
    if ask != state.stats.ask {
        return;
    }
    match by {
        GroupBy::Hour => state.stats.by_hour = Some(result),
        GroupBy::Operator => state.stats.by_operator = Some(result),
        GroupBy::Department | GroupBy::Weekday => {}
    }
}

/// Shows `period` from scratch: the old period's numbers go (the screen says "loading…").
fn switch(state: &mut State, period: crate::app::state::StatsPeriod) -> Vec<Effect> {
    state.stats.period = period;
    state.stats.by_hour = None;
    state.stats.by_operator = None;
    ask(state)
}

/// Asks for the period's numbers, one read per grouping; what is shown stays until the
/// answers replace it (a refresh does not blank the screen).
fn ask(state: &mut State) -> Vec<Effect> {
    state.stats.ask += 1;
    state.stats.asked_at = Some(state.now);
    let (since, until) = period_bounds(state.now, &state.tz, state.stats.period);
    let tz = state.tz.iana_name().unwrap_or("UTC").to_owned();
    READS
        .into_iter()
        .map(|by| Effect::FetchStats {
            ask: state.stats.ask,
            by,
            since,
            until,
            tz: tz.clone(),
        })
        .collect()
}
