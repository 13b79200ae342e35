//! What several kinds of operator actions and server frames share: posting a message,
//! taking a chat, the fresh reply box, command ids, the visitor's earlier chats for the card,
//! keeping panes wrapped and scrolled within their chats. The other `update` modules import
//! this one; it imports none of them (but `compose`, for the typing signal's sake, imports
//! nothing back either).

use frontdesk_protocol::{MessageKind, OperatorIn, OperatorInfo};

use crate::app::state::{NewEntry, PendingCommand, ReplyTarget};
use crate::app::{Effect, Focus, State};
use crate::sanitize::{Mode, sanitize};

/// Tab: between the chat list and the reply box (closing help and the search prompt).
pub(super) fn toggle_focus(state: &mut State) {
    state.screen.help = false;
    close_prompt(state);
    state.focus = match state.focus {
        Focus::List => Focus::Compose,
        Focus::Compose | Focus::Search => Focus::List,
    };
}

/// Client ids are UUIDs so the server can de-duplicate resends across reconnects.
/// A command's optional words (a transfer's note, a refusal's reason): trimmed, none if blank.
pub(super) fn optional_words(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

pub(super) fn new_command_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) fn fresh_compose(state: &State) -> ratatui_textarea::TextArea<'static> {
    crate::app::state::new_compose(state.strings)
}

/// A reply box that starts from `text`, cursor at its end. Undo goes back no further: a draft
/// brought back (another chat's, the editor's) or a completion is never taken out by it.
pub(super) fn compose_holding(
    state: &State,
    text: impl AsRef<str>,
) -> ratatui_textarea::TextArea<'static> {
    let mut compose = fresh_compose(state);
    compose.insert_str(text);
    compose.set_max_histories(compose.max_histories());
    compose
}

/// Sends `text` into chat `chat_id` and shows it there as pending (nothing if it is blank).
pub(super) fn post(state: &mut State, chat_id: i64, text: &str) -> Vec<Effect> {
    post_as(state, chat_id, text, MessageKind::Text)
}

/// [`post`], or an internal note that only operators see, or a supervisor's whisper that only
/// the chat's assignee (and supervisors) see.
pub(super) fn post_as(
    state: &mut State,
    chat_id: i64,
    text: &str,
    kind: MessageKind,
) -> Vec<Effect> {
    let text = text.trim();
    if text.is_empty() || !state.chats.contains_key(&chat_id) || too_long(state, text) {
        return Vec::new();
    }
    let id = new_command_id();
    let mut entry = NewEntry::own(
        id.clone(),
        state.now,
        sanitize(state.my_name(), Mode::NAME).into_owned(),
        // Our own text still goes through the one door: it may be pasted from anywhere.
        sanitize(text, Mode::TEXT).into_owned(),
    );
    entry.who = crate::app::state::Who::Operator {
        own: true,
        note: kind == MessageKind::Note,
        whisper: kind == MessageKind::Whisper,
    };
    let (id_sent, text) = (id.clone(), text.to_owned());
    let frame = match kind {
        MessageKind::Note => OperatorIn::Note {
            id: id_sent,
            chat_id,
            text,
        },
        MessageKind::Whisper => OperatorIn::Whisper {
            id: id_sent,
            chat_id,
            text,
        },
        MessageKind::Text => OperatorIn::Message {
            id: id_sent,
            chat_id,
            text,
        },
    };
    if let Some(chat) = state.chats.get_mut(&chat_id) {
        chat.push(entry);
    }
    state
        .pending
        .insert(id, PendingCommand::Message { chat_id });
    state.panes[state.pane].scroll = 0;
    // A message tells the visitor we stopped typing; a note or whisper leaves that to the
    // next keys.
    if kind.for_visitor() {
        state.typing_sent = None;
    }
    vec![Effect::Send(frame)]
}

