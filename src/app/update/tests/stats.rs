//! The statistics screen: opening and closing, the period keys, the reads asked for (one per
//! grouping, numbered), answers landing, and stale answers of an earlier ask dropped.

use frontdesk_protocol::stats::{GroupBy, Metrics, StatsReport};

use super::*;
use crate::app::state::StatsPeriod;

const DAY: i64 = 86_400_000;
/// 01:23:20 on day 20 000 of the epoch, in UTC (the tests' zone).
const NOW: i64 = 20_000 * DAY + 5_000_000;

/// What a batch of effects asks of the server: (ask, grouping, since, until).
fn reads(fx: &[Effect]) -> Vec<(u64, GroupBy, i64, i64)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::FetchStats {
                ask,
                by,
                since,
                until,
                tz,
            } => {
                assert_eq!(tz, "UTC");
                Some((*ask, *by, *since, *until))
            }
            _ => None,
        })
        .collect()
}

fn report(by: GroupBy, chats: u64) -> Box<StatsReport> {
    Box::new(StatsReport {
        since: 0,
        until: 1,
        tz: "UTC".into(),
        by,
        groups: Vec::new(),
        total: Metrics {
            chats_started: chats,
            ..Metrics::default()
        },
    })
}

fn answer(s: &mut State, ask: u64, by: GroupBy, chats: u64) {
    let result = Ok(report(by, chats));
    update(s, Event::Stats { ask, by, result });
}

fn shown_chats(s: &State) -> Option<u64> {
    crate::app::stats::by_hour(s).map(|r| r.total.chats_started)
}

fn opened() -> State {
    let mut s = ready();
    s.now = NOW;
    act(&mut s, Action::ToggleStats);
    s
}

#[test]
fn f9_opens_on_today_asking_by_hour_and_by_operator_and_closes_again() {
    let mut s = ready();
    s.now = NOW;
    let fx = act(&mut s, Action::ToggleStats);
    assert!(s.stats.open);
    assert_eq!(s.key_context(), crate::app::KeyContext::Stats);
    let today = (20_000 * DAY, 20_001 * DAY);
    assert_eq!(
        reads(&fx),
        vec![
            (1, GroupBy::Hour, today.0, today.1),
            (1, GroupBy::Operator, today.0, today.1)
        ]
    );
    act(&mut s, Action::ToggleStats);
    assert!(!s.stats.open);
    assert_eq!(s.key_context(), crate::app::KeyContext::List);
}

#[test]
fn the_period_keys_cycle_today_seven_and_thirty_days_both_ways() {
    let mut s = opened();
    let since = |fx: &[Effect]| reads(fx).first().map(|r| r.2);
    let fx = act(&mut s, Action::StatsNextPeriod);
    assert_eq!(s.stats.period, StatsPeriod::Week);
    assert_eq!(
        since(&fx),
        Some(19_994 * DAY),
        "today and the six days before"
    );
    let fx = act(&mut s, Action::StatsNextPeriod);
    assert_eq!(s.stats.period, StatsPeriod::Month);
    assert_eq!(since(&fx), Some(19_971 * DAY));
    act(&mut s, Action::StatsNextPeriod);
    assert_eq!(s.stats.period, StatsPeriod::Today, "round again");
    act(&mut s, Action::StatsPrevPeriod);
    assert_eq!(s.stats.period, StatsPeriod::Month);
    // Every read of the last ask ends at the next midnight.
    assert!(
        reads(&act(&mut s, Action::StatsPrevPeriod))
            .iter()
            .all(|r| r.3 == 20_001 * DAY)
    );
}

