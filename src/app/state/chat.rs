//! One chat as the console shows it: the server's data plus its sanitized lines. The lines'
//! texts live in one chunked store per chat (`texts.rs`), author names once per chat, client
//! ids only for our own unacknowledged messages, and wrapped rows (`rows.rs`) only while the
//! chat is shown in a pane.

use std::borrow::Cow;
use std::collections::BTreeMap;

use frontdesk_protocol::{Attachment, Chat, ChatState, ChatStatus, Millis, VisitorProfile};

use super::chat_wait::Away;
use super::entry::{Delivery, Entry, NewEntry, Who};
use super::label::{cut_to_width, visitor_label};
use super::rows::Rows;
use super::texts::Texts;
use crate::app::search::Search;
use crate::app::wrap;
use crate::sanitize::{Mode, sanitize};

/// Preview of the last message in the list: long enough for the widest sidebar.
const PREVIEW_CHARS: usize = 80;
/// Author names are cut so the text keeps most of a narrow dialog; a cut name ends in "…",
/// so it never reads as a whole, different name.
const AUTHOR_COLUMNS: usize = 20;

/// How long a colleague's "typing" holds without news: a console repeats it every 2 s while
/// its operator types, so a console that died stops showing after this.
pub const COLLEAGUE_TYPING_MS: Millis = 6_000;

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
    /// Colleagues typing in this chat and when they last said so (one entry per operator), so
    /// two people never answer one visitor at once. Shown while fresh ([`COLLEAGUE_TYPING_MS`]).
    pub colleagues_typing: Vec<(i64, Millis)>,
    pub last_activity: Millis,
    /// When the visitor's unanswered words began: the first visitor message after the last
    /// operator reply (internal notes and system lines do not answer). `None`: answered.
    pub awaiting_since: Option<Millis>,
    /// An operator has answered here (a chat back in the queue after it was someone's): its
    /// visitor then waits only on unanswered words, as in an active chat (`chat_wait.rs`).
    pub replied: bool,
    /// The search within this dialog, kept with the chat (hits index `messages`).
    pub search: Option<Search>,
    /// The server may hold older messages than the first one here: a snapshot carries only
    /// the latest ones, and `history` says whether more remain.
    pub more_before: bool,
    /// Its department's time ran out (`chat_unclaimed`): every operator is asked to take it.
    pub open_to_all: bool,
    /// The latest e-mail of an answer to an offline message (sanitized, `mail.rs`).
    pub mail: Option<frontdesk_protocol::MailStatus>,
    /// The newest message the visitor has seen (`chat_seen`): our answers up to it are read.
    pub seen_id: Option<i64>,
    /// When its operator took it on (snapshot, `chat_accepted`, `chat_transferred`).
    pub held_at: Option<Millis>,
    /// Seen as an offline message (a visitor who left it and went): once taken, its first
    /// words wait for no one live, so no response target runs until the visitor writes again.
    pub left_offline: bool,
    /// The server says the visitor has left the site (no widget open): they read an answer
    /// when they come back, or by e-mail. `None`: on the site.
    pub visitor_away: Option<Away>,
    pub(super) texts: Texts,
    /// The files of this chat's messages, by message id (`:save` takes the newest).
    pub files: BTreeMap<i64, Attachment>,
    /// Author names, each once; `Entry::name` indexes this (0 is "").
    pub(super) names: Vec<Box<str>>,
    /// Client ids of our own messages not yet stored, with their entry's index.
    pub(super) own: Vec<(Box<str>, usize)>,
    /// The newest stored message id here, so a replay check is O(1) for new messages.
    newest_id: i64,
    /// Wrapped rows while the chat is shown in a pane (`chat_rows.rs`).
    pub(super) rows: Option<Rows>,
    /// The label drawn after a whisper's author (its width counts in the first row).
    pub whisper_tag: &'static str,
    /// The note label, likewise.
    pub note_tag: &'static str,
    /// "You", before the operator's own words in the list's preview.
    pub you_label: &'static str,
}

impl ChatView {
    /// `words.visitor` names visitors without a name ("Visitor #42").
    pub fn new(state: ChatState, my_id: Option<i64>, words: &'static crate::i18n::Strings) -> Self {
        let label = visitor_label(&state.visitor, words.visitor);
        let left_offline = state.chat.status == ChatStatus::Offline;
        let mut view = Self {
            left_offline,
            visitor_away: None,
            last_activity: state.chat.created_at,
            awaiting_since: None,
            replied: false,
            chat: state.chat,
            visitor: state.visitor,
            label,
            messages: Vec::new(),
            unread: 0,
            draft: None,
            colleagues_typing: Vec::new(),
            search: None,
            more_before: !state.messages.is_empty(),
            open_to_all: false,
            mail: state.mail.map(super::mail::clean),
            seen_id: state.seen_id,
            held_at: state.held_at,
            texts: Texts::default(),
            files: BTreeMap::new(),
            names: vec![Box::from("")],
            own: Vec::new(),
            newest_id: 0,
            rows: None,
            whisper_tag: words.team.whisper_tag,
            note_tag: words.team.note_tag,
            you_label: words.you,
        };
        for m in &state.messages {
            let entry = NewEntry::from_message(m, my_id, &view.label, words.numbers);
            view.push(entry);
        }
        view
    }

