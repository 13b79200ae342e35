//! The search across chats: opened and closed by `search_chats` (or `:search words`), typing
//! edits the query, Enter asks the server (one request at a time: a query asked for while
//! another is on its way is sent when that answer comes, and that answer is dropped as old),
//! and Enter on the hits of the query as typed opens the one under the cursor; the export key
//! (F8) writes the chats of the hits shown into one file. While it is open the picker's keys
//! drive it; the dialog's keys and the mouse do nothing beneath it.

use ratatui_textarea::{Input, Key};

use frontdesk_protocol::search::SearchResults;

use super::jump;
use crate::app::state::{Asked, Found, HITS};
use crate::app::{Action, Effect, State};

/// Longest query kept (characters; the server takes 200).
const MAX_QUERY: usize = 200;

/// Applies `action` if the search screen takes it: `search_chats` always, the picker's keys
/// and what it hides while it is open (and no picker is over it). `None`: the action is not
/// the screen's.
pub(super) fn apply(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::SearchChats if state.finder.open => Some(close(state)),
        Action::SearchChats => Some(open(state, None)),
        // A picker opened over the screen (canned replies…) takes its own keys.
        _ if !state.finder.open || state.picker.is_some() => None,
        Action::PickerNext => Some(step(state, 1)),
        Action::PickerPrev => Some(step(state, -1)),
        Action::PickerAccept => Some(enter(state)),
        // Alt-Enter: the same query again (newer messages may be indexed by now).
        Action::PickerInsert => Some(ask(state)),
        Action::PickerClose | Action::FocusList => Some(close(state)),
        Action::PickerInput(input) => Some(edit(state, input)),
        // The export key: the chats of the hits shown, into one file.
        Action::ExportChat => Some(super::export_set::hits(state)),
        Action::Paste(text) => {
            let line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            Some(set_query(state, format!("{}{line}", state.finder.query)))
        }
        // The queue view or the statistics screen takes the screen instead.
        Action::ToggleQueue | Action::ToggleStats => {
            close(state);
            None
        }
        // What the screen hides takes no keys, typing or clicks (nor is a chat closed unseen).
        Action::ComposeInput(_)
        | Action::CloseChat
        | Action::ClickAt { .. }
        | Action::WheelAt { .. }
        | Action::SearchDialog
        | Action::SearchNext
        | Action::SearchPrev
        | Action::PageUp
        | Action::PageDown
        | Action::HalfPageUp
        | Action::HalfPageDown
        | Action::ScrollDialog(_)
        | Action::JumpToBottom => Some(Vec::new()),
        _ => None,
    }
}

/// Opens the screen over the others, with `query` if given (`:search words` asks at once).
pub(super) fn open(state: &mut State, query: Option<&str>) -> Vec<Effect> {
    state.finder.open = true;
    state.queue.open = false;
    state.stats.open = false;
    state.picker = None;
    match query.map(str::trim).filter(|q| !q.is_empty()) {
        Some(query) => {
            state.finder.query = query.chars().take(MAX_QUERY).collect();
            ask(state)
        }
        None => Vec::new(),
    }
}

/// Closes the screen; a chat being fetched to open is no longer wanted. What was found stays
/// for the next time it opens.
fn close(state: &mut State) -> Vec<Effect> {
    state.finder.open = false;
    state.finder.jump = None;
    Vec::new()
}

/// Enter: the hits of the query as typed are shown, so the one under the cursor opens;
/// otherwise the query is asked for.
fn enter(state: &mut State) -> Vec<Effect> {
    let query = state.finder.query.trim();
    let answered = state
        .finder
        .shown
        .as_ref()
        .is_some_and(|f| f.query == query && !f.hits.is_empty());
    if answered {
        jump::open_selected(state)
    } else {
        ask(state)
    }
}

/// Asks for the query as typed, unless it is blank; while a request is on its way the query
/// waits for its answer.
fn ask(state: &mut State) -> Vec<Effect> {
    let query = state.finder.query.trim().to_owned();
    if query.is_empty() {
        return Vec::new();
    }
    state.finder.error = None;
    state.finder.jump = None;
    match &state.finder.asked {
        Some(asked) => {
            state.finder.next = (asked.query != query).then_some(query);
            Vec::new()
        }
        None => send(state, query),
    }
}

fn send(state: &mut State, query: String) -> Vec<Effect> {
    state.finder.serial += 1;
    let serial = state.finder.serial;
    state.finder.asked = Some(Asked {
        serial,
        query: query.clone(),
    });
    vec![Effect::SearchChats {
        serial,
        query,
        limit: HITS,
    }]
}

/// The server's answer to request `serial`. One for a query asked for since is dropped and
/// that query sent; one for no request on its way (an old one) is dropped.
pub(super) fn answered(
    state: &mut State,
    serial: u64,
    result: Result<Box<SearchResults>, String>,
) -> Vec<Effect> {
    let Some(asked) = state.finder.asked.take_if(|a| a.serial == serial) else {
        return Vec::new();
    };
    if let Some(next) = state.finder.next.take() {
        return send(state, next);
    }
    state.finder.selected = 0;
    match result {
        Ok(found) => {
            let SearchResults {
                hits,
                indexed_up_to,
            } = *found;
            state.finder.shown = Some(Found {
                query: asked.query,
                hits,
                indexed_up_to,
            });
        }
        Err(why) => {
            state.finder.shown = None;
            state.finder.error = Some(why);
        }
    }
    Vec::new()
}

/// Moves the cursor by `delta` hits, within them.
fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    let count = state.finder.shown.as_ref().map_or(0, |f| f.hits.len());
    let last = count.saturating_sub(1);
    let finder = &mut state.finder;
    finder.selected = finder
        .selected
        .min(last)
        .saturating_add_signed(delta)
        .min(last);
    Vec::new()
}

/// Typing edits the query: characters, Backspace, Ctrl-U clears it, Ctrl-W a word.
fn edit(state: &mut State, input: &Input) -> Vec<Effect> {
    let mut query = state.finder.query.clone();
    match input.key {
        Key::Char('u') if input.ctrl => query.clear(),
        Key::Char('w') if input.ctrl => {
            let kept = query
                .trim_end()
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + 1);
            query.truncate(kept);
        }
        Key::Char(c) if !input.ctrl && !input.alt => query.push(c),
        Key::Backspace => {
            query.pop();
        }
        _ => return Vec::new(),
    }
    set_query(state, query)
}

fn set_query(state: &mut State, query: String) -> Vec<Effect> {
    state.finder.query = query.chars().take(MAX_QUERY).collect();
    Vec::new()
}
