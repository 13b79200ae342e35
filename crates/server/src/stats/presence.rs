//! Operators' online and away time from their stored status changes. An operator's status
//! holds from one change to the next; before their first change they were offline; the last
//! status holds until the end (the period's end, or now if that is earlier). Every interval
//! is clipped to the period.

use frontdesk_protocol::{Millis, OperatorStatus};

use super::rows::StatusChange;

/// A stretch of one operator's time in one status, inside the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub operator_id: i64,
    pub status: OperatorStatus,
    pub from: Millis,
    pub to: Millis,
}

impl Interval {
    pub fn ms(&self) -> i64 {
        self.to - self.from
    }
}

/// Online and away intervals within `[since, end)`; `changes` oldest first (by `seq`).
/// Offline time is not kept.
pub fn intervals(changes: &[StatusChange], since: Millis, end: Millis) -> Vec<Interval> {
    let mut current: std::collections::BTreeMap<i64, (OperatorStatus, Millis)> =
        std::collections::BTreeMap::new();
    let mut out = Vec::new();
    let mut push = |operator_id, status, from: Millis, to: Millis| {
        let (from, to) = (from.max(since), to.min(end));
        if status != OperatorStatus::Offline && from < to {
            out.push(Interval {
                operator_id,
                status,
                from,
                to,
            });
        }
    };
    for change in changes {
        if let Some((status, from)) = current.insert(change.operator_id, (change.status, change.ts))
        {
            push(change.operator_id, status, from, change.ts);
        }
    }
    for (operator_id, (status, from)) in current {
        push(operator_id, status, from, end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use OperatorStatus::{Away, Offline, Online};

    fn change(operator_id: i64, ts: Millis, status: OperatorStatus) -> StatusChange {
        StatusChange {
            operator_id,
            ts,
            status,
        }
    }

    fn total(list: &[Interval], status: OperatorStatus) -> i64 {
        list.iter()
            .filter(|i| i.status == status)
            .map(Interval::ms)
            .sum()
    }

    #[test]
    fn clipped_at_both_ends() {
        // Online from 50 to 250, away 250–400, then offline; the period is [100, 300).
        let changes = [
            change(1, 50, Online),
            change(1, 250, Away),
            change(1, 400, Offline),
        ];
        let list = intervals(&changes, 100, 300);
        assert_eq!(total(&list, Online), 150);
        assert_eq!(total(&list, Away), 50);
    }

    #[test]
    fn last_status_runs_to_the_end_and_nothing_before_the_first() {
        let changes = [change(2, 500, Online)];
        let list = intervals(&changes, 0, 1000);
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].from, list[0].to), (500, 1000));
    }

    #[test]
    fn operators_are_kept_apart() {
        let changes = [
            change(1, 0, Online),
            change(2, 10, Away),
            change(1, 20, Offline),
            change(2, 40, Offline),
        ];
        let list = intervals(&changes, 0, 100);
        assert_eq!(total(&list, Online), 20);
        assert_eq!(total(&list, Away), 30);
    }

    #[test]
    fn wholly_outside_the_period_counts_nothing() {
        let changes = [change(1, 0, Online), change(1, 10, Offline)];
        assert!(intervals(&changes, 100, 200).is_empty());
    }
}
