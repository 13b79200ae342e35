//! One dialog line as a chat keeps it: a compact, copyable record whose text and author name
//! live in the chat's stores (`ChatView::text`, `ChatView::author`), so a message costs 32
//! bytes plus its text. [`NewEntry`] is the owned form a line has before it joins a chat.

use std::num::NonZeroI64;

use frontdesk_protocol::{Attachment, Message, MessageKind, Millis, Role};

use super::texts::TextRef;
use crate::i18n::Numbers;
use crate::sanitize::{Mode, sanitize};

/// A dialog line in a chat: a message (visitor's, ours, a colleague's) or a system line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The server's message id once stored (ids start at 1, so `None` is "not stored yet").
    id: Option<NonZeroI64>,
    pub ts: Millis,
    /// Sanitized text, in the chat's text store.
    pub(super) text: TextRef,
    /// Index into the chat's author names (0: none).
    pub(super) name: u32,
    pub who: Who,
    pub delivery: Delivery,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Visitor,
    /// An operator (`own`: this console's operator), `note` for internal notes, `whisper` for
    /// a supervisor's word to the assignee alone.
    Operator {
        own: bool,
        note: bool,
        whisper: bool,
    },
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Pending,
    Stored,
    Failed,
}

impl Entry {
    pub(super) fn new(e: &NewEntry, text: TextRef, name: u32) -> Self {
        Self {
            id: e.id.and_then(NonZeroI64::new),
            ts: e.ts,
            text,
            name,
            who: e.who,
            delivery: e.delivery,
        }
    }

    pub fn id(&self) -> Option<i64> {
        self.id.map(NonZeroI64::get)
    }

    pub(super) fn set_id(&mut self, id: Option<i64>) {
        self.id = id.and_then(NonZeroI64::new);
    }

    pub fn is_own(&self) -> bool {
        matches!(self.who, Who::Operator { own: true, .. })
    }

    /// An operator's answer to the visitor: not a note, a whisper or a refused message.
    pub fn answers(&self) -> bool {
        matches!(
            self.who,
            Who::Operator {
                note: false,
                whisper: false,
                ..
            }
        ) && self.delivery != Delivery::Failed
    }
}

/// A line on its way into a chat (`ChatView::push`), owning its sanitized text and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub id: Option<i64>,
    /// Set for our own messages: the command id they were sent under.
    pub client_id: Option<String>,
    pub ts: Millis,
    pub who: Who,
    /// Sanitized author name ("" for system lines).
    pub name: String,
    /// Sanitized text.
    pub text: String,
    pub delivery: Delivery,
    /// The file the message carries (its `text` is then the file's label).
    pub attachment: Option<Attachment>,
}

impl NewEntry {
    /// `units`: how the language writes a file's size.
    pub fn from_message(
        m: &Message,
        my_id: Option<i64>,
        visitor_label: &str,
        units: &Numbers,
    ) -> Self {
        let name = m
            .author
            .name
            .as_deref()
            .map(|n| sanitize(n, Mode::NAME).into_owned());
        let (who, name) = match m.author.role {
            Role::Visitor => (
                Who::Visitor,
                name.unwrap_or_else(|| visitor_label.to_owned()),
            ),
            Role::Operator => (
                Who::Operator {
                    own: my_id.is_some() && m.author.operator_id == my_id,
                    note: m.kind == MessageKind::Note,
                    whisper: m.kind == MessageKind::Whisper,
                },
                name.unwrap_or_default(),
            ),
            Role::System => (Who::System, String::new()),
        };
        Self {
            id: Some(m.id),
            client_id: m.client_id.clone(),
            ts: m.ts,
            who,
            name,
            text: match &m.attachment {
                Some(file) => file_label(file, units),
                None => sanitize(&m.text, Mode::TEXT).into_owned(),
            },
            delivery: Delivery::Stored,
            attachment: m.attachment.clone(),
        }
    }

    pub fn system(ts: Millis, text: String) -> Self {
        Self {
            id: None,
            client_id: None,
            ts,
            who: Who::System,
            name: String::new(),
            text,
            delivery: Delivery::Stored,
            attachment: None,
        }
    }

    /// Our own message, just sent under `client_id` (`name` and `text` sanitized).
    pub fn own(client_id: String, ts: Millis, name: String, text: String) -> Self {
        Self {
            id: None,
            client_id: Some(client_id),
            ts,
            who: Who::Operator {
                own: true,
                note: false,
                whisper: false,
            },
            name,
            text,
            delivery: Delivery::Pending,
            attachment: None,
        }
    }
}

/// "📎 name · 240 KB · image/png": a file in the dialog, one line, its name and type made safe.
pub fn file_label(file: &Attachment, units: &Numbers) -> String {
    format!(
        "\u{1F4CE} {} · {} · {}",
        sanitize(&file.name, Mode::line(120)),
        crate::downloads::human_size(file.size, units),
        sanitize(&file.mime, Mode::line(60))
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_entry_stays_small() {
        // The memory budget of a day's chats (docs/benchmarks.md) rests on this.
        assert!(std::mem::size_of::<super::Entry>() <= 32);
    }
}
