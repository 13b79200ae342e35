//! Messages the console never got, put in their place: a colleague's chat reaches a plain
//! operator without its messages, so when it comes back to the queue or is offered to them
//! the newest page is asked for, and what it holds beyond the oldest line here lands between
//! lines already shown, not before them.

use super::chat::ChatView;
use super::entry::NewEntry;
use super::rows::Rows;
use super::texts::Texts;

impl ChatView {
    /// Puts `missed` (stored messages not here) among the lines here by time; lines of the
    /// same moment keep the order they had, those here first. The dialog is laid out again:
    /// rows, the unanswered mark, pending own messages and the search follow.
    pub fn merge(&mut self, missed: Vec<NewEntry>) {
        if missed.is_empty() {
            return;
        }
        let mut lines: Vec<NewEntry> = (0..self.messages.len())
            .filter_map(|i| self.owned(i))
            .collect();
        lines.extend(missed);
        lines.sort_by_key(|line| line.ts);
        let rows = self
            .rows
            .as_ref()
            .map(|r| Rows::new(r.width, r.calendar.clone()));
        let query = self.search.take().map(|s| s.query);
        self.messages.clear();
        self.texts = Texts::default();
        self.own.clear();
        self.awaiting_since = None;
        self.replied = false;
        self.rows = rows;
        for line in lines {
            self.push(line);
        }
        if let Some(query) = query {
            self.set_search(&query);
        }
    }
}
