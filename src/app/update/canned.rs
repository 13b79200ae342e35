//! Canned replies in `update`: firing one (hotkey, picker, `/shortcut`) and the guard that keeps a reply with an unfilled gap from being sent.
//!
//! Firing: a reply with a detailed part sends the short part at once and leaves the detail in
//! the reply box; otherwise `send = true` sends, and the default puts the text in the box.
//! Whatever has a gap (a placeholder without a value) goes to the box instead, the first gap
//! selected so typing replaces it; a detailed part then waits until the short one is sent.

use ratatui_textarea::CursorMove;

use super::shared::{fresh_compose, post};
use crate::app::state::{PickFrom, Picker};
use crate::app::{Action, Effect, Focus, State};
use crate::canned::Loaded;
use crate::canned::fill::{Filled, Token, first_gap};
use crate::sanitize::{Mode, sanitize};

pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Canned(_) if hotkey_aims_elsewhere(state) => {
            state.notice = Some(aim_notice(state));
        }
        Action::Canned(id) => {
            let langs = state.canned_langs();
            match state.canned.library.choose_index(&id, &langs) {
                Some(index) => return fire(state, index, false),
                None => state.notice = Some(format!("{}: {id}", state.strings.canned.unknown)),
            }
        }
        Action::CannedPicker => state.picker = Some(Picker::new(PickFrom::CannedReply)),
        Action::CompleteCanned => return complete(state),
        _ => {}
    }
    Vec::new()
}

/// With the list holding the keys, the chat the operator sees focused is the one selected
/// there: a hotkey would answer the focused pane's chat instead, so it does nothing.
fn hotkey_aims_elsewhere(state: &State) -> bool {
    state.focus == Focus::List
        && state.selected.is_some()
        && state.open_id().is_some()
        && state.selected != state.open_id()
}

/// "The reply goes to Ольга, but Мария is selected: …" with both names.
fn aim_notice(state: &State) -> String {
    let label = |id: Option<i64>| {
        id.and_then(|id| state.chats.get(&id))
            .map_or_else(String::new, |c| c.label.clone())
    };
    state
        .strings
        .reply
        .hotkey_elsewhere
        .replace("{open}", &label(state.open_id()))
        .replace("{selected}", &label(state.selected))
}

/// Tab in the reply box: `/gre` becomes `/greeting` (the best match); a shortcut no reply
/// starts with is said, and the keys stay in the box; anything else switches focus as Tab
/// always did.
fn complete(state: &mut State) -> Vec<Effect> {
    let Some(&best) = state.shortcut_matches().first() else {
        if let Some(word) = state.typed_shortcut() {
            let word = sanitize(&format!("/{word}"), Mode::line(40)).into_owned();
            state.notice = Some(state.strings.reply.slash_unknown.replace("{word}", &word));
        } else {
            super::shared::toggle_focus(state);
        }
        return Vec::new();
    };
    let shortcut = state.canned.library.replies[best].shortcut.clone();
    state.compose = super::shared::compose_holding(state, format!("/{shortcut}"));
    Vec::new()
}

/// Before Enter sends the reply box. A line starting with `/` is a shortcut, never text (and
/// so is `.word` typed in the Russian layout when it spells one: `State::typed_shortcut`): the
/// exact `/shortcut`, else the popup's first (highlighted) completion fires; a word no reply
/// starts with is held back with a notice. `//` escapes a real slash line (sent with one
/// slash). Text that still holds a gap is held back with the gap selected. `None`: send as
/// usual.
pub(super) fn before_send(state: &mut State) -> Option<Vec<Effect>> {
    let first = state.compose.lines().first().cloned().unwrap_or_default();
    if first.starts_with("//") {
        // One slash goes: put the text back without the escape, then send as usual.
        let text = state.compose.lines().join("\n");
        state.compose = super::shared::compose_holding(state, &text[1..]);
    } else if first.starts_with('/') || state.typed_shortcut().is_some() {
        return Some(slash_line(state, &first));
    }
    let text = state.compose.lines().join("\n");
    let gap = first_gap(&text)?;
    select(state, &gap);
    state.notice = Some(format!(
        "{} {{{}}}",
        state.strings.canned.fill_gap, gap.name
    ));
    Some(Vec::new())
}

/// Enter on a `/…` line: the reply it names (or the first it completes to) fires; otherwise
/// nothing is sent and the box keeps the line.
fn slash_line(state: &mut State, first: &str) -> Vec<Effect> {
    let matches = state.shortcut_matches();
    let exact = state.typed_shortcut().and_then(|word| {
        matches
            .iter()
            .copied()
            .find(|&i| state.canned.library.replies[i].shortcut == *word)
    });
    if let Some(index) = exact.or_else(|| matches.first().copied()) {
        state.compose = fresh_compose(state);
        return fire(state, index, false);
    }
    let word = first.split_whitespace().next().unwrap_or("/");
    let word = sanitize(word, Mode::line(40));
    state.notice = Some(state.strings.reply.slash_unknown.replace("{word}", &word));
    Vec::new()
}

