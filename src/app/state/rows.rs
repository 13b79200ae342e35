//! The wrapped rows of a chat shown in a pane, as byte ranges into each entry's text. Kept
//! only while the chat is in a pane (a thousand chats in the list cost nothing here) and in
//! two flat vectors, so a long history is two allocations, not one per message.

use std::ops::Range;

use super::days::Calendar;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// Width these rows were wrapped for.
    pub width: usize,
    /// The zone and day they were wrapped on: a line's date takes room in its first row.
    pub calendar: Calendar,
    /// Entry `i`'s rows are `spans[first[i]..first[i + 1]]`.
    first: Vec<u32>,
    /// (start, end) of each row in its entry's text.
    spans: Vec<(u32, u32)>,
}

impl Rows {
    pub fn new(width: usize, calendar: Calendar) -> Self {
        Self {
            width,
            calendar,
            first: vec![0],
            spans: Vec::new(),
        }
    }

    /// Every row of every entry.
    pub fn total(&self) -> usize {
        self.spans.len()
    }

    /// Rows of entry `i` (0 for an entry not here).
    pub fn count(&self, i: usize) -> usize {
        match (self.first.get(i), self.first.get(i + 1)) {
            (Some(a), Some(b)) => (b - a) as usize,
            _ => 0,
        }
    }

    /// Byte range of row `k` of entry `i` in the entry's text.
    pub fn span(&self, i: usize, k: usize) -> Range<usize> {
        let at = self.first.get(i).map_or(usize::MAX, |&f| f as usize + k);
        let limit = self.first.get(i + 1).map_or(0, |&f| f as usize);
        match self.spans.get(at).filter(|_| at < limit) {
            Some(&(a, b)) => a as usize..b as usize,
            None => 0..0,
        }
    }

    /// Where each row of entry `i` starts in its text.
    pub fn starts(&self, i: usize) -> Vec<usize> {
        (0..self.count(i)).map(|k| self.span(i, k).start).collect()
    }

    /// Adds the rows of the next entry.
    pub fn push(&mut self, rows: &[Range<usize>]) {
        self.spans.extend(rows.iter().map(pair));
        self.first.push(to_u32(self.spans.len()));
    }

    /// Puts new rows for entry `i` (its text changed).
    pub fn replace(&mut self, i: usize, rows: &[Range<usize>]) {
        let (Some(&a), Some(&b)) = (self.first.get(i), self.first.get(i + 1)) else {
            return;
        };
        self.spans
            .splice(a as usize..b as usize, rows.iter().map(pair));
        let shift = i64::from(to_u32(rows.len())) - i64::from(b - a);
        for f in &mut self.first[i + 1..] {
            *f = u32::try_from(i64::from(*f) + shift).unwrap_or(0);
        }
    }

    /// Puts `older` (wrapped for the same width) before these rows.
    pub fn prepend(&mut self, mut older: Rows) {
        let offset = to_u32(older.spans.len());
        older.spans.append(&mut self.spans);
        older
            .first
            .extend(self.first.iter().skip(1).map(|f| f + offset));
        *self = older;
    }
}

fn pair(r: &Range<usize>) -> (u32, u32) {
    (to_u32(r.start), to_u32(r.end))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_kept_per_entry_through_replace_and_prepend() {
        let calendar = Calendar::new(jiff::tz::TimeZone::UTC, jiff::civil::date(2026, 12, 7));
        let mut rows = Rows::new(20, calendar.clone());
        rows.push(&[0..3, 4..7]);
        rows.push(&[Range { start: 0, end: 5 }]);
        rows.push(&[0..1, 2..3, 4..5]);
        assert_eq!((rows.total(), rows.count(0), rows.count(2)), (6, 2, 3));
        assert_eq!(rows.span(2, 1), 2..3);
        rows.replace(1, &[0..2, 3..6]);
        assert_eq!((rows.total(), rows.count(1), rows.span(2, 0)), (7, 2, 0..1));
        let mut older = Rows::new(20, calendar);
        older.push(&[Range { start: 0, end: 9 }]);
        rows.prepend(older);
        assert_eq!(rows.count(0), 1);
        assert_eq!(rows.starts(2), [0, 3]);
        assert_eq!(rows.span(3, 2), 4..5);
        assert_eq!((rows.span(3, 3), rows.count(9)), (0..0, 0));
    }
}
