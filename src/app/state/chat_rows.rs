//! A chat's wrapped rows: made when the chat is shown in a pane at a width, dropped when it
//! leaves; the dialog draws and scrolls by them.

use super::chat::ChatView;
use super::entry::Entry;
use super::rows::Rows;
use crate::app::wrap;

impl ChatView {
    pub(super) fn wrap_entry(&self, entry: &Entry, width: usize) -> Vec<std::ops::Range<usize>> {
        wrap::wrap_ranges(self.text_of(entry), width, self.prefix_width(entry))
    }

    /// Wraps every entry when the chat is shown at a new width (or was not shown).
    pub fn ensure_wrapped(&mut self, width: usize) {
        if self.rows.as_ref().is_some_and(|r| r.width == width) {
            return;
        }
        let mut rows = Rows::new(width);
        for e in &self.messages {
            rows.push(&self.wrap_entry(e, width));
        }
        self.rows = Some(rows);
    }

    /// Forgets the wrapped rows: the chat left its pane.
    pub fn unwrap_rows(&mut self) {
        self.rows = None;
    }

    /// Width the rows were wrapped for (0: not wrapped).
    pub fn wrapped_width(&self) -> usize {
        self.rows.as_ref().map_or(0, |r| r.width)
    }

    /// Every wrapped row (0 when not wrapped), so scrolling can clamp cheaply.
    pub fn total_rows(&self) -> usize {
        self.rows.as_ref().map_or(0, Rows::total)
    }

    /// Wrapped rows of entry `i`.
    pub fn row_count(&self, i: usize) -> usize {
        self.rows.as_ref().map_or(0, |r| r.count(i))
    }

    /// Byte range of row `k` of entry `i` in its text.
    pub fn row_span(&self, i: usize, k: usize) -> std::ops::Range<usize> {
        self.rows.as_ref().map_or(0..0, |r| r.span(i, k))
    }

    /// Row `k` of entry `i`; the first row follows the prefix.
    pub fn row(&self, i: usize, k: usize) -> &str {
        self.text(i).get(self.row_span(i, k)).unwrap_or("")
    }

    /// Where each wrapped row of entry `i` starts in its text.
    pub fn row_starts(&self, i: usize) -> Vec<usize> {
        self.rows.as_ref().map(|r| r.starts(i)).unwrap_or_default()
    }
}
