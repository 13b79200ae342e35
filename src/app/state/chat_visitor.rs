//! A chat's visitor profile replaced: their label follows, and so do their lines signed with
//! the old one.

use frontdesk_protocol::VisitorProfile;

use super::chat::ChatView;
use super::entry::Who;
use super::label::visitor_label;

impl ChatView {
    /// The visitor's profile anew. When their name changed (a form filled in on a later
    /// visit), their lines signed with the old one follow it, as the list and titles do.
    pub fn set_visitor(&mut self, visitor: VisitorProfile, visitor_word: &str) {
        let label = visitor_label(&visitor, visitor_word);
        self.visitor = visitor;
        if label == self.label {
            return;
        }
        let was = self.names.iter().position(|n| **n == *self.label);
        let now = self.intern(&label);
        self.label = label;
        let Some(was) = was.and_then(|k| u32::try_from(k).ok()) else {
            return;
        };
        let mut renamed = false;
        for e in &mut self.messages {
            if e.who == Who::Visitor && e.name == was {
                e.name = now;
                renamed = true;
            }
        }
        // The name's width is in the first row of each line: wrap again at the same width.
        if let Some(r) = self.rows.take_if(|_| renamed) {
            self.ensure_wrapped(r.width, &r.calendar.tz, r.calendar.today);
        }
    }
}
