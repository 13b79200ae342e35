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
