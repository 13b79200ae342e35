//! `--since`: a seq number, or a moment (RFC 3339, or an age such as `90s`, `30m`, `1h`, `2d`).

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
    "--since {0:?}: expected a seq number, an RFC 3339 time (2026-03-01T09:00:00Z) or an age \
     such as 90s, 30m, 1h, 2d"
)]
pub struct BadSince(pub String);

/// Parses `value` with `now` (ms) as the end of a relative age.
pub fn parse(value: &str, now: Millis) -> Result<Since, BadSince> {
    let value = value.trim();
    let bad = || BadSince(value.to_owned());
    if let Ok(seq) = value.parse::<Seq>() {
        return Ok(Since::Seq(seq));
    }
    if let Some(age) = age_ms(value) {
        return Ok(Since::Time(now.saturating_sub(age)));
    }
    let at: jiff::Timestamp = value.parse().map_err(|_| bad())?;
    Ok(Since::Time(at.as_millisecond()))
}

/// `90s`, `30m`, `1h`, `2d` in milliseconds; `None` for anything else.
fn age_ms(value: &str) -> Option<Millis> {
    let unit = value.chars().last()?;
    let number: Millis = value[..value.len() - unit.len_utf8()].parse().ok()?;
    let per = match unit {
        's' => 1_000,
        'm' => 60_000,
        'h' => 3_600_000,
        'd' => 86_400_000,
        _ => return None,
    };
    number.checked_mul(per).filter(|ms| *ms >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_800_000_000_000;

    #[test]
    fn numbers_are_seqs() {
        assert_eq!(parse("905", NOW), Ok(Since::Seq(905)));
        assert_eq!(parse("0", NOW), Ok(Since::Seq(0)));
    }

    #[test]
    fn ages_count_back_from_now() {
        assert_eq!(parse("90s", NOW), Ok(Since::Time(NOW - 90_000)));
        assert_eq!(parse("30m", NOW), Ok(Since::Time(NOW - 1_800_000)));
        assert_eq!(parse("1h", NOW), Ok(Since::Time(NOW - 3_600_000)));
        assert_eq!(parse("2d", NOW), Ok(Since::Time(NOW - 172_800_000)));
    }

    #[test]
    fn rfc3339_times_with_an_offset() {
        assert_eq!(
            parse("2026-01-01T00:00:00Z", NOW),
            Ok(Since::Time(1_767_225_600_000))
        );
        assert_eq!(
            parse("2026-01-01T03:00:00+03:00", NOW),
            parse("2026-01-01T00:00:00Z", NOW)
        );
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "yesterday", "-5", "1w", "h", "5 m", "1h30m"] {
            assert!(parse(bad, NOW).is_err(), "{bad}");
        }
    }
}
