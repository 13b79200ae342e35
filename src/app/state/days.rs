//! Which local day a line was written on. A dialog line on another day than the line before it
//! (the first line held: than today) shows its date before its time, so a chat that runs past
//! midnight, a message left overnight and answered in the morning, or an earlier chat says
//! which day each part was; lines of one day show the time alone, as before.

use std::cell::Cell;

use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The zone and today's date a chat's rows were wrapped for: a date drawn before a line's time
/// takes room in its first row, so the rows are wrapped again when either changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub tz: TimeZone,
    pub today: Date,
    days: DayOf,
}

impl Calendar {
    pub fn new(tz: TimeZone, today: Date) -> Self {
        Self {
            tz,
            today,
            days: DayOf::default(),
        }
    }

    /// The date drawn before the time of a line written at `ts` whose previous line was
    /// written at `before` (`None`: it is the first line held), with its blank: `06.12 `, with
    /// the year (`06.12.25 `) when it is not this year's. `None` on the same day.
    pub fn label(&self, ts: i64, before: Option<i64>) -> Option<String> {
        let date = self.days.date(&self.tz, ts)?;
        let previous = match before {
            Some(b) => self.days.date(&self.tz, b)?,
            None => self.today,
        };
        if date == previous {
            return None;
        }
        let format = if date.year() == self.today.year() {
            "%d.%m "
        } else {
            "%d.%m.%y "
        };
        Some(date.strftime(format).to_string())
    }
}

/// `millis` as clock time in `tz` as seen on the day of `seen`: `14:05` that day, with the date
/// before it on another (`05.12 14:05`, as a dialog line that starts a day shows it).
pub fn clock_time_seen(tz: &TimeZone, millis: i64, seen: i64) -> String {
    let date = DayOf::default()
        .date(tz, seen)
        .and_then(|day| Calendar::new(tz.clone(), day).label(millis, None));
    date.unwrap_or_default() + &super::clock_time(tz, millis)
}

/// The local date of a moment, remembering the bounds of the last day looked up: a dialog's
/// lines come in order, so nearly every lookup falls in the day of the one before.
#[derive(Debug, Clone, Default)]
pub struct DayOf {
    last: Cell<Option<Day>>,
}

#[derive(Debug, Clone, Copy)]
struct Day {
    /// Milliseconds of the day's first moment, and of the next day's.
    start: i64,
    end: i64,
    date: Date,
}

impl DayOf {
    /// The date of `ms` in `tz`; `None` for a moment out of range.
    pub fn date(&self, tz: &TimeZone, ms: i64) -> Option<Date> {
        if let Some(day) = self.last.get().filter(|d| (d.start..d.end).contains(&ms)) {
            return Some(day.date);
        }
        let zoned = jiff::Timestamp::from_millisecond(ms)
            .ok()?
            .to_zoned(tz.clone());
        let start = zoned.start_of_day().ok()?;
        let end = start.tomorrow().and_then(|t| t.start_of_day()).ok()?;
        let day = Day {
            start: start.timestamp().as_millisecond(),
            end: end.timestamp().as_millisecond(),
            date: zoned.date(),
        };
        self.last.set(Some(day));
        Some(day.date)
    }
}

/// A cache: any two are alike.
impl PartialEq for DayOf {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for DayOf {}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ms(text: &str, tz: &TimeZone) -> i64 {
        text.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp()
            .as_millisecond()
    }

    #[test]
    fn a_line_on_another_day_than_the_one_before_shows_its_date() {
        let tz = TimeZone::get("Europe/Moscow").unwrap();
        let cal = Calendar::new(tz.clone(), date(2026, 12, 7));
        let late = ms("2026-12-06 23:40", &tz);
        let later = ms("2026-12-06 23:59:59.999", &tz);
        let morning = ms("2026-12-07 00:00", &tz);
        // The first line held, from yesterday; today's shows no date.
        assert_eq!(cal.label(late, None).as_deref(), Some("06.12 "));
        assert_eq!(cal.label(morning, None), None);
        // The same day as the line before: the time says it all; past midnight, the date.
        assert_eq!(cal.label(later, Some(late)), None);
        assert_eq!(cal.label(morning, Some(later)).as_deref(), Some("07.12 "));
        // Another year's line says its year.
        let last_year = ms("2025-12-31 10:00", &tz);
        assert_eq!(cal.label(last_year, None).as_deref(), Some("31.12.25 "));
    }

    #[test]
    fn a_day_is_the_operators_not_utcs() {
        // 23:30 in Moscow on the 6th is 20:30 UTC: the same day there, not here.
        let moscow = TimeZone::get("Europe/Moscow").unwrap();
        let at = ms("2026-12-07 01:30", &moscow);
        let before = ms("2026-12-06 23:30", &moscow);
        let cal = Calendar::new(moscow, date(2026, 12, 7));
        assert_eq!(cal.label(at, Some(before)).as_deref(), Some("07.12 "));
        let utc = Calendar::new(TimeZone::UTC, date(2026, 12, 6));
        assert_eq!(utc.label(at, Some(before)), None);
    }

    #[test]
    fn the_remembered_day_ends_where_the_next_begins() {
        // A day of 23 hours (spring forward in Berlin): its bounds come from the zone.
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let days = DayOf::default();
        let first = ms("2026-03-29 00:30", &tz);
        let last = ms("2026-03-29 23:59", &tz);
        let next = ms("2026-03-30 00:00", &tz);
        assert_eq!(days.date(&tz, first), Some(date(2026, 3, 29)));
        assert_eq!(days.date(&tz, last), Some(date(2026, 3, 29)));
        assert_eq!(days.date(&tz, next), Some(date(2026, 3, 30)));
        assert_eq!(days.date(&tz, last), Some(date(2026, 3, 29)));
    }
}
