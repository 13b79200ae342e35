//! Which numbers `frontdesk stats` prints, in what order, and how: a table shows durations as
//! `1m05s` and shares as percentages, headed in the operator's language; CSV keeps the
//! server's raw values (milliseconds, 0–1 shares) with the JSON field names as its header.

use frontdesk_protocol::stats::{GroupBy, Metrics, StaffingReport, StatsReport, WEEKDAYS};

use super::grid::Grid;
use crate::i18n::StatsTableWords;

enum Value {
    Count(u64),
    Ms(Option<i64>),
    Share(Option<f64>),
    Ratio(Option<f64>),
    Hours(i64),
}

/// (CSV header, value); the table's header is the same place of `StatsTableWords::metrics`.
type Column = (&'static str, fn(&Metrics) -> Value);

const COLUMNS: [Column; 22] = [
    ("chats_started", |m| Value::Count(m.chats_started)),
    ("chats_answered", |m| Value::Count(m.chats_answered)),
    ("chats_missed", |m| Value::Count(m.chats_missed)),
    ("first_response_median_ms", |m| {
        Value::Ms(m.first_response_median_ms)
    }),
    ("first_response_p90_ms", |m| {
        Value::Ms(m.first_response_p90_ms)
    }),
    ("first_response_within_60s", |m| {
        Value::Count(m.first_response_within_60s)
    }),
    ("first_response_within_60s_share", |m| {
        Value::Share(m.first_response_within_60s_share)
    }),
    ("response_avg_ms", |m| Value::Ms(m.response_avg_ms)),
    ("duration_avg_ms", |m| Value::Ms(m.duration_avg_ms)),
    ("duration_median_ms", |m| Value::Ms(m.duration_median_ms)),
    ("messages_from_visitors", |m| {
        Value::Count(m.messages_from_visitors)
    }),
    ("messages_from_operators", |m| {
        Value::Count(m.messages_from_operators)
    }),
    ("offline_messages", |m| Value::Count(m.offline_messages)),
    ("offline_answered", |m| Value::Count(m.offline_answered)),
    ("offline_answer_median_ms", |m| {
        Value::Ms(m.offline_answer_median_ms)
    }),
    ("online_ms", |m| Value::Hours(m.online_ms)),
    ("away_ms", |m| Value::Hours(m.away_ms)),
    ("chats_per_online_hour", |m| {
        Value::Ratio(m.chats_per_online_hour)
    }),
    ("last_message_unanswered", |m| {
        Value::Count(m.last_message_unanswered)
    }),
    // Last, so CSV read by column position from an older version keeps its places.
    ("chats_left_waiting", |m| Value::Count(m.chats_left_waiting)),
    ("rated_good", |m| Value::Count(m.rated_good)),
    ("rated_bad", |m| Value::Count(m.rated_bad)),
];

/// `human`: the aligned table, in `words`; else CSV's raw values and field names.
pub fn stats_grid(report: &StatsReport, human: bool, words: &StatsTableWords) -> Grid {
    let by = report.by;
    let mut header: Vec<String> = if human {
        let place = match by {
            GroupBy::Operator => 0,
            GroupBy::Department => 1,
            GroupBy::Hour => 2,
            GroupBy::Weekday => 3,
        };
        vec![words.by[place].to_owned()]
    } else {
        vec!["row".into(), "key".into(), "label".into()]
    };
    if human {
        header.extend(words.metrics.iter().map(|h| (*h).to_owned()));
    } else {
        header.extend(COLUMNS.iter().map(|(c, _)| (*c).to_owned()));
    }
    let line = |row: &str, key: &str, label: &str, m: &Metrics| {
        let mut cells = if human && row == "total" {
            vec![label.to_owned()]
        } else if human {
            vec![group_label(by, key, label, words)]
        } else {
            vec![row.to_owned(), key.to_owned(), label.to_owned()]
        };
        cells.extend(COLUMNS.iter().map(|(_, get)| show(get(m), human, words)));
        cells
    };
    let mut rows: Vec<Vec<String>> = report
        .groups
        .iter()
        .map(|g| line("group", &g.key, &g.label, &g.metrics))
        .collect();
    let total = if human { words.total } else { "Total" };
    rows.push(line("total", "", total, &report.total));
    Grid { header, rows }
}

/// A group's name in the table: the server's label, but weekdays and the groups of no
/// operator or department in the table's language. Names are made harmless for the terminal
/// the table is read in (CSV and JSON keep the server's text as it is).
fn group_label(by: GroupBy, key: &str, label: &str, words: &StatsTableWords) -> String {
    let label = match by {
        GroupBy::Weekday => WEEKDAYS
            .iter()
            .position(|d| *d == key)
            .map_or(label, |i| words.weekdays[i]),
        GroupBy::Operator if key.is_empty() => words.nobody,
        GroupBy::Department if key.is_empty() => words.no_department,
        _ => label,
    };
    crate::sanitize::sanitize(label, crate::sanitize::Mode::NAME).into_owned()
}

pub fn staffing_grid(report: &StaffingReport, human: bool, words: &StatsTableWords) -> Grid {
    let header: Vec<String> = if human {
        words.staffing.iter().map(|h| (*h).to_owned()).collect()
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
            "short",
        ]
        .iter()
        .map(|h| (*h).to_owned())
        .collect()
    };
    let rows = report
        .hours
        .iter()
        .map(|h| {
            let mut cells = if human {
                let day = group_label(GroupBy::Weekday, &h.weekday, &h.weekday, words);
                vec![format!("{day} {:02}", h.hour)]
            } else {
                vec![h.weekday.clone(), h.hour.to_string()]
            };
            cells.extend([
                h.samples.to_string(),
                show(Value::Ratio(Some(h.arrivals_per_hour)), human, words),
                show(Value::Ms(h.handling_avg_ms), human, words),
                h.slots_needed.to_string(),
                h.operators_needed.to_string(),
                show(Value::Ratio(Some(h.operators_online)), human, words),
            ]);
            cells.push(match (h.short, human) {
                (true, true) => words.short.into(),
                (false, true) => String::new(),
                (short, false) => short.to_string(),
            });
            cells
        })
        .collect();
    Grid { header, rows }
}

