//! `GET /api/staffing` over the week of `history.rs`: each hour of the week is sampled once.

use frontdesk_protocol::stats::{StaffingHour, StaffingReport};

use super::get;
use super::history::{DAY, T0, history};

fn hour<'a>(r: &'a StaffingReport, weekday: &str, hour: u8) -> &'a StaffingHour {
    r.hours
        .iter()
        .find(|h| h.weekday == weekday && h.hour == hour)
        .unwrap()
}

#[tokio::test]
async fn needed_against_online_per_hour_of_the_week() {
    let h = history().await;
    let path = |extra: &str| {
        format!(
            "/api/staffing?since={T0}&until={}&tz=UTC{extra}",
            T0 + 7 * DAY
        )
    };
    let (status, body) = get(&h.server, &h.irina, &path("&concurrency=2")).await;
    assert_eq!(status, 200, "{body}");
    let r: StaffingReport = serde_json::from_value(body).unwrap();
    assert_eq!(r.hours.len(), 168);
    assert_eq!(
        (r.target_wait_secs, r.service_level, r.concurrency),
        (60, 0.8, 2)
    );
    assert!(r.hours.iter().all(|h| h.samples == 1));

    // Monday 10: one chat handled 540 s (first answer to close): A = 0.15 Erlang; one slot
    // gives 1 − 0.15·e^(−0.85·60/540) ≈ 86 % within 60 s. Nobody was online: short.
    let mon10 = hour(&r, "mon", 10);
    assert_eq!(mon10.arrivals_per_hour, 1.0);
    assert_eq!(mon10.handling_avg_ms, Some(540_000));
    assert_eq!((mon10.slots_needed, mon10.operators_needed), (1, 1));
    assert_eq!(mon10.operators_online, 0.0);
    assert!(mon10.short);

    // Monday 12: the missed chat has no handling time, so the week's mean stands in:
    // (540 + 239 + 1780) s / 3 = 853 s. A ≈ 0.237: one slot gives ≈ 77.5 % (< 80 %), two
    // slots are needed, one operator of two chats; boris was online the whole hour.
    let mon12 = hour(&r, "mon", 12);
    assert_eq!(mon12.handling_avg_ms, Some(853_000));
    assert_eq!((mon12.slots_needed, mon12.operators_needed), (2, 1));
    assert_eq!(mon12.operators_online, 1.0);
    assert!(!mon12.short);

    // No chats, someone online: nothing needed, not short.
    let mon00 = hour(&r, "mon", 0);
    assert_eq!(
        (mon00.slots_needed, mon00.operators_online, mon00.short),
        (0, 1.0, false)
    );
    assert_eq!(hour(&r, "sun", 23).operators_online, 1.0);

    // One chat at a time (the default while `[routing] max_chats` is 0): boris alone is short.
    let (_, body) = get(&h.server, &h.irina, &path("")).await;
    let r: StaffingReport = serde_json::from_value(body).unwrap();
    assert_eq!(r.concurrency, 1);
    let mon12 = hour(&r, "mon", 12);
    assert_eq!(mon12.operators_needed, 2);
    assert!(mon12.short);

    let (status, _) = get(&h.server, &h.irina, &path("&service_level=80")).await;
    assert_eq!(status, 400);
}
