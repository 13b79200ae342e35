//! Times typed on the command line (`export --since`, `tail --since`, `stats --since`):
//! `2026-12-01` (that day's start, local time), `2026-12-01 14:30`, an RFC 3339 timestamp, or
//! an age such as `90s`, `30m`, `24h`, `7d` (that long before now).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// A text [`parse`] cannot read as a time (or one out of range); the command line says so in
/// the operator's language (`i18n/cli.rs`, `not_a_time`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time")]
pub struct NotATime(pub String);

/// Milliseconds since the epoch for `text`, read in `tz`, relative to `now`.
pub fn parse(text: &str, now: Timestamp, tz: &TimeZone) -> Result<i64, NotATime> {
    let text = text.trim();
    let not_a_time = || NotATime(text.to_owned());
    if let Some(age) = age(text) {
        return now
            .checked_sub(age)
            .map(|t| t.as_millisecond())
            .map_err(|_| not_a_time());
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts.as_millisecond());
    }
    let civil = text.parse::<DateTime>().or_else(|_| {
        text.parse::<Date>()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    });
    civil
        .ok()
        .and_then(|dt| dt.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .ok_or_else(not_a_time)
}

/// `90s`, `30m`, `24h`, `7d`: a number and a unit.
fn age(text: &str) -> Option<SignedDuration> {
    let unit = text.chars().last()?;
    let n: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    if n < 0 {
        return None;
    }
    let secs = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    Some(SignedDuration::from_secs(n.checked_mul(secs)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-03T12:00:00Z".parse().expect("time")
    }

    #[test]
    fn dates_are_local_midnight_and_ages_count_back_from_now() {
        let moscow = TimeZone::fixed(jiff::tz::offset(3));
        let day = parse("2026-12-01", now(), &moscow).expect("date");
        assert_eq!(
            day,
            "2026-11-30T21:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_millisecond()
        );
        let at = parse("2026-12-01 14:30", now(), &TimeZone::UTC).expect("date and time");
        assert_eq!(
            at,
            "2026-12-01T14:30:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_millisecond()
        );
        let exact = parse("2026-12-01T10:00:00+03:00", now(), &TimeZone::UTC).expect("rfc 3339");
        assert_eq!(
            exact,
            "2026-12-01T07:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_millisecond()
        );
        let week = parse("7d", now(), &TimeZone::UTC).expect("age");
        assert_eq!(
            week,
            "2026-11-26T12:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_millisecond()
        );
        assert_eq!(
            parse("90m", now(), &TimeZone::UTC),
            Ok(now().as_millisecond() - 90 * 60_000)
        );
    }

    #[test]
    fn anything_else_is_refused_by_name() {
        for bad in [
            "yesterday",
            "7w",
            "",
            "2026-13-01",
            "99999999999999999999d",
            "-5m",
            "1h30m",
        ] {
            let err = parse(bad, now(), &TimeZone::UTC).expect_err(bad);
            assert_eq!(err, NotATime(bad.to_owned()));
        }
    }
}
