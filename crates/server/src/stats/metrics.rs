//! Adding chats and presence up into one group's [`Metrics`].

use frontdesk_protocol::stats::{FIRST_RESPONSE_BUCKET_EDGES_MS, Metrics, first_response_bucket};
use frontdesk_protocol::{OperatorStatus, Rating};

use super::chats::{ChatFacts, WITHIN_MS};
use super::percentile::{mean, mean_of, median, nearest_rank};

const HOUR_MS: f64 = 3_600_000.0;
/// Online time under which chats per online hour is left undefined: a ratio over a few
/// minutes online says nothing about an hour (one chat in 5 s online read as 720 an hour).
pub const RATE_MIN_ONLINE_MS: i64 = 15 * 60 * 1_000;

/// One group's running sums and samples.
#[derive(Debug, Clone, Default)]
pub struct Acc {
    m: Metrics,
    first_response: Vec<i64>,
    responses: u64,
    response_sum_ms: i128,
    duration: Vec<i64>,
    offline_answer: Vec<i64>,
}

impl Acc {
    pub fn add_chat(&mut self, f: &ChatFacts) {
        let m = &mut self.m;
        m.messages_from_visitors += f.from_visitors;
        m.messages_from_operators += f.from_operators;
        // A message left offline is rated as any chat, once it was answered and closed.
        match f.rating {
            Some(Rating::Good) => m.rated_good += 1,
            Some(Rating::Bad) => m.rated_bad += 1,
            None => {}
        }
        if f.offline {
            // An offline message is its own count: no live wait, never "missed".
            m.offline_messages += 1;
            if let Some(ms) = f.first_response_ms {
                m.offline_answered += 1;
                self.offline_answer.push(ms);
            }
            return;
        }
        m.chats_started += 1;
        m.chats_missed += u64::from(f.missed);
        m.last_message_unanswered += u64::from(f.last_unanswered);
        m.chats_left_waiting += u64::from(f.left_waiting);
        if let Some(ms) = f.first_response_ms {
            m.chats_answered += 1;
            m.first_response_within_60s += u64::from(ms <= WITHIN_MS);
            self.first_response.push(ms);
        }
        self.responses += f.responses;
        self.response_sum_ms += i128::from(f.response_sum_ms);
        self.duration.extend(f.duration_ms);
    }

    pub fn add_presence(&mut self, status: OperatorStatus, ms: i64) {
        match status {
            OperatorStatus::Online => self.m.online_ms += ms,
            OperatorStatus::Away => self.m.away_ms += ms,
            OperatorStatus::Offline => {}
        }
    }

    pub fn finish(mut self) -> Metrics {
        self.first_response.sort_unstable();
        self.duration.sort_unstable();
        self.offline_answer.sort_unstable();
        let mut m = self.m;
        m.first_response_median_ms = median(&self.first_response);
        m.first_response_p90_ms = nearest_rank(&self.first_response, 90);
        m.first_response_within_60s_share = share(m.first_response_within_60s, m.chats_answered);
        m.first_response_buckets = buckets(&self.first_response);
        m.response_avg_ms = mean_of(self.response_sum_ms, self.responses);
        m.duration_avg_ms = mean(&self.duration);
        m.duration_median_ms = median(&self.duration);
        m.offline_answer_median_ms = median(&self.offline_answer);
        m.chats_per_online_hour = (m.online_ms >= RATE_MIN_ONLINE_MS)
            .then(|| round3(m.chats_answered as f64 / (m.online_ms as f64 / HOUR_MS)));
        m
    }
}

/// How many of `first_response` (ms) fall in each first response bucket: always every
/// bucket, zeros included, so a chart of them has a fixed shape.
pub fn buckets(first_response: &[i64]) -> Vec<u64> {
    let mut counts = vec![0; FIRST_RESPONSE_BUCKET_EDGES_MS.len() + 1];
    for &ms in first_response {
        counts[first_response_bucket(ms)] += 1;
    }
    counts
}

