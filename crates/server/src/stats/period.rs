//! The period and the clock it is read in: parsing `since`/`until`, the caller's time zone,
//! and which hour of the week an instant falls in.

use frontdesk_protocol::Millis;
use jiff::tz::TimeZone;

use super::StatsError;

const HOUR_MS: i64 = 3_600_000;

/// Days of the week as the protocol names them, Monday first.
pub use frontdesk_protocol::stats::WEEKDAYS;

/// `[since, until)` in a time zone.
#[derive(Debug, Clone)]
pub struct Period {
    pub since: Millis,
    pub until: Millis,
    pub tz: TimeZone,
    /// The IANA name the caller gave.
    pub tz_name: String,
}

impl Period {
    /// Checks the zone name and that the period is not empty or backwards.
    pub fn new(since: Millis, until: Millis, tz_name: &str) -> Result<Self, StatsError> {
        let tz = TimeZone::get(tz_name)
            .map_err(|_| StatsError::Input(format!("unknown time zone {tz_name:?}")))?;
        if until <= since {
            return Err(StatsError::Input(
                "`until` must be after `since`".to_owned(),
            ));
        }
        Ok(Self {
            since,
            until,
            tz,
            tz_name: tz_name.to_owned(),
        })
    }
}

/// An instant as given: milliseconds since the epoch, an RFC 3339 time
/// (`2026-12-01T09:00:00+03:00`), or a date (`2026-12-01`, its midnight in `tz`).
pub fn parse_instant(text: &str, tz: &TimeZone) -> Result<Millis, StatsError> {
    let text = text.trim();
    if let Ok(ms) = text.parse::<i64>() {
        return Ok(ms);
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts.as_millisecond());
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        let zoned = date
            .to_zoned(tz.clone())
            .map_err(|e| StatsError::Input(format!("{text:?}: {e}")))?;
        return Ok(zoned.timestamp().as_millisecond());
    }
    Err(StatsError::Input(format!(
        "{text:?} is not a time: give milliseconds, RFC 3339 or YYYY-MM-DD"
    )))
}

/// Hour of the week in `tz`: (weekday 0 = Monday, hour 0–23).
pub fn bucket(ts: Millis, tz: &TimeZone) -> (u8, u8) {
    let zoned = zoned(ts, tz);
    let day = u8::try_from(zoned.weekday().to_monday_zero_offset()).unwrap_or(0);
    let hour = u8::try_from(zoned.hour()).unwrap_or(0);
    (day, hour)
}

/// Index 0–167 of an hour of the week, Monday 00 first.
pub fn week_index(day: u8, hour: u8) -> usize {
    usize::from(day) * 24 + usize::from(hour)
}

/// Cuts `[from, to)` at the local hour boundaries of `tz` and hands each piece to `each` with
/// its hour of the week and length in milliseconds.
pub fn split_hours(from: Millis, to: Millis, tz: &TimeZone, mut each: impl FnMut((u8, u8), i64)) {
    let mut t = from;
    while t < to {
        let zoned = zoned(t, tz);
        let into_hour = i64::from(zoned.minute()) * 60_000
            + i64::from(zoned.second()) * 1000
            + i64::from(zoned.millisecond());
        // A zone change at an odd minute could put the boundary behind us: always move on.
        let next = (t - into_hour + HOUR_MS).max(t + 1).min(to);
        each(bucket(t, tz), next - t);
        t = next;
    }
}

fn zoned(ts: Millis, tz: &TimeZone) -> jiff::Zoned {
    let stamp = jiff::Timestamp::from_millisecond(ts).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    stamp.to_zoned(tz.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz(name: &str) -> TimeZone {
        TimeZone::get(name).expect("zone")
    }

    #[test]
    fn instants_in_three_spellings() {
        let msk = tz("Europe/Moscow");
        let want = 1_764_536_400_000; // 2025-11-30T21:00:00Z
        assert_eq!(parse_instant("1764536400000", &msk).expect("ms"), want);
        assert_eq!(
            parse_instant("2025-12-01T00:00:00+03:00", &msk).expect("rfc3339"),
            want
        );
        assert_eq!(parse_instant("2025-12-01", &msk).expect("date"), want);
        assert!(parse_instant("yesterday", &msk).is_err());
    }

    #[test]
    fn same_instant_other_hour_in_other_zone() {
        let ts = 1_764_536_400_000; // Sunday 21:00 UTC = Monday 00:00 in Moscow
        assert_eq!(bucket(ts, &tz("UTC")), (6, 21));
        assert_eq!(bucket(ts, &tz("Europe/Moscow")), (0, 0));
    }

    #[test]
    fn split_cuts_at_local_hours_of_a_half_hour_zone() {
        let kolkata = tz("Asia/Kolkata"); // UTC+05:30
        let start = 1_764_536_400_000; // 02:30 local
        let mut pieces = Vec::new();
        split_hours(start, start + 90 * 60_000, &kolkata, |b, ms| {
            pieces.push((b, ms))
        });
        assert_eq!(pieces, vec![((0, 2), 1_800_000), ((0, 3), 3_600_000)]);
    }

    #[test]
    fn unknown_zone_and_backwards_period_are_refused() {
        assert!(Period::new(0, 1, "Mars/Olympus").is_err());
        assert!(Period::new(5, 5, "UTC").is_err());
        assert!(Period::new(0, 5, "UTC").is_ok());
    }
}
