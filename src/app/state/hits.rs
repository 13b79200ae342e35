//! Where a chat's search hits lie in its wrapped rows: hits are byte ranges of a text, rows
//! count from the newest, and a pane scrolls by rows.

use super::ChatView;
use crate::app::search::Hit;

impl ChatView {
    /// The wrapped row of entry `i` holding byte `byte` of its text.
    pub fn row_of(&self, i: usize, byte: usize) -> usize {
        line_at(&self.row_starts(i), byte)
    }

    /// Rows between the newest row and the row holding `hit` (0: the hit is on the newest
    /// row), with the chat wrapped.
    pub fn rows_below(&self, hit: Hit) -> usize {
        if hit.entry >= self.messages.len() {
            return 0;
        }
        let after: usize = (hit.entry + 1..self.messages.len())
            .map(|i| self.row_count(i))
            .sum();
        after
            + self
                .row_count(hit.entry)
                .saturating_sub(self.row_of(hit.entry, hit.start) + 1)
    }

    /// The newest hit at or above the row `scroll` rows up from the newest (the bottom of a
    /// pane scrolled back that far); the oldest hit when all are below it. One walk back
    /// from the newest entry, stopping there.
    pub fn nearest_hit(&self, scroll: usize) -> Option<usize> {
        let hits = &self.search.as_ref()?.hits;
        if hits.is_empty() {
            return None;
        }
        let mut idx = hits.len();
        let mut below = 0;
        for e in (0..self.messages.len()).rev() {
            if idx == 0 {
                break;
            }
            let n = self.row_count(e);
            while idx > 0 && hits[idx - 1].entry == e {
                idx -= 1;
                let line = self.row_of(e, hits[idx].start);
                if below + n.saturating_sub(line + 1) >= scroll {
                    return Some(idx);
                }
            }
            below += n;
        }
        Some(0)
    }
}

/// Index of the line (given their start offsets) that holds byte `byte`.
fn line_at(starts: &[usize], byte: usize) -> usize {
    starts.partition_point(|&s| s <= byte).saturating_sub(1)
}
