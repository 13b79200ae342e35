//! Per-visitor and per-address rate limits (token buckets from `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;

/// Which limit was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Visitor,
    Address,
}

pub struct RateLimits {
    per_visitor: DefaultKeyedRateLimiter<i64>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

/// `per_sec` a second on average, bursts of twice that.
fn quota(per_sec: u32) -> Quota {
    let rate = NonZeroU32::new(per_sec.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(per_sec.max(1).saturating_mul(2)).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

impl RateLimits {
    pub fn new(limits: &Limits) -> Self {
        Self {
            per_visitor: RateLimiter::keyed(quota(limits.visitor_messages_per_sec)),
            per_ip: RateLimiter::keyed(quota(limits.ip_messages_per_sec)),
            clock: DefaultClock::default(),
        }
    }

    /// `Err((which, wait))` when this visitor or address is over its rate.
    pub fn check(&self, visitor_id: i64, ip: IpAddr) -> Result<(), (Scope, Duration)> {
        let now = self.clock.now();
        self.per_visitor
            .check_key(&visitor_id)
            .map_err(|n| (Scope::Visitor, n.wait_time_from(now)))?;
        self.per_ip
            .check_key(&ip)
            .map_err(|n| (Scope::Address, n.wait_time_from(now)))
    }

    /// Forgets keys that have been quiet long enough to be full again (bounds memory).
    pub fn forget_idle(&self) {
        self.per_visitor.retain_recent();
        self.per_ip.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refused() {
        let limits = RateLimits::new(&Limits {
            visitor_messages_per_sec: 2,
            ip_messages_per_sec: 100,
            ..Limits::default()
        });
        let ip = IpAddr::from([127, 0, 0, 1]);
        for _ in 0..4 {
            assert!(limits.check(1, ip).is_ok());
        }
        let (scope, wait) = limits.check(1, ip).expect_err("fifth in a burst of four");
        assert_eq!(scope, Scope::Visitor);
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(1));
        assert!(
            limits.check(2, ip).is_ok(),
            "other visitors are not affected"
        );
    }
}
