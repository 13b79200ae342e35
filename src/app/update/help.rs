//! The help overlay: open, close, and scroll within the rows that do not fit
//! (`app::help::View` says how many show at once).

use crate::app::help::View;
use crate::app::{Action, State};

pub(super) fn apply(state: &mut State, action: &Action) {
    match action {
        Action::ToggleHelp => {
            state.screen.help = !state.screen.help;
            state.screen.help_scroll = 0;
        }
        Action::CloseHelp => {
            state.screen.help = false;
            state.screen.help_scroll = 0;
        }
        _ if !state.screen.help => {}
        Action::HelpUp => scroll(state, -1),
        Action::HelpDown => scroll(state, 1),
        Action::HelpPageUp => scroll(state, -page(state)),
        Action::HelpPageDown => scroll(state, page(state)),
        Action::HelpTop => state.screen.help_scroll = 0,
        Action::HelpBottom => state.screen.help_scroll = View::of(state).max_scroll(),
        _ => {}
    }
}

/// The mouse wheel over the open overlay scrolls it (positive `lines` is up, as in a pane).
pub(super) fn wheel(state: &mut State, lines: i32) {
    scroll(state, -isize::try_from(lines).unwrap_or(0));
}

fn page(state: &State) -> isize {
    isize::try_from(View::of(state).page()).unwrap_or(isize::MAX)
}

/// Moves by `rows` (positive: towards the end), within 0 and the last full page. A position
/// left beyond the end by a resize is brought back first, so the first key moves visibly.
fn scroll(state: &mut State, rows: isize) {
    let max = View::of(state).max_scroll();
    let from = state.screen.help_scroll.min(max);
    state.screen.help_scroll = from.saturating_add_signed(rows).min(max);
}
