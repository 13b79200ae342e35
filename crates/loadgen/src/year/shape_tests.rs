//! The planner: totals, time order, shifts, weekends.

use super::*;

fn shape(chats: u64, messages: u64, days: u32) -> Shape {
    Shape {
        start: 1_735_689_600_000, // 2025-01-01, a Wednesday
        days,
        chats,
        messages,
        operators: (0..10)
            .map(|i| Operator {
                id: i + 1,
                display_name: format!("Op {i}"),
                department: (i % 3) as usize,
            })
            .collect(),
        departments: vec!["sales".into(), "support".into(), "billing".into()],
    }
}

#[test]
fn the_year_has_exactly_the_chats_asked_and_about_the_messages() {
    let mut planner = Planner::new(shape(7_000, 140_000, 35), 7);
    let (mut chats, mut messages) = (0u64, 0u64);
    for day in 0..35 {
        let (c, evs) = planner.day(day);
        chats += c.len() as u64;
        messages += evs
            .iter()
            .filter(|e| matches!(e.what, What::Message { .. }))
            .count() as u64;
    }
    assert_eq!(chats, 7_000);
    assert!(
        (136_000..144_000).contains(&messages),
        "{messages} messages"
    );
}

#[test]
fn chats_come_in_time_order_with_their_first_line_at_creation() {
    let mut planner = Planner::new(shape(700, 14_000, 7), 1);
    let mut last = 0;
    for day in 0..7 {
        let (chats, events) = planner.day(day);
        for c in &chats {
            assert!(c.created_at >= last);
            last = c.created_at;
            assert!(c.first_response_at.is_none_or(|t| t >= c.created_at));
            assert!(c.closed_at.is_none_or(|t| t >= c.created_at));
        }
        let weekend_day = is_weekend(1_735_689_600_000 + i64::from(day) * DAY_MS);
        let statuses = events
            .iter()
            .filter(|e| matches!(e.what, What::Status { .. }))
            .count();
        // Four changes per operator on shift: all ten on a weekday, two on a weekend.
        assert_eq!(statuses, if weekend_day { 8 } else { 40 });
    }
}

#[test]
fn weekends_are_told_apart() {
    assert!(!is_weekend(1_735_689_600_000)); // Wednesday
    assert!(is_weekend(1_735_689_600_000 + 3 * DAY_MS)); // Saturday
    assert!(is_weekend(1_735_689_600_000 + 4 * DAY_MS)); // Sunday
    assert!(!is_weekend(1_735_689_600_000 + 5 * DAY_MS)); // Monday
}
