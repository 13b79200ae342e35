//! One chat as the console shows it: the server's data plus sanitized, pre-wrapped text.

use frontdesk_protocol::{Chat, ChatState, Message, MessageKind, Millis, Role, VisitorProfile};

use crate::app::wrap;
use crate::sanitize::{Mode, sanitize};

/// Preview of the last message in the list: long enough for the widest sidebar.
const PREVIEW_CHARS: usize = 80;
/// Author names are cut so the text keeps most of a narrow dialog.
const AUTHOR_COLUMNS: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct ChatView {
    pub chat: Chat,
    pub visitor: VisitorProfile,
    /// Sanitized name for the list and the dialog title.
    pub label: String,
    pub messages: Vec<Entry>,
    pub unread: u32,
    /// The visitor's live draft, sanitized; `None` when not typing.
    pub draft: Option<String>,
    /// Sanitized one-line preview of the newest message.
    pub preview: String,
    pub last_activity: Millis,
    /// Width the entries' `lines` were wrapped for (0: not wrapped yet).
    pub wrapped_width: usize,
    /// Sum of every entry's wrapped rows, kept up to date so scrolling can clamp cheaply.
    pub total_rows: usize,
}

/// A dialog line: a message (visitor's, ours, a colleague's) or a system line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Server's message id once stored.
    pub id: Option<i64>,
    pub client_id: Option<String>,
    pub ts: Millis,
    pub who: Who,
    /// Sanitized text.
    pub text: String,
    pub delivery: Delivery,
    /// `text` wrapped to `ChatView::wrapped_width`; the first line follows the prefix.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Visitor(String),
    /// An operator (`own`: this console's operator), `note` for internal notes.
    Operator {
        name: String,
        own: bool,
        note: bool,
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
    pub fn from_message(m: &Message, my_id: Option<i64>, visitor_label: &str) -> Self {
        let name = m
            .author
            .name
            .as_deref()
            .map(|n| sanitize(n, Mode::NAME).into_owned());
        let who = match m.author.role {
            Role::Visitor => Who::Visitor(name.unwrap_or_else(|| visitor_label.to_owned())),
            Role::Operator => Who::Operator {
                name: name.unwrap_or_default(),
                own: my_id.is_some() && m.author.operator_id == my_id,
                note: m.kind == MessageKind::Note,
            },
            Role::System => Who::System,
        };
        Self {
            id: Some(m.id),
            client_id: m.client_id.clone(),
            ts: m.ts,
            who,
            text: sanitize(&m.text, Mode::TEXT).into_owned(),
            delivery: Delivery::Stored,
            lines: Vec::new(),
        }
    }

    pub fn system(ts: Millis, text: String) -> Self {
        Self {
            id: None,
            client_id: None,
            ts,
            who: Who::System,
            text,
            delivery: Delivery::Stored,
            lines: Vec::new(),
        }
    }

    /// Author shown before the text, cut to a bounded width.
    pub fn author(&self) -> &str {
        let name = match &self.who {
            Who::Visitor(n) | Who::Operator { name: n, .. } => n.as_str(),
            Who::System => "",
        };
        cut_to_width(name, AUTHOR_COLUMNS)
    }

    pub fn is_own(&self) -> bool {
        matches!(self.who, Who::Operator { own: true, .. })
    }

    /// Columns taken by "HH:MM ", the delivery mark ("✓ ") of own messages and "author: ".
    pub fn prefix_width(&self) -> usize {
        let mark = if self.is_own() { 2 } else { 0 };
        let author = match self.who {
            Who::System => 0,
            _ => wrap::width(self.author()) + 2,
        };
        6 + mark + author
    }

    pub fn rewrap(&mut self, width: usize) {
        let indent = self.prefix_width().min(width / 2);
        self.lines = wrap::wrap(&self.text, width, indent);
    }
}

impl ChatView {
    /// `visitor_word` names visitors without a name ("Visitor #42").
    pub fn new(state: ChatState, my_id: Option<i64>, visitor_word: &str) -> Self {
        let label = visitor_label(&state.visitor, visitor_word);
        let mut view = Self {
            last_activity: state.chat.created_at,
            chat: state.chat,
            visitor: state.visitor,
            label,
            messages: Vec::new(),
            unread: 0,
            draft: None,
            preview: String::new(),
            wrapped_width: 0,
            total_rows: 0,
        };
        for m in &state.messages {
            let entry = Entry::from_message(m, my_id, &view.label);
            view.push(entry);
        }
        view
    }

    /// Appends an entry, wrapping it if this chat is kept wrapped.
    pub fn push(&mut self, mut entry: Entry) {
        if self.wrapped_width > 0 {
            entry.rewrap(self.wrapped_width);
            self.total_rows += entry.lines.len();
        }
        if !matches!(entry.who, Who::System) {
            self.preview = sanitize(&entry.text, Mode::line(PREVIEW_CHARS)).into_owned();
        }
        self.last_activity = self.last_activity.max(entry.ts);
        self.messages.push(entry);
    }

    /// Re-wraps every entry when the dialog width changed (or the chat was never wrapped).
    pub fn ensure_wrapped(&mut self, width: usize) {
        if self.wrapped_width == width {
            return;
        }
        self.wrapped_width = width;
        self.total_rows = 0;
        for e in &mut self.messages {
            e.rewrap(width);
            self.total_rows += e.lines.len();
        }
    }

    pub fn set_visitor(&mut self, visitor: VisitorProfile, visitor_word: &str) {
        self.label = visitor_label(&visitor, visitor_word);
        self.visitor = visitor;
    }

    /// Index of our own message sent under `client_id`.
    pub fn find_client(&self, client_id: &str) -> Option<usize> {
        self.messages
            .iter()
            .rposition(|e| e.client_id.as_deref() == Some(client_id))
    }
}

/// The visitor's name from the pre-chat form, or a stable "Visitor #42".
pub fn visitor_label(v: &VisitorProfile, visitor_word: &str) -> String {
    match v.fields.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => sanitize(name, Mode::line(40)).into_owned(),
        _ => format!("{visitor_word} #{}", v.id),
    }
}

/// The longest prefix of `s` that fits in `columns`.
pub fn cut_to_width(s: &str, columns: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += wrap::width(g);
        if used > columns {
            return &s[..i];
        }
    }
    s
}
