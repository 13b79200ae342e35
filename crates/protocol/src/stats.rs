//! Answers of the statistics endpoints (`GET /api/stats`, `GET /api/staffing`). Every metric's
//! exact definition is in docs/statistics.md; the staffing model in docs/staffing.md.
//! Durations are milliseconds; a value that has no sample (a median of nothing) is `null`.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// How `GET /api/stats` groups chats and presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Operator,
    Department,
    /// Hour of day (0–23) in the asked time zone.
    Hour,
    /// Day of week (Monday first) in the asked time zone.
    Weekday,
}

/// The weekdays' keys (`GroupStats::key`, `StaffingHour::weekday`), Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl GroupBy {
    /// The word used in the query string and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Operator => "operator",
            Self::Department => "department",
            Self::Hour => "hour",
            Self::Weekday => "weekday",
        }
    }
}

/// `GET /api/stats`: the numbers of a period, per group and in total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsReport {
    /// The period, `[since, until)`.
    pub since: Millis,
    pub until: Millis,
    /// IANA name of the zone hours and days are counted in.
    pub tz: String,
    pub by: GroupBy,
    /// In a stable order: operators with chats or presence by login name, then `""`; every
    /// department the reader sees by key, then `""` if it had any; all 24 hours; all 7 days,
    /// Monday first.
    pub groups: Vec<GroupStats>,
    pub total: Metrics,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// Operator login name, department key, hour `"00"`–`"23"` or weekday `"mon"`–`"sun"`;
    /// `""` for chats without an operator or without a department.
    pub key: String,
    /// What to show: display name, department title, `"09:00"`, `"Monday"`.
    pub label: String,
    pub metrics: Metrics,
}

/// One group's numbers (docs/statistics.md defines each).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub chats_started: u64,
    pub chats_answered: u64,
    pub chats_missed: u64,
    pub first_response_median_ms: Option<i64>,
    pub first_response_p90_ms: Option<i64>,
    pub first_response_within_60s: u64,
    /// `first_response_within_60s / chats_answered`.
    pub first_response_within_60s_share: Option<f64>,
    pub response_avg_ms: Option<i64>,
    pub duration_avg_ms: Option<i64>,
    pub duration_median_ms: Option<i64>,
    pub messages_from_visitors: u64,
    pub messages_from_operators: u64,
    pub offline_messages: u64,
    pub offline_answered: u64,
    pub offline_answer_median_ms: Option<i64>,
    pub online_ms: i64,
    pub away_ms: i64,
    pub chats_per_online_hour: Option<f64>,
    pub last_message_unanswered: u64,
    /// Answered live chats by first response time, one count per bucket of
    /// [`FIRST_RESPONSE_BUCKET_EDGES_MS`] (`edges + 1` counts, the last open-ended). Empty
    /// from a server that predates it.
    #[serde(default)]
    pub first_response_buckets: Vec<u64>,
    /// Live chats whose visitor left the site before any operator answered (they may have
    /// come back since). 0 from a server that predates it.
    #[serde(default)]
    pub chats_left_waiting: u64,
    /// Chats of the period their visitors rated good, and bad (`rate_chat`); 0 from a server
    /// that predates ratings.
    #[serde(default)]
    pub rated_good: u64,
    #[serde(default)]
    pub rated_bad: u64,
}

impl Metrics {
    /// The share of rated chats rated good (0–1); `None` when none was rated.
    pub fn rated_good_share(&self) -> Option<f64> {
        let rated = self.rated_good + self.rated_bad;
        (rated > 0).then(|| self.rated_good as f64 / rated as f64)
    }
}

/// Upper edges of the first response buckets, in milliseconds; each edge belongs to its
/// bucket (a first response of exactly 60 s is in `45–60 s`, as it is "within 60 s"). Bucket
/// `i` holds responses in `(edges[i-1], edges[i]]`, the first from 0, and one more bucket holds
/// those over the last edge: ≤15 s, 15–30 s, 30–45 s, 45–60 s, 1–2 min, 2–5 min, over 5 min.
/// The first four add up to `first_response_within_60s`.
pub const FIRST_RESPONSE_BUCKET_EDGES_MS: [i64; 6] =
    [15_000, 30_000, 45_000, 60_000, 120_000, 300_000];

/// The bucket of [`FIRST_RESPONSE_BUCKET_EDGES_MS`] a first response of `ms` falls in.
pub fn first_response_bucket(ms: i64) -> usize {
    FIRST_RESPONSE_BUCKET_EDGES_MS.partition_point(|&edge| edge < ms)
}

/// `GET /api/staffing`: needed against actual operators for each hour of the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffingReport {
    pub since: Millis,
    pub until: Millis,
    pub tz: String,
    /// A chat should be answered within this many seconds…
    pub target_wait_secs: u32,
    /// …in this share of chats (0–1).
    pub service_level: f64,
    /// Chats one operator handles at once (each counts as a server in Erlang C).
    pub concurrency: u32,
    /// 168 rows, Monday 00 first.
    pub hours: Vec<StaffingHour>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffingHour {
    /// `"mon"`–`"sun"`.
    pub weekday: String,
    /// 0–23.
    pub hour: u8,
    /// How many times this hour of the week lies in the period.
    pub samples: u32,
    /// Live chats started in this hour of the week, per such hour.
    pub arrivals_per_hour: f64,
    /// Average handling time of those chats (first answer to close); `null` with none.
    pub handling_avg_ms: Option<i64>,
    /// Erlang C servers (chat slots) that meet the target.
    pub slots_needed: u32,
    /// `ceil(slots_needed / concurrency)`.
    pub operators_needed: u32,
    /// Operators online in this hour of the week, on average.
    pub operators_online: f64,
    /// Fewer online on average than needed.
    pub short: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_without_buckets_parses_with_none() {
        let old = r#"{"chats_started":1,"chats_answered":0,"chats_missed":0,
            "first_response_median_ms":null,"first_response_p90_ms":null,
            "first_response_within_60s":0,"first_response_within_60s_share":null,
            "response_avg_ms":null,"duration_avg_ms":null,"duration_median_ms":null,
            "messages_from_visitors":1,"messages_from_operators":0,"offline_messages":0,
            "offline_answered":0,"offline_answer_median_ms":null,"online_ms":0,"away_ms":0,
            "chats_per_online_hour":null,"last_message_unanswered":0}"#;
        let m: Metrics = serde_json::from_str(old).expect("an old answer");
        assert!(m.first_response_buckets.is_empty());
        assert_eq!(m.chats_started, 1);
    }

    #[test]
    fn edges_are_inclusive_from_below() {
        let at = |ms| first_response_bucket(ms);
        assert_eq!(
            [
                at(0),
                at(15_000),
                at(15_001),
                at(60_000),
                at(60_001),
                at(300_000),
                at(300_001)
            ],
            [0, 0, 1, 3, 4, 5, 6]
        );
    }
}