/// A refused text back in the reply box: the box's text when it is empty, else a line of its
/// own after what is being written, the cursor and any selection left where they were.
pub(super) fn give_back(compose: &mut ratatui_textarea::TextArea<'static>, text: &str) {
    use ratatui_textarea::CursorMove;
    if compose.lines().iter().all(|l| l.is_empty()) {
        compose.insert_str(text);
        return;
    }
    let ratatui_textarea::DataCursor(row, col) = compose.cursor();
    let cursor = (row, col);
    let anchor = compose
        .selection_range()
        .map(|(start, end)| if start == cursor { end } else { start });
    compose.cancel_selection();
    compose.move_cursor(CursorMove::Bottom);
    compose.move_cursor(CursorMove::End);
    compose.insert_str(format!("\n{text}"));
    // Only text after the end was added: the old positions still hold the same letters.
    let jump = |(row, col): (usize, usize)| {
        CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        )
    };
    if let Some(anchor) = anchor {
        compose.move_cursor(jump(anchor));
        compose.start_selection();
    }
    compose.move_cursor(jump(cursor));
}

/// A refused text kept in another chat's (or room's) draft: after what the draft holds.
pub(super) fn keep_in_draft(draft: &mut String, text: String) {
    if draft.trim().is_empty() {
        *draft = text;
    } else {
        draft.push('\n');
        draft.push_str(&text);
    }
}

/// Whether `text` is longer than the server stores; then it is not sent (it would only be
/// refused) and stays in the reply box, with a notice saying by how much.
pub(super) fn too_long(state: &mut State, text: &str) -> bool {
    let Some(max) = state.max_message_chars else {
        return false;
    };
    let chars = text.chars().count();
    if chars <= max {
        return false;
    }
    state.notice = Some(
        state
            .strings
            .reply
            .too_long
            .replace("{chars}", &chars.to_string())
            .replace("{max}", &max.to_string()),
    );
    true
}

pub(super) fn accept(state: &mut State, chat_id: i64) -> Vec<Effect> {
    let waiting = state
        .chats
        .get(&chat_id)
        .is_some_and(|c| c.chat.status.is_untaken());
    let already = state
        .pending
        .values()
        .any(|p| *p == PendingCommand::Accept { chat_id });
    if !waiting || already {
        return Vec::new();
    }
    let id = new_command_id();
    state
        .pending
        .insert(id.clone(), PendingCommand::Accept { chat_id });
    vec![Effect::Send(OperatorIn::Accept { id, chat_id })]
}

/// Why nothing can be sent from the reply box now, naming the chat it shows.
pub(super) fn cannot_send(state: &State) -> String {
    let t = state.strings.reply;
    match state.reply_target() {
        ReplyTarget::ReadOnly => state.strings.search.read_only_notice.to_owned(),
        ReplyTarget::Closed { label } => format!("{label}: {}", t.closed_notice),
        ReplyTarget::Others { label } => format!("{label}: {}", t.others_notice),
        ReplyTarget::Supervising {
            label, colleague, ..
        } => {
            let name = state.operator_label(colleague);
            let notice = state.strings.team.supervising_notice;
            format!("{label}: {}", notice.replace("{name}", &name))
        }
        ReplyTarget::NoChat | ReplyTarget::Open { .. } | ReplyTarget::Team { .. } => {
            t.no_chat_notice.to_owned()
        }
    }
}

/// Most earlier conversations the card lists.
const EARLIER_CHATS: u32 = 10;

/// Asks for the open chat's visitor's conversations while the card is shown.
pub(super) fn earlier_chats(state: &State) -> Vec<Effect> {
    let Some(visitor_id) = state
        .screen
        .card
        .then(|| state.focused_view())
        .filter(|_| state.pane_room(state.pane).is_none())
        .flatten()
        .map(|c| c.visitor.id)
    else {
        return Vec::new();
    };
    vec![Effect::Send(OperatorIn::VisitorChats {
        id: new_command_id(),
        visitor_id,
        before: None,
        limit: EARLIER_CHATS,
    })]
}

