//! What the statistics screen shows, derived from the server's answers on demand (drawing
//! and `update` agree on it): the period's bounds in the operator's days, the chats and the
//! median first response per hour of day, the first response buckets, and the operators'
//! rows. Names from the server are sanitized here.

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::{FIRST_RESPONSE_BUCKET_EDGES_MS, Metrics, StatsReport};

use super::State;
use super::state::{Answer, StatsPeriod};
use crate::sanitize::{Mode, sanitize};

const DAY_MS: Millis = 86_400_000;

/// `[since, until)` of `period` as of `now`: from midnight `days_back` days ago to the next
/// midnight, in zone `tz` (a day with a clock change is as long as it is there).
pub fn period_bounds(
    now: Millis,
    tz: &jiff::tz::TimeZone,
    period: StatsPeriod,
) -> (Millis, Millis) {
    let days = |n: i64| jiff::Span::new().days(n);
    let local = jiff::Timestamp::from_millisecond(now)
        .ok()
        .map(|t| t.to_zoned(tz.clone()));
    let today = local.as_ref().and_then(|z| z.start_of_day().ok());
    let since = today
        .as_ref()
        .and_then(|d| d.checked_sub(days(period.days_back())).ok())
        .and_then(|d| d.start_of_day().ok());
    let until = today
        .as_ref()
        .and_then(|d| d.checked_add(days(1)).ok())
        .and_then(|d| d.start_of_day().ok());
    match (since, until) {
        (Some(since), Some(until)) => (
            since.timestamp().as_millisecond(),
            until.timestamp().as_millisecond(),
        ),
        // Out of jiff's range: the last whole days in UTC terms will do.
        _ => (now - (period.days_back() + 1) * DAY_MS, now + 1),
    }
}

/// The answer that has arrived for the by-hour read, if it is a report.
pub fn by_hour(state: &State) -> Option<&StatsReport> {
    report(state.stats.by_hour.as_ref())
}

pub fn by_operator(state: &State) -> Option<&StatsReport> {
    report(state.stats.by_operator.as_ref())
}

fn report(answer: Option<&Answer>) -> Option<&StatsReport> {
    answer.and_then(|a| a.as_ref().ok()).map(|r| &**r)
}

/// What the screen says instead of its numbers: the first read's error, sanitized.
pub fn failure(state: &State) -> Option<String> {
    let error = [&state.stats.by_hour, &state.stats.by_operator]
        .into_iter()
        .flatten()
        .find_map(|a| a.as_ref().err())?;
    Some(sanitize(error, Mode::NAME).into_owned())
}

/// One bar per hour of day `00`–`23`, in order, from the by-hour groups (an hour the server
/// left out counts 0).
pub fn chats_per_hour(report: &StatsReport) -> Vec<(String, u64)> {
    per_hour(report, |m| m.chats_started)
}

/// The median first response per hour of day in ms; 0 for an hour with no answered chat.
pub fn median_per_hour(report: &StatsReport) -> Vec<(String, u64)> {
    per_hour(report, |m| {
        m.first_response_median_ms
            .map_or(0, |ms| u64::try_from(ms).unwrap_or(0))
    })
}

fn per_hour(report: &StatsReport, value: impl Fn(&Metrics) -> u64) -> Vec<(String, u64)> {
    (0..24)
        .map(|h| {
            let key = format!("{h:02}");
            let v = report
                .groups
                .iter()
                .find(|g| g.key == key)
                .map_or(0, |g| value(&g.metrics));
            (key, v)
        })
        .collect()
}

/// The first response buckets of the total, or `None` from a server that does not count
/// them (an answer without them, or with another number of buckets).
pub fn buckets(total: &Metrics) -> Option<&[u64]> {
    let counts = total.first_response_buckets.as_slice();
    (counts.len() == FIRST_RESPONSE_BUCKET_EDGES_MS.len() + 1).then_some(counts)
}

/// One operator's row in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorRow {
    /// Display name, sanitized; `None`: the chats no operator took.
    pub name: Option<String>,
    pub chats: u64,
    pub answered: u64,
    pub median_ms: Option<i64>,
    pub online_ms: i64,
    pub per_hour: Option<f64>,
}

/// The operators of the by-operator answer, most chats first (then by name); the chats
/// nobody took last.
pub fn operator_rows(report: &StatsReport) -> Vec<OperatorRow> {
    let mut rows: Vec<OperatorRow> = report
        .groups
        .iter()
        .map(|g| OperatorRow {
            name: (!g.key.is_empty()).then(|| sanitize(&g.label, Mode::NAME).into_owned()),
            chats: g.metrics.chats_started,
            answered: g.metrics.chats_answered,
            median_ms: g.metrics.first_response_median_ms,
            online_ms: g.metrics.online_ms,
            per_hour: g.metrics.chats_per_online_hour,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.name.is_none(), std::cmp::Reverse(a.chats), &a.name).cmp(&(
            b.name.is_none(),
            std::cmp::Reverse(b.chats),
            &b.name,
        ))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Millis {
        text.parse::<jiff::Timestamp>()
            .expect("time")
            .as_millisecond()
    }

    #[test]
    fn periods_are_whole_local_days_up_to_the_next_midnight() {
        let tz = jiff::tz::TimeZone::get("Europe/Moscow").expect("zone");
        // 01:30 in Moscow is still the evening before in UTC.
        let now = at("2026-12-10T22:30:00Z");
        assert_eq!(
            period_bounds(now, &tz, StatsPeriod::Today),
            (at("2026-12-10T21:00:00Z"), at("2026-12-11T21:00:00Z"))
        );
        assert_eq!(
            period_bounds(now, &tz, StatsPeriod::Week).0,
            at("2026-12-04T21:00:00Z")
        );
        assert_eq!(
            period_bounds(now, &tz, StatsPeriod::Month).0,
            at("2026-11-11T21:00:00Z")
        );
    }

    #[test]
    fn a_week_across_a_clock_change_starts_at_local_midnight() {
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").expect("zone");
        // Clocks went back on 25 October 2026: six days before the 29th is the 23rd, +02:00.
        let now = at("2026-10-29T12:00:00Z");
        assert_eq!(
            period_bounds(now, &tz, StatsPeriod::Week),
            (at("2026-10-22T22:00:00Z"), at("2026-10-29T23:00:00Z"))
        );
    }
}