#[test]
fn answers_land_per_grouping_and_a_new_period_starts_from_loading() {
    let mut s = opened();
    assert_eq!(shown_chats(&s), None, "loading");
    answer(&mut s, 1, GroupBy::Hour, 7);
    assert_eq!(shown_chats(&s), Some(7));
    assert!(crate::app::stats::by_operator(&s).is_none());
    answer(&mut s, 1, GroupBy::Operator, 7);
    assert!(crate::app::stats::by_operator(&s).is_some());
    act(&mut s, Action::StatsNextPeriod);
    assert_eq!(
        shown_chats(&s),
        None,
        "today's numbers are not shown as the week's"
    );
    assert!(crate::app::stats::by_operator(&s).is_none());
}

#[test]
fn a_late_answer_for_an_old_period_is_dropped() {
    let mut s = opened();
    act(&mut s, Action::StatsNextPeriod);
    assert_eq!(s.stats.ask, 2);
    // Today's answer arrives after the week was asked for.
    answer(&mut s, 1, GroupBy::Hour, 3);
    assert_eq!(shown_chats(&s), None);
    answer(&mut s, 2, GroupBy::Hour, 40);
    assert_eq!(shown_chats(&s), Some(40));
}

#[test]
fn refresh_keeps_the_numbers_until_the_new_ones_come() {
    let mut s = opened();
    answer(&mut s, 1, GroupBy::Hour, 5);
    let fx = act(&mut s, Action::StatsRefresh);
    assert_eq!(reads(&fx).len(), 2);
    assert_eq!(s.stats.ask, 2);
    assert_eq!(shown_chats(&s), Some(5), "no flicker to loading");
    // The first ask's other answer is late now.
    answer(&mut s, 1, GroupBy::Hour, 4);
    assert_eq!(shown_chats(&s), Some(5));
    answer(&mut s, 2, GroupBy::Hour, 6);
    assert_eq!(shown_chats(&s), Some(6));
}

#[test]
fn the_operators_key_flips_between_table_and_charts_only_while_open() {
    let mut s = opened();
    assert!(act(&mut s, Action::StatsOperators).is_empty());
    assert!(s.stats.operators);
    act(&mut s, Action::StatsOperators);
    assert!(!s.stats.operators);
    act(&mut s, Action::ToggleStats);
    act(&mut s, Action::StatsOperators);
    assert!(!s.stats.operators, "closed, the screen takes no key");
}

#[test]
fn a_failure_is_kept_to_be_shown_and_the_next_answer_replaces_it() {
    let mut s = opened();
    let failed = Err("HTTP 403 Forbidden".to_owned());
    update(
        &mut s,
        Event::Stats {
            ask: 1,
            by: GroupBy::Hour,
            result: failed,
        },
    );
    assert_eq!(
        crate::app::stats::failure(&s).as_deref(),
        Some("HTTP 403 Forbidden")
    );
    act(&mut s, Action::StatsRefresh);
    answer(&mut s, 2, GroupBy::Hour, 1);
    assert_eq!(crate::app::stats::failure(&s), None);
}

#[test]
fn asked_again_every_minute_while_open_and_not_when_closed() {
    let mut s = opened();
    let tick = |s: &mut State, at: i64| reads(&update(s, Event::Tick { now: at })).len();
    assert_eq!(tick(&mut s, NOW + 59_000), 0);
    assert_eq!(tick(&mut s, NOW + 60_000), 2);
    assert_eq!(tick(&mut s, NOW + 61_000), 0);
    act(&mut s, Action::ToggleStats);
    assert_eq!(tick(&mut s, NOW + 200_000), 0, "closed: not asked");
}

#[test]
fn one_view_at_a_time_and_the_screen_swallows_typing_and_clicks() {
    let mut s = ready();
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::ToggleStats);
    assert!(s.stats.open && !s.queue.open);
    act(&mut s, Action::ToggleQueue);
    assert!(s.queue.open && !s.stats.open, "f7 takes over");
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::ToggleStats);
    let before = s.selected;
    assert!(act(&mut s, Action::ClickAt { column: 1, row: 2 }).is_empty());
    act(&mut s, Action::Paste("привет".into()));
    assert_eq!(s.selected, before);
    assert!(s.compose.lines().join("").is_empty());
}
