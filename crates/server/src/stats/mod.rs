//! Statistics and staffing computed from stored chats, messages and presence
//! (docs/statistics.md, docs/staffing.md). Everything here is pure computation over the plain
//! rows of [`rows`]; `store/stats.rs` reads them in one read transaction.

pub mod chats;
pub mod erlang;
pub mod group;
mod metrics;
pub mod percentile;
pub mod period;
pub mod presence;
pub mod rows;
pub mod scope;
pub mod staffing;

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::{GroupBy, StaffingReport, StatsReport};

pub use group::Ask;
pub use period::Period;
pub use rows::StatsData;
pub use scope::Scope;
pub use staffing::Target;

/// A question that cannot be answered as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("{0}")]
    Input(String),
}

/// `GET /api/stats` from the rows of its period.
pub fn stats(data: &StatsData, ask: &Ask<'_>) -> StatsReport {
    group::report(data, ask)
}

/// `GET /api/staffing` from the rows of its period (`ask.by` is not used).
pub fn staffing(data: &StatsData, ask: &Ask<'_>, target: Target) -> StaffingReport {
    let seen = group::visible(data, ask);
    staffing::report(&seen, ask.period, end_of(ask.period, ask.now), target)
}

/// Where presence and coverage stop: the period's end, or now if that is earlier.
pub fn end_of(period: &Period, now: Millis) -> Millis {
    period.until.min(now).max(period.since)
}

/// `GroupBy` from its query word.
pub fn parse_group(word: &str) -> Result<GroupBy, StatsError> {
    match word {
        "operator" => Ok(GroupBy::Operator),
        "department" => Ok(GroupBy::Department),
        "hour" => Ok(GroupBy::Hour),
        "weekday" => Ok(GroupBy::Weekday),
        other => Err(StatsError::Input(format!(
            "cannot group by {other:?}: operator, department, hour or weekday"
        ))),
    }
}
