//! After a failed attempt: retry later (the wait doubles from `retry_first_secs` up to
//! `retry_max_secs`) or give up — at once for a permanent refusal, else after `max_attempts`
//! attempts or `give_up_after_secs` since the e-mail was queued.

use frontdesk_protocol::Millis;

use super::config::MailConfig;
use super::transport::SendError;
use crate::store::MailOutcome;

/// What to record after attempt number `attempts_made` (1 for the first) failed with `error`.
pub fn after_failure(
    config: &MailConfig,
    attempts_made: u32,
    queued_at: Millis,
    now: Millis,
    error: SendError,
) -> MailOutcome {
    if error.permanent {
        return MailOutcome::Failed {
            error: error.reason,
        };
    }
    let give_up_ms = secs_to_ms(config.give_up_after_secs);
    if attempts_made >= config.max_attempts.max(1) || now.saturating_sub(queued_at) >= give_up_ms {
        return MailOutcome::Failed {
            error: format!("{} (gave up after {attempts_made} attempts)", error.reason),
        };
    }
    MailOutcome::Retry {
        error: error.reason,
        next_attempt_at: now.saturating_add(delay_ms(config, attempts_made)),
    }
}

/// The wait after attempt number `attempts_made`: first, 2×first, 4×first … up to the cap.
fn delay_ms(config: &MailConfig, attempts_made: u32) -> Millis {
    let first = secs_to_ms(config.retry_first_secs);
    let cap = secs_to_ms(config.retry_max_secs).max(first);
    let doublings = attempts_made.saturating_sub(1).min(40);
    first.saturating_mul(1_i64 << doublings).min(cap)
}

fn secs_to_ms(secs: u64) -> Millis {
    i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused() -> SendError {
        SendError {
            reason: "connection refused".into(),
            permanent: false,
        }
    }

    fn next_at(outcome: MailOutcome) -> Millis {
        match outcome {
            MailOutcome::Retry {
                next_attempt_at, ..
            } => next_attempt_at,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn waits_double_up_to_the_cap() {
        let c = MailConfig::default();
        let waits: Vec<Millis> = (1..=9)
            .map(|n| next_at(after_failure(&c, n, 0, 1000, refused())) - 1000)
            .collect();
        assert_eq!(
            waits,
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600].map(|s| s * 1000)
        );
    }

    #[test]
    fn gives_up_after_the_attempts_the_time_or_a_permanent_refusal() {
        let c = MailConfig {
            max_attempts: 3,
            ..MailConfig::default()
        };
        assert!(matches!(
            after_failure(&c, 3, 0, 1000, refused()),
            MailOutcome::Failed { error } if error == "connection refused (gave up after 3 attempts)"
        ));
        let day2 = 48 * 3600 * 1000;
        assert!(matches!(
            after_failure(&c, 1, 0, day2, refused()),
            MailOutcome::Failed { .. }
        ));
        let rejected = SendError {
            reason: "rejected by the mail server (550 no such user)".into(),
            permanent: true,
        };
        assert_eq!(
            after_failure(&c, 1, 0, 1000, rejected),
            MailOutcome::Failed {
                error: "rejected by the mail server (550 no such user)".into()
            }
        );
    }
}
