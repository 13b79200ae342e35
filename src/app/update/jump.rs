//! Opening a found chat at its message. A chat the console holds (the list has it) is shown
//! in the focused pane as the list would show it, without taking it; one it does not hold is
//! fetched whole over REST and shown read-only, as an earlier chat is (nothing can be sent
//! there). Then the message is marked by the dialog's own search for the hit word, and the
//! pane scrolled to it. A live chat that holds only its newest messages gets older pages
//! until the message is among them.

use frontdesk_protocol::ChatState;
use frontdesk_protocol::transcript::Transcript;

use super::paging::request_page;
use super::retarget::{keys_to_pane, open, retarget};
use crate::app::search::Hit;
use crate::app::state::{ChatView, Jump, Pane, hit_word};
use crate::app::{Effect, State};

/// Enter on a hit: its chat in the focused pane, at the message.
pub(super) fn open_selected(state: &mut State) -> Vec<Effect> {
    let Some(hit) = state.finder.selected_hit().cloned() else {
        return Vec::new();
    };
    let query = state.finder.query.clone();
    let jump = Jump {
        chat_id: hit.chat_id,
        message_id: hit.message_id,
        word: hit_word(&hit, &query),
        fetching: false,
    };
    state.finder.error = None;
    if state.chats.contains_key(&hit.chat_id) {
        state.finder.open = false;
        return open_live(state, jump);
    }
    if let Some(i) = state.pane_of_earlier(hit.chat_id) {
        state.finder.open = false;
        let effects = retarget(state, |s| s.pane = i);
        keys_to_pane(state);
        mark(state, &jump);
        return effects;
    }
    // Fetched whole; the screen says so until it comes.
    state.finder.jump = Some(Jump {
        fetching: true,
        ..jump
    });
    vec![Effect::FetchFoundChat {
        chat_id: hit.chat_id,
    }]
}

/// A chat the list has: shown in the focused pane (or the pane showing it focused), the
/// list's selection on it, nothing accepted.
fn open_live(state: &mut State, jump: Jump) -> Vec<Effect> {
    state.selected = Some(jump.chat_id);
    let mut effects = open(state, jump.chat_id);
    keys_to_pane(state);
    state.finder.jump = Some(jump);
    effects.extend(follow(state));
    effects
}

/// The found chat fetched whole: shown read-only in the focused pane, at the message. An
/// answer nobody waits for any more (the screen was closed, another hit opened) is dropped.
pub(super) fn arrived(
    state: &mut State,
    chat_id: i64,
    result: Result<Box<Transcript>, String>,
) -> Vec<Effect> {
    let Some(jump) = state
        .finder
        .jump
        .take_if(|j| j.fetching && j.chat_id == chat_id)
    else {
        return Vec::new();
    };
    let transcript = match result {
        Ok(t) => *t,
        Err(why) => {
            state.finder.error = Some(why);
            return Vec::new();
        }
    };
    state.finder.open = false;
    let jump = Jump {
        fetching: false,
        ..jump
    };
    // The list learned of the chat meanwhile: it opens as a live one.
    if state.chats.contains_key(&chat_id) {
        return open_live(state, jump);
    }
    let chat = ChatState::new(transcript.chat, transcript.visitor, transcript.messages);
    let mut view = ChatView::new(chat, state.my_id(), state.strings);
    // The transcript is the whole chat: there is no older page to ask for.
    view.more_before = false;
    let effects = retarget(state, |s| {
        s.archive.insert(chat_id, view);
        s.panes[s.pane] = Pane::read_only(chat_id);
    });
    keys_to_pane(state);
    if !mark(state, &jump) && jump.message_id.is_some() {
        state.notice = Some(state.strings.finder.not_loaded.to_owned());
    }
    effects
}

/// After a frame: the live chat being opened at a message that was not loaded yet. Marked
/// once its page is here; the next older page asked for while there is one; given up when
/// the focused pane no longer shows the chat or the chat has no older messages.
pub(super) fn follow(state: &mut State) -> Vec<Effect> {
    let Some(jump) = state.finder.jump.clone().filter(|j| !j.fetching) else {
        return Vec::new();
    };
    let Some(more) = state
        .focused_view()
        .filter(|v| v.chat.id == jump.chat_id && state.open_id() == Some(jump.chat_id))
        .map(|v| v.more_before)
    else {
        state.finder.jump = None;
        return Vec::new();
    };
    if jump.message_id.is_none() || mark(state, &jump) {
        state.finder.jump = None;
        return Vec::new();
    }
    if !more {
        state.finder.jump = None;
        state.notice = Some(state.strings.finder.not_loaded.to_owned());
        return Vec::new();
    }
    request_page(state, jump.chat_id)
}

/// Marks the jump's message in the focused pane (the hit word found by the dialog's search,
/// else the whole message) and scrolls to it. `false`: the message is not loaded there.
fn mark(state: &mut State, jump: &Jump) -> bool {
    let Some(message_id) = jump.message_id else {
        return false;
    };
    let Some(view) = state.pane_view_mut(state.pane) else {
        return false;
    };
    let Some(entry) = view
        .messages
        .iter()
        .position(|e| e.id() == Some(message_id))
    else {
        return false;
    };
    view.set_search(&jump.word);
    let len = view.text(entry).len();
    let Some(search) = view.search.as_mut() else {
        return false;
    };
    let at = search.hits.partition_point(|h| h.entry < entry);
    if search.hits.get(at).is_none_or(|h| h.entry != entry) {
        // The word is not in the message as shown (a visitor's name, a stem): all of it.
        search.hits.insert(
            at,
            Hit {
                entry,
                start: 0,
                end: len,
            },
        );
    }
    search.current = Some(at);
    super::search::scroll_to_current(state);
    true
}
