//! The operators' own chat: opening the team room or a one-to-one chat in a pane, sending a
//! line (pending until the server stores it, matched by its client id), and the lines the
//! server sends: `team_recent` after each snapshot, `team_message_posted` live, and
//! `team_history` pages when a team pane is scrolled to its top.

use frontdesk_protocol::{OperatorIn, TeamMessage};

use super::retarget::retarget;
use super::shared::new_command_id;
use crate::app::state::{NewEntry, Pane, PendingCommand, PickFrom, Picker, Room};
use crate::app::state::{room_view, team_entry};
use crate::app::{Effect, Focus, State};
use crate::sanitize::{Mode, sanitize};

/// Team lines asked for per page.
const PAGE: u32 = 50;

/// The view of `room`, made empty when the console has no line of it yet.
pub(super) fn ensure_room(state: &mut State, room: Room) {
    if !state.team.rooms.contains_key(&room) {
        let mut view = room_view(state.room_label(room), state.strings);
        // Nothing is known of it: the server may hold lines.
        view.more_before = true;
        state.team.rooms.insert(room, view);
    }
}

/// Shows `room` in the focused pane (or focuses the pane showing it), keys to the reply box;
/// a room never loaded asks for its latest lines.
pub(super) fn open_room(state: &mut State, room: Room) -> Vec<Effect> {
    ensure_room(state, room);
    let label = state.room_label(room);
    if let Some(view) = state.team.rooms.get_mut(&room) {
        // A colleague's display name may have changed since.
        view.label = label;
    }
    let mut effects = retarget(state, |s| match s.pane_of_room(room) {
        Some(i) => s.pane = i,
        None => s.panes[s.pane] = Pane::room(room),
    });
    state.focus = Focus::Compose;
    if state
        .team
        .rooms
        .get(&room)
        .is_some_and(|v| v.messages.is_empty())
    {
        effects.extend(request_page(state, room));
    }
    effects
}

/// Sends `text` to `room` and shows it there as pending (nothing if it is blank).
pub(super) fn send_line(state: &mut State, room: Room, text: &str) -> Vec<Effect> {
    let text = text.trim();
    if text.is_empty() || super::shared::too_long(state, text) {
        return Vec::new();
    }
    ensure_room(state, room);
    let id = new_command_id();
    let entry = NewEntry::own(
        id.clone(),
        state.now,
        sanitize(state.my_name(), Mode::NAME).into_owned(),
        sanitize(text, Mode::TEXT).into_owned(),
    );
    if let Some(view) = state.team.rooms.get_mut(&room) {
        view.push(entry);
    }
    if let Some(i) = state.pane_of_room(room) {
        state.panes[i].scroll = 0;
        state.panes[i].new_below = 0;
    }
    state
        .pending
        .insert(id.clone(), PendingCommand::TeamLine { room });
    vec![Effect::Send(OperatorIn::TeamMessage {
        id,
        to_operator: match room {
            Room::Team => None,
            Room::With(colleague) => Some(colleague),
        },
        text: text.to_owned(),
    })]
}

/// A line the server stored: our pending copy is replaced in place; a colleague's line
/// counts unread while its room is not on screen (`count`: live lines, not `team_recent`).
pub(super) fn add_line(state: &mut State, m: &TeamMessage, count: bool) {
    let me = state.my_id();
    let room = Room::of(m, me);
    ensure_room(state, room);
    let shown = state.pane_of_room(room);
    let Some(view) = state.team.rooms.get_mut(&room) else {
        return;
    };
    if view.has_message(m.id) {
        return;
    }
    let entry = team_entry(m, me);
    let own = Some(m.from_operator_id) == me;
    if own && let Some(i) = m.client_id.as_deref().and_then(|c| view.find_client(c)) {
        view.replace(i, entry);
        return;
    }
    if !count && view.messages.is_empty() {
        // The newest lines only: older ones may be on the server.
        view.more_before = true;
    }
    let rows_before = view.total_rows();
    view.push(entry);
    let added = view.total_rows() - rows_before;
    match shown {
        Some(i) if state.panes[i].scroll > 0 => {
            state.panes[i].scroll += added;
            state.panes[i].new_below += 1;
        }
        None if count && !own => view.unread += 1,
        _ => {}
    }
}

