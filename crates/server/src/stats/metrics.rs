//! Adding chats and presence up into one group's [`Metrics`].

use frontdesk_protocol::OperatorStatus;
use frontdesk_protocol::stats::Metrics;

use super::chats::{ChatFacts, WITHIN_MS};
use super::percentile::{mean, mean_of, median, nearest_rank};

const HOUR_MS: f64 = 3_600_000.0;

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
        m.response_avg_ms = mean_of(self.response_sum_ms, self.responses);
        m.duration_avg_ms = mean(&self.duration);
        m.duration_median_ms = median(&self.duration);
        m.offline_answer_median_ms = median(&self.offline_answer);
        m.chats_per_online_hour = (m.online_ms > 0)
            .then(|| round3(m.chats_answered as f64 / (m.online_ms as f64 / HOUR_MS)));
        m
    }
}

/// `part / whole`, rounded to 3 places; `None` when `whole` is 0.
fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round3(part as f64 / whole as f64))
}

/// Three decimals are plenty for a ratio and keep the JSON short.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
