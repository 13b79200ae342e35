//! Reconnect delays: exponential from 0.5 s to 30 s, with jitter so a fleet of consoles that
//! lost the server at once does not come back in lockstep.

use std::time::Duration;

const FIRST: Duration = Duration::from_millis(500);
const MAX: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub fn new() -> Self {
        Self::default()
    }

    /// The delay before the next attempt: half fixed, half random ("equal jitter").
    pub fn next_delay(&mut self) -> Duration {
        let ceiling = FIRST
            .saturating_mul(2u32.saturating_pow(self.failures.min(16)))
            .min(MAX);
        self.failures = self.failures.saturating_add(1);
        let half = ceiling / 2;
        half + half.mul_f64(fastrand::f64())
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_to_the_cap_with_jitter_and_resets() {
        let mut b = Backoff::new();
        let first = b.next_delay();
        assert!(
            first >= Duration::from_millis(250) && first <= FIRST,
            "{first:?}"
        );
        let second = b.next_delay();
        assert!(second >= Duration::from_millis(500) && second <= Duration::from_secs(1));
        for _ in 0..8 {
            b.next_delay();
        }
        for _ in 0..20 {
            let d = b.next_delay();
            assert!(d >= MAX / 2 && d <= MAX, "{d:?}");
        }
        b.reset();
        assert!(b.next_delay() <= FIRST);
    }
}
