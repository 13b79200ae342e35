//! A year of a busy site, day by day: when chats arrive (weekdays busier, business hours
//! busiest), who is online (shifts with a lunch break), how chats go (answered, missed,
//! offline messages answered next morning) and what is said. Deterministic for a seed, and
//! pure: `write.rs` stores what this plans.

use fastrand::Rng;
use frontdesk_protocol::{Chat, ChatStatus, Millis, OperatorStatus, Role};

pub use super::rows::{ChatRow, Ev, Operator, Shape, VisitorRow, What};
use super::talk::{Talk, profile};
use super::texts;

pub const DAY_MS: Millis = 86_400_000;
const HOUR_MS: Millis = 3_600_000;
const MIN_MS: Millis = 60_000;

/// Relative arrivals per hour of day (UTC): a site whose visitors are mostly in Moscow time.
const HOUR_WEIGHTS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 5, 8, 10, 10, 10, 10, 10, 10, 9, 8, 6, 4, 3, 2, 2, 2, 1, 1,
];
/// Share of live chats the visitor leaves before any answer (percent).
const MISSED_PERCENT: u32 = 4;
/// Share of offline messages answered the next working morning (percent).
const OFFLINE_ANSWERED_PERCENT: u32 = 70;
/// Share of chats from a visitor seen before (percent).
const RETURNING_PERCENT: u32 = 30;

pub struct Planner {
    rng: Rng,
    shape: Shape,
    next_chat_id: i64,
    visitors: Vec<VisitorRow>,
    chats_planned: u64,
    /// Chats and lines made so far, and how many chats were live and answered: the length of
    /// the next answered chat is steered by them so the year's total comes out right.
    chats_made: u64,
    lines_made: u64,
    answered_made: u64,
}

impl Planner {
    pub fn new(shape: Shape, seed: u64) -> Self {
        Self {
            rng: Rng::with_seed(seed),
            shape,
            next_chat_id: 1,
            visitors: Vec::new(),
            chats_planned: 0,
            chats_made: 0,
            lines_made: 0,
            answered_made: 0,
        }
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// Every visitor met, with their final counts.
    pub fn into_visitors(self) -> Vec<VisitorRow> {
        self.visitors
    }

    /// Day `day`'s chats and events (some events fall on later days: a chat near midnight,
    /// an offline message answered next morning).
    pub fn day(&mut self, day: u32) -> (Vec<ChatRow>, Vec<Ev>) {
        let midnight = self.shape.start + i64::from(day) * DAY_MS;
        let weekend = is_weekend(midnight);
        let mut events = Vec::new();
        let working: Vec<Operator> = self
            .shape
            .operators
            .clone()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !weekend || (i + day as usize / 7).is_multiple_of(5))
            .map(|(_, op)| op)
            .collect();
        for op in &working {
            self.shift(op, midnight, weekend, &mut events);
        }
        let mut times: Vec<Millis> = (0..self.chats_today(day, weekend))
            .map(|_| midnight + self.arrival_offset())
            .collect();
        times.sort_unstable();
        let mut chats = Vec::with_capacity(times.len());
        for created_at in times {
            let hour = (created_at - midnight) / HOUR_MS;
            let live = if weekend {
                (8..14).contains(&hour)
            } else {
                (6..16).contains(&hour)
            };
            chats.push(self.chat(created_at, live, &working, &mut events));
        }
        (chats, events)
    }

    /// Chats arriving on `day`: weekdays get 1.15 shares, weekend days 0.625 (7 in a week),
    /// counted so the year's total is exact.
    fn chats_today(&mut self, day: u32, weekend: bool) -> u64 {
        let per_week_day = self.shape.chats as f64 / f64::from(self.shape.days.max(1));
        let share = if weekend { 0.625 } else { 1.15 };
        let due = if day + 1 == self.shape.days {
            self.shape.chats
        } else {
            ((per_week_day * share) + self.chats_planned as f64).round() as u64
        };
        let n = due.min(self.shape.chats).saturating_sub(self.chats_planned);
        self.chats_planned += n;
        n
    }

    fn arrival_offset(&mut self) -> Millis {
        let total: u32 = HOUR_WEIGHTS.iter().sum();
        let mut pick = self.rng.u32(..total);
        let mut hour = 0;
        for (h, w) in HOUR_WEIGHTS.iter().enumerate() {
            if pick < *w {
                hour = h;
                break;
            }
            pick -= w;
        }
        hour as Millis * HOUR_MS + self.rng.i64(0..HOUR_MS)
    }

