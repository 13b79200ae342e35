//! Alerts for the operators' own chat.

use super::{Notifier, burst};
use crate::app::State;
use crate::app::state::Room;
use crate::notify::rules::Kind;
use crate::notify::text::{self, Item};
use crate::sanitize::{Mode, sanitize};

/// A colleague's line in the team chat counts like a visitor's message in one of my chats:
/// into the message group, unless I wrote it or am looking at its conversation. Its item's
/// `chat_id` is 0 for the team room and minus the colleague's id for a one-to-one chat, so
/// lines of one conversation count together and never match a visitor's chat.
pub(super) fn line(
    n: &mut Notifier,
    state: &State,
    from: i64,
    to: Option<i64>,
    from_name: &str,
    text: &str,
) {
    let me = state.my_id();
    if me.is_none_or(|me| me == from) || !n.wants(Kind::Message, state) {
        return;
    }
    let room = match to {
        None => Room::Team,
        Some(_) => Room::With(from),
    };
    let looking = n.rules.only_when_not_looking
        && n.terminal_focused != Some(false)
        && state.pane_room(state.pane) == Some(room);
    if looking {
        return;
    }
    let chat_id = match room {
        Room::Team => 0,
        Room::With(id) => -id,
    };
    let name = sanitize(from_name, Mode::NAME);
    let name = state.strings.team.alert_name.replace("{name}", &name);
    let text = super::items::snippet_of(text);
    let now = state.now;
    let g = burst(n, Kind::Message, now);
    match g.items.iter_mut().find(|i| i.chat_id == chat_id) {
        Some(counted) => {
            counted.messages += 1;
            counted.text = text;
        }
        None => g.items.push(Item {
            chat_id,
            visitor_id: 0,
            name: text::clip(&name, text::NAME_MAX),
            text,
            messages: 1,
        }),
    }
    n.mark(Kind::Message, now);
}