fn show(value: Value, human: bool, words: &StatsTableWords) -> String {
    let none = if human { "—" } else { "" };
    match value {
        Value::Count(n) => n.to_string(),
        Value::Ms(ms) => ms.map_or(none.to_owned(), |ms| {
            if human {
                duration(ms, &words.units)
            } else {
                ms.to_string()
            }
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

/// `850ms`, `42s`, `1m05s`, `2h03m` (in `units`: milliseconds, seconds, minutes, hours).
pub fn duration(ms: i64, units: &[&str; 4]) -> String {
    let [ms_unit, s_unit, m_unit, h_unit] = units;
    let secs = (ms + 500) / 1000;
    match secs {
        _ if ms < 1000 => format!("{ms}{ms_unit}"),
        s if s < 60 => format!("{s}{s_unit}"),
        s if s < 3600 => format!("{}{m_unit}{:02}{s_unit}", s / 60, s % 60),
        s => format!("{}{h_unit}{:02}{m_unit}", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::i18n::{STATS_TABLE_EN, STATS_TABLE_RU};

    #[test]
    fn durations_read_at_a_glance() {
        let en = |ms| duration(ms, &STATS_TABLE_EN.units);
        assert_eq!(en(850), "850ms");
        assert_eq!(en(60_000), "1m00s");
        assert_eq!(en(61_000), "1m01s");
        assert_eq!(en(42_400), "42s");
        assert_eq!(en(7_380_000), "2h03m");
        assert_eq!(duration(61_000, &STATS_TABLE_RU.units), "1м01с");
    }

    /// Weekdays and the groups of nobody are the table's words; names are the server's.
    #[test]
    fn group_names_in_the_tables_language() {
        let ru = &STATS_TABLE_RU;
        assert_eq!(group_label(GroupBy::Weekday, "sat", "Saturday", ru), "Сб");
        assert_eq!(
            group_label(GroupBy::Operator, "", "(nobody)", ru),
            "(никто)"
        );
        assert_eq!(
            group_label(GroupBy::Department, "", "(no department)", ru),
            "(без отдела)"
        );
        assert_eq!(group_label(GroupBy::Operator, "anna", "Анна", ru), "Анна");
        let hostile = group_label(GroupBy::Department, "x", "Sales\x1b[2J", ru);
        assert!(
            hostile.starts_with("Sales") && !hostile.contains('\x1b'),
            "{hostile:?}"
        );
        assert_eq!(group_label(GroupBy::Hour, "09", "09:00", ru), "09:00");
    }
}
