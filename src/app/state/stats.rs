//! The statistics screen's own state: whether it is open, the period it shows, and the
//! server's answers for that period (`GET /api/stats`, one read per grouping) as they come.

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::StatsReport;

/// The periods the screen cycles through, in whole days of the operator's time zone: today
/// so far, and the last 7 and 30 days, today included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatsPeriod {
    #[default]
    Today,
    Week,
    Month,
}

impl StatsPeriod {
    /// How many days back from today the period starts (0: today's midnight).
    pub fn days_back(self) -> i64 {
        match self {
            Self::Today => 0,
            Self::Week => 6,
            Self::Month => 29,
        }
    }

    /// The next longer period, the shortest after the longest.
    pub fn longer(self) -> Self {
        match self {
            Self::Today => Self::Week,
            Self::Week => Self::Month,
            Self::Month => Self::Today,
        }
    }

    /// The next shorter period, the longest after the shortest.
    pub fn shorter(self) -> Self {
        match self {
            Self::Today => Self::Month,
            Self::Week => Self::Today,
            Self::Month => Self::Week,
        }
    }
}

/// One read's answer: the report, or why there is none (shown as is, sanitized).
pub type Answer = Result<Box<StatsReport>, String>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsState {
    /// The screen covers the list and the panes; its keys are `[keymap.stats]`.
    pub open: bool,
    pub period: StatsPeriod,
    /// Numbers each ask; an answer to an earlier one (another period, a refresh since) is
    /// dropped, so a slow answer never shows under the wrong period.
    pub ask: u64,
    /// When the last ask was made (asked again every 60 s while open).
    pub asked_at: Option<Millis>,
    /// `by=hour`: the total, the chats per hour and the first response per hour.
    pub by_hour: Option<Answer>,
    /// `by=operator`: the operators' table.
    pub by_operator: Option<Answer>,
    /// The operators' table is shown on the whole screen instead of the charts.
    pub operators: bool,
}