/// `part / whole`, rounded to 3 places; `None` when `whole` is 0.
fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round3(part as f64 / whole as f64))
}

/// Three decimals are plenty for a ratio and keep the JSON short.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::chats::ChatFacts;

    fn answered_in(ms: i64) -> ChatFacts {
        ChatFacts {
            offline: false,
            operator_id: Some(1),
            department: None,
            created_at: 0,
            first_response_ms: Some(ms),
            missed: false,
            duration_ms: None,
            handling_ms: None,
            responses: 1,
            response_sum_ms: ms,
            from_visitors: 1,
            from_operators: 1,
            last_unanswered: false,
            left_waiting: false,
            rating: None,
        }
    }

    #[test]
    fn chats_per_online_hour_needs_a_quarter_of_an_hour_online() {
        let rate = |online_ms| {
            let mut acc = Acc::default();
            acc.add_chat(&answered_in(10_000));
            acc.add_presence(OperatorStatus::Online, online_ms);
            acc.finish().chats_per_online_hour
        };
        assert_eq!(rate(5_000), None, "one chat in 5 s online is no rate");
        assert_eq!(rate(RATE_MIN_ONLINE_MS - 1), None);
        assert_eq!(rate(RATE_MIN_ONLINE_MS), Some(4.0));
        assert_eq!(rate(2 * 3_600_000), Some(0.5));
    }

    #[test]
    fn no_answers_fill_every_bucket_with_zero() {
        assert_eq!(buckets(&[]), vec![0; 7]);
        assert_eq!(Acc::default().finish().first_response_buckets, vec![0; 7]);
    }

    #[test]
    fn each_edge_belongs_to_the_bucket_below_it() {
        // By hand: 0 and 15 s → ≤15 s; 15.001 s and 30 s → 15–30; 44 s → 30–45; exactly
        // 60 s → 45–60 (it is within 60 s); 60.001 s and 2 min → 1–2 min; 2:00.001 and
        // 5 min → 2–5 min; 5:00.001 and an hour → over 5 min.
        let samples = [
            0, 15_000, 15_001, 30_000, 44_000, 60_000, 60_001, 120_000, 120_001, 300_000, 300_001,
            3_600_000,
        ];
        assert_eq!(buckets(&samples), vec![2, 2, 1, 1, 2, 2, 2]);
    }

    #[test]
    fn the_first_four_buckets_are_the_answers_within_60_s() {
        let mut acc = Acc::default();
        for ms in [5_000, 59_999, 60_000, 60_001, 400_000] {
            acc.add_chat(&answered_in(ms));
        }
        // An offline message's answer is not a live first response: in no bucket.
        acc.add_chat(&ChatFacts {
            offline: true,
            ..answered_in(1_000)
        });
        let m = acc.finish();
        assert_eq!(m.first_response_buckets, vec![1, 0, 0, 2, 1, 0, 1]);
        assert_eq!(m.first_response_within_60s, 3);
        assert_eq!(
            m.first_response_buckets[..4].iter().sum::<u64>(),
            m.first_response_within_60s
        );
    }

    #[test]
    fn ratings_count_in_live_chats_and_messages_left_alike() {
        let mut acc = Acc::default();
        for rating in [
            Some(Rating::Good),
            Some(Rating::Good),
            Some(Rating::Bad),
            None,
        ] {
            acc.add_chat(&ChatFacts {
                rating,
                ..answered_in(5_000)
            });
        }
        acc.add_chat(&ChatFacts {
            offline: true,
            rating: Some(Rating::Good),
            ..answered_in(1_000)
        });
        let m = acc.finish();
        assert_eq!((m.rated_good, m.rated_bad), (3, 1));
        assert_eq!(m.rated_good_share(), Some(0.75));
        assert_eq!(Acc::default().finish().rated_good_share(), None);
    }
}
