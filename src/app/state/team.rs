//! The operators' own chat: the team room and one-to-one chats with colleagues. Each is kept
//! as a [`ChatView`] (no visitor, no chat id), so a pane shows, wraps, scrolls and searches it
//! like any dialog; `Pane::team` says which one a pane shows.

use std::collections::{BTreeMap, HashMap};

use frontdesk_protocol::{Chat, ChatState, ChatStatus, TeamMessage, VisitorProfile};

use super::entry::{Delivery, NewEntry, Who};
use super::picker::{PickItem, Preview, Shade};
use super::{ChatView, State};
use crate::sanitize::{Mode, sanitize};

/// One conversation of the team chat, as this operator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Room {
    /// The room every operator reads.
    Team,
    /// The one-to-one chat with this colleague.
    With(i64),
}

impl Room {
    /// The conversation a line belongs to, seen by operator `me`.
    pub fn of(m: &TeamMessage, me: Option<i64>) -> Self {
        match m.to_operator_id {
            None => Self::Team,
            Some(to) if Some(m.from_operator_id) == me => Self::With(to),
            Some(_) => Self::With(m.from_operator_id),
        }
    }
}

/// Every team conversation the console has lines of (or has shown), by room.
#[derive(Debug, Clone, Default)]
pub struct TeamState {
    pub rooms: BTreeMap<Room, ChatView>,
    /// Unsent text of team conversations not in the focused pane.
    pub drafts: HashMap<Room, String>,
}

/// An empty conversation: a view without a visitor, `label` its title.
pub fn room_view(label: String, words: &'static crate::i18n::Strings) -> ChatView {
    let chat = Chat {
        id: 0,
        visitor_id: 0,
        status: ChatStatus::Active,
        operator_id: None,
        department: None,
        created_at: 0,
        accepted_at: None,
        closed_at: None,
        queued_at: None,
    };
    let state = ChatState::new(chat, VisitorProfile::default(), Vec::new());
    let mut view = ChatView::new(state, None, words);
    view.label = label;
    view
}

/// A line of the team chat as a dialog line (name and text sanitized: colleagues' words are
/// as untrusted as visitors').
pub fn team_entry(m: &TeamMessage, me: Option<i64>) -> NewEntry {
    NewEntry {
        id: Some(m.id),
        client_id: m.client_id.clone(),
        ts: m.ts,
        who: Who::Operator {
            own: Some(m.from_operator_id) == me,
            note: false,
            whisper: false,
        },
        name: sanitize(&m.from_name, Mode::NAME).into_owned(),
        text: sanitize(&m.text, Mode::TEXT).into_owned(),
        delivery: Delivery::Stored,
        attachment: None,
    }
}

impl State {
    /// The title of a team conversation: the room's name, or the colleague's (sanitized).
    pub fn room_label(&self, room: Room) -> String {
        let t = self.strings.team;
        match room {
            Room::Team => t.room.to_owned(),
            Room::With(id) => t.with.replace("{name}", &self.operator_label(id)),
        }
    }

    /// The team conversation shown in pane `i`.
    pub fn pane_room(&self, i: usize) -> Option<Room> {
        self.panes.get(i).and_then(|p| p.team)
    }

    /// The pane showing team conversation `room`.
    pub fn pane_of_room(&self, room: Room) -> Option<usize> {
        self.panes.iter().position(|p| p.team == Some(room))
    }

    /// Unread team lines in all conversations (status bar, title).
    pub fn team_unread(&self) -> u32 {
        self.team.rooms.values().map(|v| v.unread).sum()
    }
}

/// The colleague picker's key of a room: 0 the team room, else the colleague's id.
pub fn room_of_key(key: usize) -> Room {
    match i64::try_from(key) {
        Ok(0) | Err(_) => Room::Team,
        Ok(id) => Room::With(id),
    }
}

impl State {
    /// The team room first, then every colleague (not me) whose login or display name
    /// holds every word typed, by id.
    pub(super) fn colleague_pick_items(&self, query: &str) -> Vec<PickItem> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let fits = |hay: &str| {
            let hay = hay.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        };
        let unread = |room| {
            self.team
                .rooms
                .get(&room)
                .filter(|v| v.unread > 0)
                .map_or_else(String::new, |v| format!("  ●{}", v.unread))
        };
        let mut items = Vec::new();
        if fits(self.strings.team.room) {
            items.push(PickItem {
                key: 0,
                label: self.strings.team.room.to_owned(),
                hint: unread(Room::Team),
            });
        }
        let mut others: Vec<_> = self
            .operators
            .values()
            .filter(|o| Some(o.id) != self.my_id())
            .collect();
        others.sort_by_key(|o| o.id);
        for op in others {
            if !fits(&format!("{} {}", op.name, op.display_name)) {
                continue;
            }
            let Ok(key) = usize::try_from(op.id) else {
                continue;
            };
            items.push(PickItem {
                key,
                label: sanitize(&op.display_name, Mode::NAME).into_owned(),
                hint: format!(
                    "  {}{}",
                    sanitize(&op.name, Mode::NAME),
                    unread(Room::With(op.id))
                ),
            });
        }
        items
    }

    /// The newest lines of the conversation with the picked colleague (or the room).
    pub(super) fn colleague_preview(&self, key: usize) -> Option<Preview> {
        let room = room_of_key(key);
        let mut lines = Vec::new();
        if let Some(view) = self.team.rooms.get(&room) {
            for e in view.messages.iter().rev().take(12).rev() {
                lines.push(vec![
                    (format!("{}: ", view.author(e)), Shade::Dim),
                    (view.text_of(e).to_owned(), Shade::Plain),
                ]);
            }
        }
        Some(Preview {
            title: format!(" {} ", self.room_label(room)),
            lines,
        })
    }
}
