//! Which numbers `frontdesk stats` prints, in what order, and how: a table shows durations as
//! `1m05s` and shares as percentages; CSV keeps the server's raw values (milliseconds, 0–1
//! shares) with the JSON field names as its header.

use frontdesk_protocol::stats::{Metrics, StaffingReport, StatsReport};

use super::grid::Grid;

enum Value {
    Count(u64),
    Ms(Option<i64>),
    Share(Option<f64>),
    Ratio(Option<f64>),
    Hours(i64),
}

/// (table header, CSV header, value).
type Column = (&'static str, &'static str, fn(&Metrics) -> Value);

const COLUMNS: &[Column] = &[
    ("chats", "chats_started", |m| Value::Count(m.chats_started)),
    ("answered", "chats_answered", |m| {
        Value::Count(m.chats_answered)
    }),
    ("missed", "chats_missed", |m| Value::Count(m.chats_missed)),
    ("1st med", "first_response_median_ms", |m| {
        Value::Ms(m.first_response_median_ms)
    }),
    ("1st p90", "first_response_p90_ms", |m| {
        Value::Ms(m.first_response_p90_ms)
    }),
    ("≤60s", "first_response_within_60s", |m| {
        Value::Count(m.first_response_within_60s)
    }),
    ("≤60s %", "first_response_within_60s_share", |m| {
        Value::Share(m.first_response_within_60s_share)
    }),
    ("reply avg", "response_avg_ms", |m| {
        Value::Ms(m.response_avg_ms)
    }),
    ("length avg", "duration_avg_ms", |m| {
        Value::Ms(m.duration_avg_ms)
    }),
    ("length med", "duration_median_ms", |m| {
        Value::Ms(m.duration_median_ms)
    }),
    ("msgs in", "messages_from_visitors", |m| {
        Value::Count(m.messages_from_visitors)
    }),
    ("msgs out", "messages_from_operators", |m| {
        Value::Count(m.messages_from_operators)
    }),
    ("offline", "offline_messages", |m| {
        Value::Count(m.offline_messages)
    }),
    ("off answered", "offline_answered", |m| {
        Value::Count(m.offline_answered)
    }),
    ("off answer med", "offline_answer_median_ms", |m| {
        Value::Ms(m.offline_answer_median_ms)
    }),
    ("online h", "online_ms", |m| Value::Hours(m.online_ms)),
    ("away h", "away_ms", |m| Value::Hours(m.away_ms)),
    ("chats/h", "chats_per_online_hour", |m| {
        Value::Ratio(m.chats_per_online_hour)
    }),
    ("unanswered", "last_message_unanswered", |m| {
        Value::Count(m.last_message_unanswered)
    }),
];

pub fn stats_grid(report: &StatsReport, human: bool) -> Grid {
    let by = report.by.as_str();
    let mut header: Vec<String> = if human {
        vec![by.to_owned()]
    } else {
        vec!["row".into(), "key".into(), "label".into()]
    };
    header.extend(
        COLUMNS
            .iter()
            .map(|(t, c, _)| (if human { *t } else { *c }).to_owned()),
    );
    let line = |row: &str, key: &str, label: &str, m: &Metrics| {
        let mut cells = if human {
            vec![label.to_owned()]
        } else {
            vec![row.to_owned(), key.to_owned(), label.to_owned()]
        };
        cells.extend(COLUMNS.iter().map(|(_, _, get)| show(get(m), human)));
        cells
    };
    let mut rows: Vec<Vec<String>> = report
        .groups
        .iter()
        .map(|g| line("group", &g.key, &g.label, &g.metrics))
        .collect();
    rows.push(line("total", "", "Total", &report.total));
    Grid { header, rows }
}

pub fn staffing_grid(report: &StaffingReport, human: bool) -> Grid {
    let header = if human {
        [
            "hour", "samples", "chats/h", "handling", "slots", "needed", "online", "short",
        ]
    } else {
        [
            "weekday",
            "hour",
            "samples",
            "arrivals_per_hour",
            "handling_avg_ms",
            "slots_needed",
            "operators_needed",
            "operators_online",
        ]
    };
    let mut header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    if !human {
        header.push("short".into());
    }
    let rows = report
        .hours
        .iter()
        .map(|h| {
            let mut cells = if human {
                vec![format!("{} {:02}", h.weekday, h.hour)]
            } else {
                vec![h.weekday.clone(), h.hour.to_string()]
            };
            cells.extend([
                h.samples.to_string(),
                show(Value::Ratio(Some(h.arrivals_per_hour)), human),
                show(Value::Ms(h.handling_avg_ms), human),
                h.slots_needed.to_string(),
                h.operators_needed.to_string(),
                show(Value::Ratio(Some(h.operators_online)), human),
            ]);
            cells.push(match (h.short, human) {
                (true, true) => "SHORT".into(),
                (false, true) => String::new(),
                (short, false) => short.to_string(),
            });
            cells
        })
        .collect();
    Grid { header, rows }
}

fn show(value: Value, human: bool) -> String {
    let none = if human { "—" } else { "" };
    match value {
        Value::Count(n) => n.to_string(),
        Value::Ms(ms) => ms.map_or(none.to_owned(), |ms| {
            if human { duration(ms) } else { ms.to_string() }
        }),
        Value::Share(s) => s.map_or(none.to_owned(), |s| {
            if human {
                format!("{:.0}%", s * 100.0)
            } else {
                s.to_string()
            }
        }),
        Value::Ratio(r) => r.map_or(none.to_owned(), |r| {
            if human {
                format!("{r:.2}")
            } else {
                r.to_string()
            }
        }),
        Value::Hours(ms) if human => format!("{:.1}", ms as f64 / 3_600_000.0),
        Value::Hours(ms) => ms.to_string(),
    }
}

/// `850ms`, `42s`, `1m05s`, `2h03m`.
pub fn duration(ms: i64) -> String {
    let secs = (ms + 500) / 1000;
    match secs {
        _ if ms < 1000 => format!("{ms}ms"),
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m{:02}s", s / 60, s % 60),
        s => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration(850), "850ms");
        assert_eq!(duration(60_000), "1m00s");
        assert_eq!(duration(61_000), "1m01s");
        assert_eq!(duration(42_400), "42s");
        assert_eq!(duration(7_380_000), "2h03m");
    }
}
