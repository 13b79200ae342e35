//! The year run's report as text.

use std::fmt::Write;

use super::measure::YearReport;

impl YearReport {
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let s = &self.size;
        let _ = writeln!(
            out,
            "database: {} chats, {} messages, {} events, {} visitors, {:.1} GiB",
            s.chats,
            s.messages,
            s.events,
            s.visitors,
            s.file_bytes as f64 / (1u64 << 30) as f64
        );
        if let Some(g) = &self.generated {
            let _ = writeln!(
                out,
                "generated in {:.0} s; search index and statistics summaries caught up in {:.0} s",
                g.history_secs, g.index_secs
            );
        }
        for t in &self.stats {
            let _ = writeln!(
                out,
                "stats {:<22} first {:>8.1} ms  median {:>8.1} ms  max {:>8.1} ms  ({} chats)",
                t.what, t.first_ms, t.median_ms, t.max_ms, t.chats_counted
            );
        }
        if let Some(q) = &self.search {
            let _ = writeln!(
                out,
                "search x{}: p50 {:.1} ms  p95 {:.1} ms  max {:.1} ms  ({} with hits)",
                q.queries, q.p50_ms, q.p95_ms, q.max_ms, q.with_hits
            );
        }
        if let Some(t) = &self.tail {
            let _ = writeln!(
                out,
                "tail --json: {} events at {:.0}/s, {:.1} ms CPU per 1,000 events = {:.1}% of a core at 5,000 events/s",
                t.events, t.events_per_sec, t.cpu_ms_per_1000, t.core_percent_at_5000_per_sec
            );
        }
        out
    }
}
