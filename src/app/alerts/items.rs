//! A group's lines: one per chat, from the chat's name and the visitor's newest words.

use super::Group;
use crate::app::State;
use crate::notify::text::{self, Item};
use crate::sanitize::{Mode, sanitize};

/// The alert line of a chat; `None` for a chat we do not know.
pub(super) fn item(state: &State, chat_id: i64, text: String) -> Option<Item> {
    let chat = state.chats.get(&chat_id)?;
    Some(Item {
        chat_id,
        visitor_id: chat.visitor.id,
        name: text::clip(&chat.label, text::NAME_MAX),
        text,
        messages: 1,
    })
}

/// A queue group holds a chat once; newer text replaces older.
pub(super) fn upsert(g: &mut Group, item: Item) {
    match g.items.iter_mut().find(|i| i.chat_id == item.chat_id) {
        Some(old) if item.text.is_empty() => old.name = item.name,
        Some(old) => *old = item,
        None => {
            g.items.push(item);
            g.grew = true;
        }
    }
}

/// The first words of the visitor's newest message in a chat (sanitized on arrival).
pub(super) fn last_visitor_text(state: &State, chat_id: i64) -> Option<String> {
    let chat = state.chats.get(&chat_id)?;
    chat.messages
        .iter()
        .rev()
        .find(|e| e.who == crate::app::state::Who::Visitor)
        .map(|e| text::snippet(chat.text_of(e)))
}

/// The first words of raw text a person typed (a transfer note, a rating's comment, a
/// colleague's line), sanitized on one line.
pub(super) fn snippet_of(raw: &str) -> String {
    text::snippet(&sanitize(&raw.replace(['\r', '\n'], " "), Mode::line(400)))
}