/// After the reply box was sent into `chat_id`: a waiting detailed part takes its place.
pub(super) fn after_send(state: &mut State, chat_id: i64) {
    match state.canned.follow_up.take() {
        Some((chat, detail)) if chat == chat_id => {
            let filled = Filled {
                gaps: crate::canned::fill::tokens(&detail),
                text: detail,
            };
            insert(state, &filled);
        }
        // It belonged to another chat: it stays waiting for that one.
        other => state.canned.follow_up = other,
    }
}

/// The watcher read the library again: swap it in and say what is broken.
pub(super) fn library(state: &mut State, loaded: Loaded) {
    if let Some(notice) = loaded.notice() {
        // File names and lines are the operator's own, but a file name may hold anything.
        state.notice = Some(sanitize(&notice, Mode::line(300)).into_owned());
    }
    state.canned.library = loaded.library;
    if let Some(picker) = &mut state.picker
        && picker.from == PickFrom::CannedReply
    {
        picker.selected = 0;
    }
}

/// Fires reply `index` into the open chat; `edit` puts it in the box even if it may be sent.
pub(super) fn fire(state: &mut State, index: usize, edit: bool) -> Vec<Effect> {
    // Writing an invitation on the on-site view: the reply becomes its text, to edit.
    if state.site.open && state.site.invite.is_some() {
        let id = state
            .canned
            .library
            .replies
            .get(index)
            .map(|r| r.id.clone());
        super::site::canned(state, index);
        return id.map_or_else(Vec::new, |id| count_use(state, &id));
    }
    let Some(chat_id) = state.reply_target().writable() else {
        state.notice = Some(match state.reply_target() {
            crate::app::state::ReplyTarget::NoChat => state.strings.canned.no_chat.to_owned(),
            _ => super::shared::cannot_send(state),
        });
        return Vec::new();
    };
    let Some((short, detail)) = state.canned_filled(index) else {
        return Vec::new();
    };
    let reply = &state.canned.library.replies[index];
    let (id, send) = (reply.id.clone(), reply.send && !edit);
    let mut effects = count_use(state, &id);
    let at_once = short.gaps.is_empty() && (send || detail.is_some()) && !edit;
    match detail {
        Some(detail) if at_once => {
            effects.extend(post(state, chat_id, &short.text));
            insert(state, &detail);
        }
        Some(detail) => {
            insert(state, &short);
            state.canned.follow_up = Some((chat_id, detail.text));
        }
        None if at_once => effects.extend(post(state, chat_id, &short.text)),
        None => insert(state, &short),
    }
    effects.extend(super::compose::edited(state));
    effects
}

/// One more use of reply `id`, written to the data dir when there is one.
fn count_use(state: &mut State, id: &str) -> Vec<Effect> {
    *state.canned.usage.entry(id.to_owned()).or_default() += 1;
    match &state.canned.usage_file {
        Some(path) => vec![Effect::SaveCannedUsage {
            path: path.clone(),
            usage: state.canned.usage.clone(),
        }],
        None => Vec::new(),
    }
}

/// Puts filled text at the reply box's cursor and selects its first gap, if any.
fn insert(state: &mut State, filled: &Filled) {
    state.focus = Focus::Compose;
    let (row, col) = (state.compose.cursor().0, state.compose.cursor().1);
    state.compose.cancel_selection();
    state.compose.insert_str(&filled.text);
    if let Some(gap) = filled.gaps.first() {
        // The gap's place in the box: its columns shift only on the first inserted line.
        let shift = if gap.row == 0 { col } else { 0 };
        let gap = Token {
            row: row + gap.row,
            start: gap.start + shift,
            end: gap.end + shift,
            ..gap.clone()
        };
        select(state, &gap);
    }
    super::shared::clamp_scroll(state);
}

/// Selects `gap` in the reply box so the next typed character replaces it.
fn select(state: &mut State, gap: &Token) {
    let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    state.focus = Focus::Compose;
    state.compose.cancel_selection();
    state
        .compose
        .move_cursor(CursorMove::Jump(at(gap.row), at(gap.start)));
    state.compose.start_selection();
    state
        .compose
        .move_cursor(CursorMove::Jump(at(gap.row), at(gap.end)));
}

#[cfg(test)]
#[path = "tests/canned.rs"]
mod tests;
