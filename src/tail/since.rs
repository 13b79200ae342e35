//! `--since`: a seq number, or a moment as [`crate::when`] reads it (a date, RFC 3339, or an
//! age such as `90s`, `30m`, `1h`, `2d`).

use frontdesk_protocol::{Millis, Seq};

/// Where to start reading history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Events after this seq (`hello.since` as is).
    Seq(Seq),
    /// Events at or after this moment, in ms since the epoch; the server says which seq.
    Time(Millis),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "--since {0:?}: expected a seq number, a date (2026-03-01), a date and time \
     (\"2026-03-01 09:00\"), an RFC 3339 time (2026-03-01T09:00:00Z) or an age such as 90s, \
     30m, 1h, 2d"
)]
pub struct BadSince(pub String);

/// Parses `value`: a number is a seq; anything else a moment as [`crate::when`] reads it
/// (in `tz`, ages counted back from `now`).
pub fn parse(value: &str, now: Millis, tz: &jiff::tz::TimeZone) -> Result<Since, BadSince> {
    let value = value.trim();
    if let Ok(seq) = value.parse::<Seq>() {
        return Ok(Since::Seq(seq));
    }
    let now = jiff::Timestamp::from_millisecond(now).map_err(|_| BadSince(value.to_owned()))?;
    crate::when::parse(value, now, tz)
        .map(Since::Time)
        .map_err(|_| BadSince(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_800_000_000_000;
    const UTC: jiff::tz::TimeZone = jiff::tz::TimeZone::UTC;

    #[test]
    fn numbers_are_seqs() {
        assert_eq!(parse("905", NOW, &UTC), Ok(Since::Seq(905)));
        assert_eq!(parse("0", NOW, &UTC), Ok(Since::Seq(0)));
    }

    #[test]
    fn ages_count_back_from_now() {
        assert_eq!(parse("90s", NOW, &UTC), Ok(Since::Time(NOW - 90_000)));
        assert_eq!(parse("30m", NOW, &UTC), Ok(Since::Time(NOW - 1_800_000)));
        assert_eq!(parse("1h", NOW, &UTC), Ok(Since::Time(NOW - 3_600_000)));
        assert_eq!(parse("2d", NOW, &UTC), Ok(Since::Time(NOW - 172_800_000)));
    }

    #[test]
    fn rfc3339_times_with_an_offset() {
        assert_eq!(
            parse("2026-01-01T00:00:00Z", NOW, &UTC),
            Ok(Since::Time(1_767_225_600_000))
        );
        assert_eq!(
            parse("2026-01-01T03:00:00+03:00", NOW, &UTC),
            parse("2026-01-01T00:00:00Z", NOW, &UTC)
        );
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "yesterday", "-5", "1w", "h", "5 m", "1h30m"] {
            assert!(parse(bad, NOW, &UTC).is_err(), "{bad}");
        }
    }
}
