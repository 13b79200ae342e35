//! Whether a chat's visitor is on the site: the `visitor_presence` events, live or replayed.

use frontdesk_protocol::{ChatStatus, Millis};

use crate::app::State;
use crate::app::state::{Away, NewEntry};

/// The visitor of `chat_id` left the site (`on_site` false, at `left_at`) or came back (the
/// event's `ts`): the chat's mark, and a line in a live chat's dialog when that is news to
/// this console (a return may follow a leave it never heard: a server start's). A leave is
/// told after the visitor's linger, or when an offline message is taken in: a line written
/// meanwhile is already there, so the leave's line then comes at the news's time and says
/// when they left, keeping the dialog in time order.
pub(super) fn visitor_presence(
    state: &mut State,
    chat_id: i64,
    ts: Millis,
    on_site: bool,
    left_at: Option<Millis>,
) {
    let words = state.strings;
    let tz = &state.tz;
    let Some(chat) = state.chats.get_mut(&chat_id) else {
        return;
    };
    let was_away = chat.visitor_away.is_some();
    let left_at = left_at.filter(|_| !on_site);
    chat.visitor_away = (!on_site).then_some(Away { since: left_at });
    let live = matches!(chat.chat.status, ChatStatus::Waiting | ChatStatus::Active);
    if live && was_away == on_site {
        let line = if on_site {
            NewEntry::system(ts, words.visitor_back.to_owned())
        } else {
            let at = left_at.unwrap_or(ts);
            match chat.messages.last().map(|e| e.ts).filter(|&t| t > at) {
                Some(later) => {
                    let shown = ts.max(later);
                    // On another day than the line, with its date.
                    let left = crate::app::state::clock_time_seen(tz, at, shown);
                    let now = crate::app::state::clock_time(tz, shown);
                    let text = if left == now {
                        words.visitor_left.to_owned()
                    } else {
                        words.visitor_left_at.replace("{time}", &left)
                    };
                    NewEntry::system(shown, text)
                }
                None => NewEntry::system(at, words.visitor_left.to_owned()),
            }
        };
        chat.push(line);
    }
}