    /// The sanitized text of `entry` (an entry of this chat).
    pub fn text_of(&self, entry: &Entry) -> &str {
        self.texts.get(entry.text)
    }

    /// The text of entry `i` ("" when there is none).
    pub fn text(&self, i: usize) -> &str {
        self.messages.get(i).map_or("", |e| self.text_of(e))
    }

    /// One safe line of the newest message for the chat list ("" before any): the newest
    /// entry that is not a system line nor a refused reply, after who wrote it unless it is
    /// the visitor ("You: …", "Мария: …", "[note] …"), so an unanswered visitor reads apart.
    /// Made when the list draws, not kept, so a flood costs no preview work per message.
    pub fn preview(&self) -> Cow<'_, str> {
        let Some(e) = self.newest_line() else {
            return Cow::Borrowed("");
        };
        let text = sanitize(self.text_of(e), Mode::line(PREVIEW_CHARS));
        let who: Cow<'_, str> = match e.who {
            Who::Visitor | Who::System => return text,
            Who::Operator { whisper: true, .. } => self.whisper_tag.into(),
            Who::Operator { note: true, .. } => self.note_tag.into(),
            Who::Operator { own: true, .. } => format!("{}:", self.you_label).into(),
            Who::Operator { .. } => format!("{}:", self.author(e)).into(),
        };
        format!("{who} {text}").into()
    }

    /// Author shown before the text, cut to a bounded width with "…" when it was longer.
    pub fn author(&self, entry: &Entry) -> Cow<'_, str> {
        let name = self.names.get(entry.name as usize).map_or("", |n| n);
        let cut = cut_to_width(name, AUTHOR_COLUMNS);
        if cut.len() == name.len() {
            return cut.into();
        }
        format!("{}…", cut_to_width(name, AUTHOR_COLUMNS - 1)).into()
    }

    /// Columns taken by "HH:MM ", the delivery mark ("✓ ") of own messages and "author: "
    /// (" " and the note tag for notes, the whisper tag for whispers): exactly what the
    /// dialog draws before the first row.
    pub fn prefix_width(&self, entry: &Entry) -> usize {
        let extra = match entry.who {
            Who::System => return 6,
            Who::Visitor => 0,
            Who::Operator { own, note, whisper } => {
                let tag = match (whisper, note) {
                    (true, _) => 1 + wrap::width(self.whisper_tag),
                    (false, true) => 1 + wrap::width(self.note_tag),
                    (false, false) => 0,
                };
                3 * usize::from(own) + tag
            }
        };
        6 + extra + wrap::width(&self.author(entry)) + 2
    }

    /// The client id entry `i` was sent under, while it is not stored yet.
    pub fn client_id(&self, i: usize) -> Option<&str> {
        self.own.iter().find(|(_, e)| *e == i).map(|(c, _)| &**c)
    }

    /// Index of our own message sent under `client_id`, while it is not stored yet.
    pub fn find_client(&self, client_id: &str) -> Option<usize> {
        self.own
            .iter()
            .rfind(|(c, _)| &**c == client_id)
            .map(|(_, i)| *i)
    }

    /// Indexes of our own messages still pending (a few, without scanning the history).
    pub fn pending_own(&self) -> impl Iterator<Item = usize> + '_ {
        self.own.iter().map(|(_, i)| *i).filter(|&i| {
            self.messages
                .get(i)
                .is_some_and(|e| e.delivery == Delivery::Pending)
        })
    }

    /// Our message `i` was acknowledged: stored, under `id` when the server said it.
    pub fn ack(&mut self, i: usize, id: Option<i64>) {
        let Some(e) = self.messages.get_mut(i) else {
            return;
        };
        e.delivery = Delivery::Stored;
        if e.id().is_none() {
            e.set_id(id);
        }
        if let Some(id) = e.id() {
            self.newest_id = self.newest_id.max(id);
            // Its event is now recognised by id; the client id is no longer needed.
            self.own.retain(|(_, e)| *e != i);
        }
    }

    /// Our message `i` was refused: it answers nobody and is not the chat's last word, so the
    /// list's preview and the visitor's wait go back to what they were.
    pub fn fail(&mut self, i: usize) {
        if let Some(e) = self.messages.get_mut(i) {
            e.delivery = Delivery::Failed;
        }
        self.own.retain(|(_, e)| *e != i);
        self.awaiting_since = self.first_unanswered();
        self.replied = self.messages.iter().any(Entry::answers);
    }

    /// Entry `i` as an owned line again (to carry our pending messages over a snapshot).
    pub fn owned(&self, i: usize) -> Option<NewEntry> {
        let e = self.messages.get(i)?;
        Some(NewEntry {
            id: e.id(),
            client_id: self.client_id(i).map(str::to_owned),
            ts: e.ts,
            who: e.who,
            name: self.names.get(e.name as usize).map_or("", |n| n).to_owned(),
            text: self.text_of(e).to_owned(),
            delivery: e.delivery,
            attachment: self.files.get(&e.id().unwrap_or_default()).cloned(),
        })
    }

    /// Stores a line's text and name, remembering its client id while it is pending.
    fn store(&mut self, i: usize, new: &NewEntry) -> Entry {
        let text = self.texts.push(&new.text);
        let name = self.intern(&new.name);
        let entry = Entry::new(new, text, name);
        self.own.retain(|(_, e)| *e != i);
        if new.delivery == Delivery::Pending
            && let Some(c) = &new.client_id
        {
            self.own.push((c.as_str().into(), i));
        }
        if let Some(id) = entry.id() {
            self.newest_id = self.newest_id.max(id);
            if let Some(file) = &new.attachment {
                self.files.insert(id, file.clone());
            }
        }
        entry
    }

    /// The index of author `name` in `names`, added the first time it signs a line.
    pub(super) fn intern(&mut self, name: &str) -> u32 {
        let at = match self.names.iter().rposition(|n| **n == *name) {
            Some(k) => k,
            None => {
                self.names.push(name.into());
                self.names.len() - 1
            }
        };
        u32::try_from(at).unwrap_or(0)
    }

    /// Appends a line, wrapping it if this chat is shown.
    pub fn push(&mut self, new: NewEntry) {
        let i = self.messages.len();
        let entry = self.store(i, &new);
        self.last_activity = self.last_activity.max(entry.ts);
        match entry.who {
            Who::Visitor => self.awaiting_since = self.awaiting_since.or(Some(entry.ts)),
            Who::Operator {
                note: false,
                whisper: false,
                ..
            } => self.awaiting_since = None,
            Who::Operator { .. } | Who::System => {}
        }
        self.replied |= entry.answers();
        if let Some(search) = &mut self.search {
            search.push_entry(i, &new.text);
        }
        self.messages.push(entry);
        if let Some(r) = &self.rows {
            let rows = self.wrap_entry(i, r.width, &r.calendar);
            if let Some(r) = &mut self.rows {
                r.push(&rows);
            }
        }
    }

    /// Puts `new` in place of entry `i` (our own message coming back stored). Its old text
    /// stays in the store unused: a few bytes per message we send.
    pub fn replace(&mut self, i: usize, new: NewEntry) {
        if i >= self.messages.len() {
            return;
        }
        let entry = self.store(i, &new);
        if let Some(search) = &mut self.search {
            search.redo_entry(i, &new.text);
        }
        self.messages[i] = entry;
        // Its time may have moved to another day, and with it the date of the line after.
        self.rewrap(i);
        if i + 1 < self.messages.len() {
            self.rewrap(i + 1);
        }
    }

    /// Puts older lines (oldest first) before the ones here. Rows are counted from the
    /// newest, so a pane's scroll keeps showing the same lines.
    pub fn prepend(&mut self, older: Vec<NewEntry>) {
        if older.is_empty() {
            return;
        }
        let n = older.len();
        for (_, i) in &mut self.own {
            *i += n;
        }
        let newer = std::mem::take(&mut self.messages);
        let mut rows = self.rows.take();
        let mut older_rows = rows
            .as_ref()
            .map(|r| Rows::new(r.width, r.calendar.clone()));
        for (i, new) in older.iter().enumerate() {
            let entry = self.store(i, new);
            self.messages.push(entry);
            if let Some(r) = &mut older_rows {
                r.push(&self.wrap_entry(i, r.width, &r.calendar));
            }
        }
        self.messages.extend(newer);
        self.awaiting_since = self.first_unanswered();
        self.replied = self.replied || self.messages[..n].iter().any(Entry::answers);
        if let (Some(r), Some(o)) = (&mut rows, older_rows) {
            r.prepend(o);
        }
        self.rows = rows;
        // The first line held before has a line before it now: its date may go.
        self.rewrap(n);
        if let Some(mut search) = self.search.take() {
            // Every index moved: search again, staying on the same hit.
            let current = search.position();
            search.run(self.messages.iter().map(|e| self.texts.get(e.text)));
            if let Some((k, _)) = current {
                search.current = search.hits.len().checked_sub(k);
            }
            self.search = Some(search);
        }
    }

    /// Starts or changes the search: every entry is searched once.
    pub fn set_search(&mut self, query: &str) {
        let search = self.search.get_or_insert_with(Search::default);
        search.set_query(query);
        let texts = &self.texts;
        search.run(self.messages.iter().map(|e| texts.get(e.text)));
    }

    /// Whether the stored message `id` is here already (a replay after a reconnect). Ids grow,
    /// so anything newer than the newest stored one is new without a scan: a flood stays O(1).
    pub fn has_message(&self, id: i64) -> bool {
        id <= self.newest_id && self.messages.iter().rev().any(|e| e.id() == Some(id))
    }
}
