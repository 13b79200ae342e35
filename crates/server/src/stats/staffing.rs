//! Needed against actual operators for each hour of the week (docs/staffing.md): the period's
//! live chats give each hour of the week its arrival rate and handling time, Erlang C the chat
//! slots that meet the target, the concurrency the operators; presence how many were online.

use frontdesk_protocol::stats::{StaffingHour, StaffingReport};

use super::erlang::{operators_for, servers_needed};
use super::group::Visible;
use super::metrics::round3;
use super::percentile::mean;
use super::period::{Period, WEEKDAYS, bucket, split_hours, week_index};
use frontdesk_protocol::OperatorStatus;

const HOUR_MS: f64 = 3_600_000.0;

/// The staffing target and model settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub wait_secs: u32,
    /// 0–1.
    pub service_level: f64,
    /// Chats an operator handles at once; 0 is taken as 1.
    pub concurrency: u32,
}

impl Default for Target {
    fn default() -> Self {
        Self {
            wait_secs: 60,
            service_level: 0.8,
            concurrency: 1,
        }
    }
}

#[derive(Default, Clone)]
struct Slot {
    covered_ms: i64,
    pieces: u32,
    arrivals: u32,
    handling: Vec<i64>,
    online_ms: i64,
}

/// `end`: the period's end, or now if earlier (presence and coverage stop there).
pub fn report(seen: &Visible, period: &Period, end: i64, target: Target) -> StaffingReport {
    let tz = &period.tz;
    let mut slots = vec![Slot::default(); 168];
    split_hours(period.since, end, tz, |(d, h), ms| {
        let slot = &mut slots[week_index(d, h)];
        slot.covered_ms += ms;
        slot.pieces += 1;
    });
    for f in seen.facts.iter().filter(|f| !f.offline) {
        let (d, h) = bucket(f.created_at, tz);
        let slot = &mut slots[week_index(d, h)];
        slot.arrivals += 1;
        slot.handling.extend(f.handling_ms);
    }
    for i in &seen.intervals {
        if i.status == OperatorStatus::Online {
            split_hours(i.from, i.to, tz, |(d, h), ms| {
                slots[week_index(d, h)].online_ms += ms;
            });
        }
    }
    // An hour whose chats were never answered borrows the period's handling time.
    let all_handling: Vec<i64> = slots.iter().flat_map(|s| s.handling.clone()).collect();
    let overall = mean(&all_handling);
    let concurrency = target.concurrency.max(1);
    let hours = slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let covered_hours = s.covered_ms as f64 / HOUR_MS;
            let per_hour = if covered_hours > 0.0 {
                f64::from(s.arrivals) / covered_hours
            } else {
                0.0
            };
            let handling = mean(&s.handling).or(overall.filter(|_| s.arrivals > 0));
            let aht_secs = handling.map_or(0.0, |ms| ms as f64 / 1000.0);
            let slots_needed = servers_needed(
                per_hour,
                aht_secs,
                f64::from(target.wait_secs),
                target.service_level,
            );
            let operators_needed = operators_for(slots_needed, concurrency);
            let online = if s.covered_ms > 0 {
                s.online_ms as f64 / s.covered_ms as f64
            } else {
                0.0
            };
            StaffingHour {
                weekday: WEEKDAYS[i / 24].to_owned(),
                hour: u8::try_from(i % 24).unwrap_or(0),
                samples: s.pieces,
                arrivals_per_hour: round3(per_hour),
                handling_avg_ms: handling,
                slots_needed,
                operators_needed,
                operators_online: round3(online),
                short: online < f64::from(operators_needed),
            }
        })
        .collect();
    StaffingReport {
        since: period.since,
        until: period.until,
        tz: period.tz_name.clone(),
        target_wait_secs: target.wait_secs,
        service_level: target.service_level,
        concurrency,
        hours,
    }
}