/// Keeps every shown chat wrapped to its pane's width (a chat is in at most one pane), and
/// drops the rows of a chat no longer shown: only the chats in panes hold wrapped rows.
pub(super) fn rewrap_open(state: &mut State) {
    let now = state.panes.iter().map(|p| (p.chat, p.earlier, p.team));
    if !state.wrapped.iter().copied().eq(now) {
        drop_hidden_rows(state);
    }
    // One layout for all panes: this runs for every message of a flood.
    let widths = state.pane_widths();
    let (tz, today) = (state.tz.clone(), state.today());
    for i in 0..state.panes.len() {
        let width = widths.get(i).copied().unwrap_or(10);
        if let Some(chat) = state.pane_view_mut(i) {
            chat.ensure_wrapped(width, &tz, today);
        }
    }
}

/// The panes changed: chats no longer shown forget their rows.
fn drop_hidden_rows(state: &mut State) {
    let shown: Vec<_> = state
        .panes
        .iter()
        .map(|p| (p.chat, p.earlier, p.team))
        .collect();
    for gone in std::mem::take(&mut state.wrapped) {
        let view = match gone {
            (Some(id), _, _) if !shown.iter().any(|s| s.0 == Some(id)) => state.chats.get_mut(&id),
            (None, Some(id), _) if !shown.iter().any(|s| s.0.is_none() && s.1 == Some(id)) => {
                state.archive.get_mut(&id)
            }
            (None, None, Some(room)) if !shown.iter().any(|s| s.2 == Some(room)) => {
                state.team.rooms.get_mut(&room)
            }
            _ => None,
        };
        if let Some(view) = view {
            view.unwrap_rows();
        }
    }
    state.wrapped = shown;
}

/// Keeps every pane's scroll within its chat.
pub(super) fn clamp_scroll(state: &mut State) {
    for i in 0..state.panes.len() {
        let total = state.pane_view(i).map_or(0, |c| c.total_rows());
        let max = total.saturating_sub(state.pane_height(i));
        state.panes[i].scroll = state.panes[i].scroll.min(max);
    }
}

/// Back to where the keys were before the prompt opened.
pub(super) fn close_prompt(state: &mut State) {
    if state.focus == Focus::Search {
        state.focus = state.search_back;
    }
}

/// Back at the newest line: nothing is "below" any more.
pub(super) fn reached_bottom(state: &mut State, i: usize) {
    if let Some(pane) = state.panes.get_mut(i).filter(|p| p.scroll == 0) {
        pane.new_below = 0;
    }
}

/// The colleague `who` names: an exact login or display name, else the only one it starts.
pub(super) fn colleague<'a>(state: &'a State, who: &str) -> Result<&'a OperatorInfo, String> {
    let l = state.strings.commands;
    let who_lower = who.to_lowercase();
    let names = |op: &OperatorInfo| [op.name.to_lowercase(), op.display_name.to_lowercase()];
    let mut others: Vec<&OperatorInfo> = state.operators.values().collect();
    others.sort_by_key(|op| op.id);
    let exact: Vec<_> = others
        .iter()
        .copied()
        .filter(|op| names(op).contains(&who_lower))
        .collect();
    let found = if exact.is_empty() {
        others
            .iter()
            .copied()
            .filter(|op| names(op).iter().any(|n| n.starts_with(&who_lower)))
            .collect()
    } else {
        exact
    };
    let shown = sanitize(who, Mode::line(40));
    match found.as_slice() {
        [] => Err(l.no_colleague.replace("{name}", &shown)),
        [op] if Some(op.id) == state.my_id() => Err(l.to_yourself.to_owned()),
        [op] => Ok(op),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|op| sanitize(&op.name, Mode::NAME).into_owned())
                .collect();
            Err(l
                .ambiguous
                .replace("{name}", &shown)
                .replace("{names}", &list.join(", ")))
        }
    }
}

/// Whether an open screen's numbers are due to be asked for again: never asked yet, or
/// asked `every` ms ago or more.
pub(super) fn refresh_due(
    open: bool,
    asked_at: Option<frontdesk_protocol::Millis>,
    now: frontdesk_protocol::Millis,
    every: frontdesk_protocol::Millis,
) -> bool {
    open && asked_at.is_none_or(|at| now - at >= every)
}
