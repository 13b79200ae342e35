//! The statistics answer: each chat and each stretch of presence goes into its group and into
//! the total. A chat counts in the hour and weekday it started, wherever it ends.

use std::collections::{BTreeMap, HashMap};

use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::{GroupBy, GroupStats, StatsReport};

use super::chats::{ChatFacts, all_facts};
use super::metrics::Acc;
use super::period::{Period, WEEKDAYS, bucket, split_hours};
use super::presence::{Interval, intervals};
use super::rows::StatsData;
use super::scope::{Scope, departments_of};
use crate::routing::RoutingConfig;

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Sort order first, then the key; `""` (nobody, no department) sorts last.
type Key = (u8, String);

/// What the computation needs besides the rows.
pub struct Ask<'a> {
    pub period: &'a Period,
    pub by: GroupBy,
    pub scope: &'a Scope,
    pub routing: &'a RoutingConfig,
    /// Presence is counted up to here at most: the future has none.
    pub now: Millis,
}

/// Chats and presence the reader may see, in the facts presence and grouping start from.
pub struct Visible {
    pub facts: Vec<ChatFacts>,
    pub intervals: Vec<Interval>,
}

pub fn visible(data: &StatsData, ask: &Ask<'_>) -> Visible {
    let chats: Vec<_> = data
        .chats
        .iter()
        .filter(|c| ask.scope.sees_department(c.department.as_deref()))
        .cloned()
        .collect();
    let logins: HashMap<i64, &str> = data
        .operators
        .iter()
        .map(|o| (o.id, o.name.as_str()))
        .collect();
    let end = super::end_of(ask.period, ask.now);
    let intervals = intervals(&data.status_changes, ask.period.since, end)
        .into_iter()
        .filter(|i| {
            logins
                .get(&i.operator_id)
                .is_some_and(|l| ask.scope.sees_operator(l, ask.routing))
        })
        .collect();
    let mut facts = all_facts(&chats, &data.messages);
    facts.extend(
        data.summarized
            .iter()
            .filter(|f| ask.scope.sees_department(f.department.as_deref()))
            .cloned(),
    );
    Visible { facts, intervals }
}

pub fn report(data: &StatsData, ask: &Ask<'_>) -> StatsReport {
    let seen = visible(data, ask);
    let ops: HashMap<i64, (&str, &str)> = data
        .operators
        .iter()
        .map(|o| (o.id, (o.name.as_str(), o.display_name.as_str())))
        .collect();
    let op_key = |id: Option<i64>| match id.and_then(|id| ops.get(&id)) {
        Some((login, _)) => (0, (*login).to_owned()),
        None => (1, String::new()),
    };
    let tz = &ask.period.tz;
    let mut groups: BTreeMap<Key, Acc> = BTreeMap::new();
    // Hours and weekdays are listed whole; configured departments the reader sees too.
    let fixed: Vec<Key> = match ask.by {
        GroupBy::Hour => (0..24).map(|h| (h, format!("{h:02}"))).collect(),
        GroupBy::Weekday => (0..7u8)
            .map(|d| (d, WEEKDAYS[usize::from(d)].to_owned()))
            .collect(),
        GroupBy::Department => ask
            .routing
            .departments
            .iter()
            .filter(|d| ask.scope.sees_department(Some(&d.key)))
            .map(|d| (0, d.key.clone()))
            .collect(),
        GroupBy::Operator => Vec::new(),
    };
    for key in fixed {
        groups.entry(key).or_default();
    }
    let mut total = Acc::default();
    for f in &seen.facts {
        total.add_chat(f);
        let (day, hour) = bucket(f.created_at, tz);
        let key = match ask.by {
            GroupBy::Operator => op_key(f.operator_id),
            GroupBy::Department => dept_key(f.department.as_deref()),
            GroupBy::Hour => (hour, format!("{hour:02}")),
            GroupBy::Weekday => (day, WEEKDAYS[usize::from(day)].to_owned()),
        };
        groups.entry(key).or_default().add_chat(f);
    }
    for i in &seen.intervals {
        total.add_presence(i.status, i.ms());
        match ask.by {
            GroupBy::Operator => groups
                .entry(op_key(Some(i.operator_id)))
                .or_default()
                .add_presence(i.status, i.ms()),
            GroupBy::Department => {
                let login = ops.get(&i.operator_id).map_or("", |o| o.0);
                let mut deps: Vec<Option<String>> = departments_of(login, ask.routing)
                    .into_iter()
                    .map(Some)
                    .collect();
                if deps.is_empty() {
                    deps.push(None);
                }
                for d in deps
                    .iter()
                    .filter(|d| ask.scope.sees_department(d.as_deref()))
                {
                    let acc = groups.entry(dept_key(d.as_deref())).or_default();
                    acc.add_presence(i.status, i.ms());
                }
            }
            GroupBy::Hour | GroupBy::Weekday => split_hours(i.from, i.to, tz, |(d, h), ms| {
                let key = if ask.by == GroupBy::Hour {
                    (h, format!("{h:02}"))
                } else {
                    (d, WEEKDAYS[usize::from(d)].to_owned())
                };
                groups.entry(key).or_default().add_presence(i.status, ms);
            }),
        }
    }
    let groups = groups
        .into_iter()
        .map(|((order, key), acc)| GroupStats {
            label: label(ask, &ops, order, &key),
            key,
            metrics: acc.finish(),
        })
        .collect();
    StatsReport {
        since: ask.period.since,
        until: ask.period.until,
        tz: ask.period.tz_name.clone(),
        by: ask.by,
        groups,
        total: total.finish(),
    }
}

fn dept_key(department: Option<&str>) -> Key {
    match department {
        Some(d) => (0, d.to_owned()),
        None => (1, String::new()),
    }
}

fn label(ask: &Ask<'_>, ops: &HashMap<i64, (&str, &str)>, order: u8, key: &str) -> String {
    match ask.by {
        GroupBy::Operator if key.is_empty() => "(nobody)".to_owned(),
        GroupBy::Operator => ops
            .values()
            .find(|(login, _)| *login == key)
            .map_or_else(|| key.to_owned(), |(_, shown)| (*shown).to_owned()),
        GroupBy::Department if key.is_empty() => "(no department)".to_owned(),
        GroupBy::Department => ask
            .routing
            .departments
            .iter()
            .find(|d| d.key == key)
            .map_or_else(|| key.to_owned(), |d| d.shown_name().to_owned()),
        GroupBy::Hour => format!("{key}:00"),
        GroupBy::Weekday => DAY_NAMES[usize::from(order.min(6))].to_owned(),
    }
}