    /// Online from the morning, away for lunch, offline in the afternoon.
    fn shift(&mut self, op: &Operator, midnight: Millis, weekend: bool, out: &mut Vec<Ev>) {
        let (from, to) = if weekend { (8, 14) } else { (6, 15) };
        let online = midnight + from * HOUR_MS + self.rng.i64(0..20 * MIN_MS);
        let lunch = midnight + (from + 4) * HOUR_MS + self.rng.i64(0..HOUR_MS);
        let back = lunch + self.rng.i64(20 * MIN_MS..45 * MIN_MS);
        let offline = midnight + to * HOUR_MS + self.rng.i64(0..HOUR_MS);
        for (ts, status) in [
            (online, OperatorStatus::Online),
            (lunch, OperatorStatus::Away),
            (back, OperatorStatus::Online),
            (offline, OperatorStatus::Offline),
        ] {
            out.push(Ev {
                ts,
                what: What::Status {
                    operator_id: op.id,
                    status,
                },
            });
        }
    }

    fn visitor(&mut self, at: Millis) -> usize {
        if !self.visitors.is_empty() && self.rng.u32(..100) < RETURNING_PERCENT {
            let i = self.rng.usize(..self.visitors.len());
            let v = &mut self.visitors[i];
            v.visits += 1;
            v.chats += 1;
            v.last_seen = at;
            return i;
        }
        let english = self.rng.u32(..4) == 0;
        let id = self.visitors.len() as i64 + 1;
        let named = self.rng.u32(..10) < 7;
        self.visitors.push(VisitorRow {
            id,
            name: named.then(|| texts::name(&mut self.rng, english)),
            email: (self.rng.u32(..10) < 4).then(|| format!("visitor{id}@example.com")),
            english,
            first_seen: at,
            last_seen: at,
            visits: 1,
            chats: 1,
        });
        self.visitors.len() - 1
    }

    /// A chat and its events; its lines are counted for [`Self::answered_length`].
    fn chat(
        &mut self,
        created_at: Millis,
        live: bool,
        working: &[Operator],
        out: &mut Vec<Ev>,
    ) -> ChatRow {
        let before = out.len();
        let row = self.plan_chat(created_at, live, working, out);
        self.lines_made += out[before..]
            .iter()
            .filter(|e| matches!(e.what, What::Message { .. }))
            .count() as u64;
        row
    }

    fn plan_chat(
        &mut self,
        created_at: Millis,
        live: bool,
        working: &[Operator],
        out: &mut Vec<Ev>,
    ) -> ChatRow {
        let id = self.next_chat_id;
        self.next_chat_id += 1;
        self.chats_made += 1;
        let v = self.visitor(created_at);
        let visitor = self.visitors[v].clone();
        let department = self.rng.usize(..self.shape.departments.len());
        let mut row = ChatRow {
            id,
            visitor_id: visitor.id,
            status: if live {
                ChatStatus::Closed
            } else {
                ChatStatus::Offline
            },
            operator_id: None,
            department: self.shape.departments[department].clone(),
            created_at,
            accepted_at: None,
            first_response_at: None,
            closed_at: None,
        };
        out.push(Ev {
            ts: created_at,
            what: What::Created {
                chat: Chat {
                    id,
                    visitor_id: visitor.id,
                    status: if live {
                        ChatStatus::Waiting
                    } else {
                        ChatStatus::Offline
                    },
                    operator_id: None,
                    department: Some(row.department.clone()),
                    created_at,
                    accepted_at: None,
                    closed_at: None,
                    queued_at: None,
                },
                visitor: Box::new(profile(&visitor)),
            },
        });
        let mut talk = Talk {
            chat_id: id,
            visitor: &visitor,
            out,
        };
        talk.say(&mut self.rng, created_at, None);
        if !live {
            self.offline_answer(&mut row, department, &mut talk);
            return row;
        }
        if self.rng.u32(..100) < MISSED_PERCENT {
            let mut t = created_at;
            if self.rng.bool() {
                t += self.rng.i64(10_000..60_000);
                talk.say(&mut self.rng, t, None);
            }
            row.closed_at = Some(t + self.rng.i64(60_000..240_000));
            talk.close(row.closed_at.unwrap_or(t), Role::Visitor, None);
            return row;
        }
        let op = self.pick(department, working);
        let accepted = created_at + self.rng.i64(1_000..20_000);
        row.operator_id = Some(op.id);
        row.accepted_at = Some(accepted);
        talk.out.push(Ev {
            ts: accepted,
            what: What::Accepted {
                chat_id: id,
                operator_id: op.id,
                operator_name: op.display_name.clone(),
            },
        });
        let first = accepted.max(created_at + self.first_response_delay());
        row.first_response_at = Some(first);
        let mean = self.answered_length();
        let lines = self.rng.u64(2..=(2 * mean).saturating_sub(2).max(2));
        let mut t = first;
        talk.say(&mut self.rng, t, Some(&op));
        let mut by_operator = true;
        for _ in 2..lines {
            t += self.rng.i64(10_000..90_000);
            by_operator = if self.rng.u32(..10) < 7 {
                !by_operator
            } else {
                by_operator
            };
            talk.say(&mut self.rng, t, by_operator.then_some(&op));
        }
        let closed = t + self.rng.i64(30_000..300_000);
        row.closed_at = Some(closed);
        if self.rng.u32(..10) < 6 {
            talk.close(closed, Role::Visitor, None);
        } else {
            talk.close(closed, Role::Operator, Some(op.id));
        }
        row
    }

