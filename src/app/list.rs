//! The sidebar's order: sections Waiting / Left a message / Mine / Others / Closed and the
//! rows they take, then the operators' own chat (Team: the room and one-to-one chats).
//! Used by the renderer and by `update` (selection moves, clicks), so both agree.

use frontdesk_protocol::ChatStatus;

use super::State;
use super::state::{ChatView, Room};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Waiting,
    /// Messages left while nobody was online: answered from here (the reply takes the chat).
    Offline,
    Mine,
    Others,
    Closed,
}

/// Rows one chat takes: name line and preview line.
pub const CHAT_ROWS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Section, usize),
    Chat(i64),
    /// The Team section's heading, with how many conversations it lists.
    TeamHeader(usize),
    /// A conversation of the team chat (a click opens it).
    Room(Room),
}

impl Row {
    pub fn height(self) -> usize {
        match self {
            Self::Header(..) | Self::TeamHeader(_) => 1,
            Self::Chat(_) | Self::Room(_) => CHAT_ROWS,
        }
    }
}

/// The Team section's conversations: the room, then each one-to-one chat the console has.
/// The server's `team_recent` after a snapshot brings the room (even without lines), so the
/// section is there wherever the server has the team chat.
pub fn rooms(state: &State) -> Vec<Room> {
    state.team.rooms.keys().copied().collect()
}

pub fn section_of(chat: &ChatView, my_id: Option<i64>) -> Section {
    match chat.chat.status {
        ChatStatus::Waiting => Section::Waiting,
        ChatStatus::Active if my_id.is_some() && chat.chat.operator_id == my_id => Section::Mine,
        ChatStatus::Active => Section::Others,
        ChatStatus::Offline => Section::Offline,
        ChatStatus::Closed => Section::Closed,
    }
}

/// Chat ids per section, each in its order: waiting oldest first, the rest newest activity first.
pub fn sections(state: &State) -> [(Section, Vec<i64>); 5] {
    let mut out = [
        (Section::Waiting, Vec::new()),
        (Section::Offline, Vec::new()),
        (Section::Mine, Vec::new()),
        (Section::Others, Vec::new()),
        (Section::Closed, Vec::new()),
    ];
    let my_id = state.my_id();
    let mut all: Vec<&ChatView> = state.chats.values().collect();
    all.sort_by_key(|c| (std::cmp::Reverse(c.last_activity), c.chat.id));
    for chat in all {
        let idx = section_of(chat, my_id) as usize;
        out[idx].1.push(chat.chat.id);
    }
    // The queue and the messages left offline: oldest first, as they are answered.
    for (_, ids) in &mut out[..2] {
        ids.sort_by_key(|id| state.chats.get(id).map(|c| (c.chat.created_at, c.chat.id)));
    }
    out
}

/// Every row of the list, headers included (empty sections are left out, except Waiting).
pub fn rows(state: &State) -> Vec<Row> {
    let mut rows = Vec::new();
    for (section, ids) in sections(state) {
        if ids.is_empty() && section != Section::Waiting {
            continue;
        }
        rows.push(Row::Header(section, ids.len()));
        rows.extend(ids.into_iter().map(Row::Chat));
    }
    let rooms = rooms(state);
    if !rooms.is_empty() {
        rows.push(Row::TeamHeader(rooms.len()));
        rows.extend(rooms.into_iter().map(Row::Room));
    }
    rows
}

/// Chat ids in display order.
pub fn order(state: &State) -> Vec<i64> {
    sections(state)
        .into_iter()
        .flat_map(|(_, ids)| ids)
        .collect()
}

/// First row to draw so that the selected chat is visible in `height` rows. Stateless: it only
/// scrolls when the selection would fall below the bottom.
pub fn first_visible(rows: &[Row], selected: Option<i64>, height: usize) -> usize {
    let Some(sel) = selected else { return 0 };
    let Some(idx) = rows.iter().position(|r| *r == Row::Chat(sel)) else {
        return 0;
    };
    let mut start = 0;
    let bottom = |start: usize| -> usize { rows[start..=idx].iter().map(|r| r.height()).sum() };
    while start < idx && bottom(start) > height {
        start += 1;
    }
    start
}

/// The chat under a row of the list's inside (0 = first visible row).
pub fn chat_at(state: &State, height: usize, row: usize) -> Option<i64> {
    match row_at(state, height, row)? {
        Row::Chat(id) => Some(id),
        Row::Header(..) | Row::TeamHeader(_) | Row::Room(_) => None,
    }
}

/// The list row under a row of the list's inside (0 = first visible row).
pub fn row_at(state: &State, height: usize, row: usize) -> Option<Row> {
    let rows = rows(state);
    let mut y = 0;
    for r in &rows[first_visible(&rows, state.selected, height)..] {
        if row < y + r.height() {
            return Some(*r);
        }
        y += r.height();
    }
    None
}
