//! Away by itself after the configured idle time, online again at the next key; an away set
//! by hand is left alone, and 0 minutes means never.

use frontdesk_protocol::{EventBody, OperatorIn, OperatorStatus};

use super::*;

const MIN: i64 = 60_000;

fn statuses(fx: &[Effect]) -> Vec<OperatorStatus> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::SetStatus { status, .. }) => Some(*status),
            _ => None,
        })
        .collect()
}

fn tick(s: &mut State, at: i64) -> Vec<Effect> {
    update(s, Event::Tick { now: at })
}

fn status_is(s: &mut State, seq: u64, status: OperatorStatus) {
    update(
        s,
        event(
            seq,
            EventBody::OperatorStatusChanged {
                operator_id: ME,
                status,
                operator: None,
            },
        ),
    );
}

#[test]
fn idle_long_enough_goes_away_once_and_a_key_comes_back() {
    let mut s = ready();
    s.idle.away_after_ms = 10 * MIN;
    let start = 1_000_000;
    assert!(
        statuses(&tick(&mut s, start)).is_empty(),
        "the first tick starts the clock"
    );
    assert!(statuses(&tick(&mut s, start + 9 * MIN)).is_empty());
    assert_eq!(
        statuses(&tick(&mut s, start + 10 * MIN)),
        [OperatorStatus::Away]
    );
    status_is(&mut s, 11, OperatorStatus::Away);
    assert!(statuses(&tick(&mut s, start + 11 * MIN)).is_empty(), "once");
    s.now = start + 12 * MIN;
    assert_eq!(
        statuses(&act(&mut s, Action::SelectNext)),
        [OperatorStatus::Online]
    );
    status_is(&mut s, 12, OperatorStatus::Online);
    assert!(statuses(&act(&mut s, Action::SelectNext)).is_empty());
}

#[test]
fn keys_keep_an_operator_online_and_a_hand_set_away_stays() {
    let mut s = ready();
    s.idle.away_after_ms = 10 * MIN;
    tick(&mut s, 1);
    for minute in 1..30 {
        s.now = minute * MIN;
        act(&mut s, Action::SelectNext);
        assert!(
            statuses(&tick(&mut s, minute * MIN + 1)).is_empty(),
            "minute {minute}"
        );
    }
    // Away by hand: no key brings the operator back by itself.
    status_is(&mut s, 11, OperatorStatus::Away);
    assert!(statuses(&tick(&mut s, 100 * MIN)).is_empty());
    assert!(statuses(&act(&mut s, Action::SelectNext)).is_empty());
}

#[test]
fn zero_minutes_never_goes_away() {
    let mut s = ready();
    s.idle.away_after_ms = 0;
    tick(&mut s, 1);
    assert!(statuses(&tick(&mut s, 1_000 * MIN)).is_empty());
}

#[test]
fn the_offline_key_goes_offline_and_stays_there() {
    let mut s = ready();
    let fx = act(&mut s, Action::GoOffline);
    assert_eq!(statuses(&fx), [OperatorStatus::Offline]);
    status_is(&mut s, 90, OperatorStatus::Offline);
    // Idle time does not turn an invisible operator into an away one.
    let later = s.now + 60 * MIN;
    assert!(statuses(&tick(&mut s, later)).is_empty());
}