    /// Most offline messages get an answer the next working morning; the rest stay offline.
    fn offline_answer(&mut self, row: &mut ChatRow, department: usize, talk: &mut Talk<'_>) {
        if self.rng.u32(..100) >= OFFLINE_ANSWERED_PERCENT {
            return;
        }
        let mut morning = (row.created_at / DAY_MS + 1) * DAY_MS;
        while is_weekend(morning) {
            morning += DAY_MS;
        }
        let op = self.pick(department, &[]);
        let answered = morning + 6 * HOUR_MS + self.rng.i64(10 * MIN_MS..3 * HOUR_MS);
        talk.out.push(Ev {
            ts: answered,
            what: What::Accepted {
                chat_id: row.id,
                operator_id: op.id,
                operator_name: op.display_name.clone(),
            },
        });
        talk.say(&mut self.rng, answered + 1_000, Some(&op));
        let closed = answered + 60_000;
        talk.close(closed, Role::Operator, Some(op.id));
        row.status = ChatStatus::Closed;
        row.operator_id = Some(op.id);
        row.accepted_at = Some(answered);
        row.first_response_at = Some(answered + 1_000);
        row.closed_at = Some(closed);
    }

    /// The mean length an answered chat needs now: the lines still due, less about two for
    /// each chat that will not be answered, over the chats that will (shares so far).
    fn answered_length(&mut self) -> u64 {
        self.answered_made += 1;
        let left = self.shape.chats.saturating_sub(self.chats_made).max(1) as f64;
        let answered_share = self.answered_made as f64 / self.chats_made.max(1) as f64;
        let due = self.shape.messages.saturating_sub(self.lines_made) as f64;
        let others = left * (1.0 - answered_share) * 2.0;
        ((due - others) / (left * answered_share)).round().max(2.0) as u64
    }

    /// An operator of `department`, preferring those working today.
    fn pick(&mut self, department: usize, working: &[Operator]) -> Operator {
        let on_shift: Vec<&Operator> = working
            .iter()
            .filter(|o| o.department == department)
            .collect();
        if !on_shift.is_empty() {
            return on_shift[self.rng.usize(..on_shift.len())].clone();
        }
        let all: Vec<&Operator> = self
            .shape
            .operators
            .iter()
            .filter(|o| o.department == department)
            .collect();
        all[self.rng.usize(..all.len())].clone()
    }

    /// Most first answers within a minute, some within three, a few late.
    fn first_response_delay(&mut self) -> Millis {
        match self.rng.u32(..10) {
            0..7 => self.rng.i64(5_000..60_000),
            7..9 => self.rng.i64(60_000..180_000),
            _ => self.rng.i64(180_000..600_000),
        }
    }
}

/// 1970-01-01 was a Thursday.
pub fn is_weekend(ts: Millis) -> bool {
    let weekday = (ts.div_euclid(DAY_MS) + 3) % 7; // 0 = Monday
    weekday >= 5
}

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;
