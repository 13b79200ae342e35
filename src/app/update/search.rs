//! Search within the focused pane's dialog: the prompt (each key changes the query and the
//! hits at once), keeping or clearing the search, and jumping from hit to hit with the pane
//! scrolled so the current hit is in view.
//!
//! The search belongs to the chat (`ChatView::search`); the prompt only edits it. Hits are
//! counted from the newest, so typing lands on the nearest hit at or above the view's bottom
//! and `search_next` goes back in time.

use ratatui_textarea::{Input, Key};

use super::shared::{clamp_scroll, close_prompt, reached_bottom};
use crate::app::{Action, Focus, State};

pub(super) fn apply(state: &mut State, action: &Action) {
    match action {
        Action::SearchDialog => open_prompt(state),
        Action::SearchAccept => {
            if let Some(chat) = state.pane_view_mut(state.pane)
                && chat.search.as_ref().is_some_and(|s| s.is_blank())
            {
                chat.search = None;
            }
            close_prompt(state);
        }
        Action::SearchClear => {
            if let Some(chat) = state.pane_view_mut(state.pane) {
                chat.search = None;
            }
            close_prompt(state);
        }
        Action::SearchNext => step(state, true),
        Action::SearchPrev => step(state, false),
        _ => {}
    }
}

fn open_prompt(state: &mut State) {
    let Some(chat) = state.pane_view_mut(state.pane) else {
        return;
    };
    chat.search.get_or_insert_with(Default::default);
    if state.focus != Focus::Search {
        state.search_back = state.focus;
        state.focus = Focus::Search;
    }
}

/// A key typed into the prompt.
pub(super) fn input(state: &mut State, input: &Input) {
    let Some(mut query) = current_query(state) else {
        return;
    };
    match input {
        Input {
            key: Key::Char('u'),
            ctrl: true,
            ..
        } => query.clear(),
        Input {
            key: Key::Char('w'),
            ctrl: true,
            ..
        }
        | Input {
            key: Key::Backspace,
            alt: true,
            ..
        } => {
            let kept = query
                .trim_end()
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + 1);
            query.truncate(kept);
        }
        Input {
            key: Key::Char(c),
            ctrl: false,
            alt: false,
            ..
        } => query.push(*c),
        Input {
            key: Key::Backspace,
            ..
        } => {
            query.pop();
        }
        _ => return,
    }
    set_query(state, &query);
}

/// Pasted text joins the query on one line.
pub(super) fn paste(state: &mut State, text: &str) {
    if let Some(mut query) = current_query(state) {
        query.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        set_query(state, &query);
    }
}

fn current_query(state: &State) -> Option<String> {
    state
        .focused_view()
        .and_then(|c| c.search.as_ref())
        .map(|s| s.query.clone())
}

/// Searches the focused dialog for `query` and shows the nearest hit at or above the bottom
/// of the view.
fn set_query(state: &mut State, query: &str) {
    let i = state.pane;
    let scroll = state.dialog_scroll();
    let Some(chat) = state.pane_view_mut(i) else {
        return;
    };
    chat.set_search(query);
    let nearest = chat.nearest_hit(scroll);
    if let Some(search) = &mut chat.search {
        search.current = nearest;
    }
    scroll_to_current(state);
}

fn step(state: &mut State, older: bool) {
    let Some(search) = state
        .pane_view_mut(state.pane)
        .and_then(|c| c.search.as_mut())
    else {
        return;
    };
    search.step(older);
    scroll_to_current(state);
}

/// Scrolls the focused pane so its current hit is in view (to the middle when it was not).
pub(super) fn scroll_to_current(state: &mut State) {
    let i = state.pane;
    let Some(chat) = state.pane_view(i) else {
        return;
    };
    let Some(hit) = chat.search.as_ref().and_then(|s| s.current_hit()) else {
        return;
    };
    let below = chat.rows_below(hit);
    // The typing line takes the pane's last row while the visitor types.
    let height = state
        .pane_height(i)
        .saturating_sub(usize::from(chat.draft.is_some()))
        .max(1);
    let pane = &mut state.panes[i];
    if below < pane.scroll || below >= pane.scroll + height {
        pane.scroll = below.saturating_sub(height / 2);
    }
    clamp_scroll(state);
    reached_bottom(state, i);
}