/// `team_recent`: the newest lines of every conversation, oldest first. The room is listed
/// from then on, lines or not.
pub(super) fn recent(state: &mut State, messages: &[TeamMessage]) {
    ensure_room(state, Room::Team);
    for m in messages {
        add_line(state, m, false);
    }
}

/// A page of older lines of a conversation, oldest first.
pub(super) fn history(
    state: &mut State,
    id: &str,
    with_operator: Option<i64>,
    messages: &[TeamMessage],
    more: bool,
) {
    state.pending.remove(id);
    let room = with_operator.map_or(Room::Team, Room::With);
    ensure_room(state, room);
    let me = state.my_id();
    let Some(view) = state.team.rooms.get_mut(&room) else {
        return;
    };
    let mut older: Vec<NewEntry> = messages
        .iter()
        .filter(|m| !view.messages.iter().any(|e| e.id() == Some(m.id)))
        .map(|m| team_entry(m, me))
        .collect();
    older.sort_by_key(|e| e.id);
    view.more_before = more;
    view.prepend(older);
}

/// Asks for the page before the oldest line held of `room`, unless one is on its way or the
/// server said there is none.
pub(super) fn request_page(state: &mut State, room: Room) -> Vec<Effect> {
    let Some(view) = state.team.rooms.get(&room) else {
        return Vec::new();
    };
    let asked = state
        .pending
        .values()
        .any(|p| *p == PendingCommand::TeamHistory { room });
    if !view.more_before || asked {
        return Vec::new();
    }
    let before = view.messages.iter().find_map(|e| e.id());
    let id = new_command_id();
    state
        .pending
        .insert(id.clone(), PendingCommand::TeamHistory { room });
    vec![Effect::Send(OperatorIn::TeamHistory {
        id,
        with_operator: match room {
            Room::Team => None,
            Room::With(colleague) => Some(colleague),
        },
        before,
        limit: PAGE,
    })]
}

/// Our line `id` was stored (`ok`) or refused: marked so; a refused line's words come back to
/// the box when it shows that room, else to the room's kept draft, after what is there.
pub(super) fn answered(state: &mut State, room: Room, id: &str, ok: bool, stored: Option<i64>) {
    let Some(view) = state.team.rooms.get_mut(&room) else {
        return;
    };
    let Some(i) = view.find_client(id) else {
        return;
    };
    if ok {
        view.ack(i, stored);
        return;
    }
    let text = view.owned(i).map(|e| e.text);
    view.fail(i);
    let Some(text) = text else {
        return;
    };
    if state.pane_room(state.pane) == Some(room) {
        super::shared::give_back(&mut state.compose, &text);
    } else {
        super::shared::keep_in_draft(state.team.drafts.entry(room).or_default(), text);
    }
}

/// `pick_colleague`: the picker of the team room and the colleagues, to write to one.
pub(super) fn pick(state: &mut State) -> Vec<Effect> {
    state.picker = Some(Picker::new(PickFrom::Colleague));
    Vec::new()
}

/// `:team [text]` opens the team room (and sends the text); `:dm <colleague> [text]` the
/// one-to-one chat with a colleague (login or display name, or the start of one that fits
/// only one). A refusal is a notice.
pub(super) fn command(state: &mut State, word: &str, args: &str) -> Vec<Effect> {
    let (room, text) = if word == "team" {
        (Room::Team, args)
    } else {
        let (who, text) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
        if who.is_empty() {
            state.notice = Some(state.strings.team.dm_usage.to_owned());
            return Vec::new();
        }
        match super::shared::colleague(state, who) {
            Ok(op) => (Room::With(op.id), text),
            // The shared lookup says so in `:transfer`'s words; here it is about writing.
            Err(n) if n == state.strings.commands.to_yourself => {
                state.notice = Some(state.strings.team.dm_yourself.to_owned());
                return Vec::new();
            }
            Err(notice) => {
                state.notice = Some(notice);
                return Vec::new();
            }
        }
    };
    let mut effects = open_room(state, room);
    effects.extend(send_line(state, room, text));
    effects
}
