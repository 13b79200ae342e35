//! The terminal title's counts.

use crate::app::State;
use crate::app::list::{self, Section};

/// The terminal title: the console's name with how many chats wait and how many messages are
/// unread. Counts and fixed words only: visitor text never goes into a title.
pub fn title(state: &State) -> String {
    let l = state.strings.notify;
    let my_id = state.my_id();
    let mut waiting = 0;
    let mut unread = 0;
    for chat in state.chats.values() {
        match list::section_of(chat, my_id) {
            Section::Waiting => waiting += 1,
            Section::Mine => unread += chat.unread,
            Section::Offline | Section::Others | Section::Closed => {}
        }
    }
    let mut parts = Vec::new();
    if waiting > 0 {
        parts.push(l.title_waiting.replace("{n}", &waiting.to_string()));
    }
    unread += state.team_unread();
    if unread > 0 {
        parts.push(l.title_unread.replace("{n}", &unread.to_string()));
    }
    if parts.is_empty() {
        "Frontdesk".to_owned()
    } else {
        format!("({}) Frontdesk", parts.join(", "))
    }
}
