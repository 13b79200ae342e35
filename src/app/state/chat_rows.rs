//! A chat's wrapped rows: made when the chat is shown in a pane at a width, dropped when it
//! leaves; the dialog draws and scrolls by them. A line that starts a day has its date before
//! its time (`days.rs`), which its first row makes room for.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::chat::ChatView;
use super::days::Calendar;
use super::rows::Rows;
use crate::app::wrap;

impl ChatView {
    /// Rows of entry `i` at `width` by `calendar`, after everything drawn before its text.
    pub(super) fn wrap_entry(
        &self,
        i: usize,
        width: usize,
        calendar: &Calendar,
    ) -> Vec<std::ops::Range<usize>> {
        let Some(entry) = self.messages.get(i) else {
            return Vec::new();
        };
        let date = self.date_by(i, calendar).map_or(0, |d| wrap::width(&d));
        wrap::wrap_ranges(self.text_of(entry), width, self.prefix_width(entry) + date)
    }

    /// The date drawn before entry `i`'s time ("06.12 "): when it is on another day than
    /// the entry before it, or, the first held, than today. `None` when not wrapped.
    pub fn date_label(&self, i: usize) -> Option<String> {
        self.date_by(i, &self.rows.as_ref()?.calendar)
    }

    fn date_by(&self, i: usize, calendar: &Calendar) -> Option<String> {
        let ts = self.messages.get(i)?.ts;
        let before = i
            .checked_sub(1)
            .and_then(|b| self.messages.get(b))
            .map(|e| e.ts);
        calendar.label(ts, before)
    }

    /// Wraps entry `i` again where it is (its text, or the line before it, changed).
    pub(super) fn rewrap(&mut self, i: usize) {
        let Some(rows) = self.rows.as_ref() else {
            return;
        };
        let wrapped = self.wrap_entry(i, rows.width, &rows.calendar);
        if let Some(r) = &mut self.rows {
            r.replace(i, &wrapped);
        }
    }

    /// Wraps every entry when the chat is shown at a new width (or was not shown), or on a new
    /// day. The zone is the console's for its whole run (set before the first frame), so it is
    /// not compared: comparing a zone read from the system looks its name up in the zone
    /// database, which cost a flood's console some 5 % of its CPU.
    pub fn ensure_wrapped(&mut self, width: usize, tz: &TimeZone, today: Date) {
        if self
            .rows
            .as_ref()
            .is_some_and(|r| r.width == width && r.calendar.today == today)
        {
            return;
        }
        let calendar = Calendar::new(tz.clone(), today);
        let mut rows = Rows::new(width, calendar);
        for i in 0..self.messages.len() {
            rows.push(&self.wrap_entry(i, width, &rows.calendar));
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
