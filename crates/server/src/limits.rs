//! Per-visitor and per-address rate limits (token buckets from `governor`).

use std::net::{IpAddr, Ipv6Addr};
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
    /// New visitor identities, per network (see [`network_of`]).
    new_visitors: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

/// The key for limits on whoever is behind an address. An IPv6 user gets a whole /64 (and
/// can pick any address in it), so those count as one; IPv4-mapped addresses as IPv4.
pub fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

/// `per_sec` a second on average, bursts of twice that.
pub(crate) fn quota(per_sec: u32) -> Quota {
    let rate = NonZeroU32::new(per_sec.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(per_sec.max(1).saturating_mul(2)).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

/// `per_min` at once, then one every `60 / per_min` seconds.
fn per_minute(per_min: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(per_min.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    pub fn new(limits: &Limits) -> Self {
        Self {
            per_visitor: RateLimiter::keyed(quota(limits.visitor_messages_per_sec)),
            per_ip: RateLimiter::keyed(quota(limits.ip_messages_per_sec)),
            new_visitors: RateLimiter::keyed(per_minute(limits.new_visitors_per_ip_per_min)),
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

    /// `Err(wait)` when `ip`'s network has made too many new visitor identities lately.
    pub fn check_new_visitor(&self, ip: IpAddr) -> Result<(), Duration> {
        self.new_visitors
            .check_key(&network_of(ip))
            .map_err(|n| n.wait_time_from(self.clock.now()))
    }

    /// Forgets keys that have been quiet long enough to be full again (bounds memory).
    pub fn forget_idle(&self) {
        self.per_visitor.retain_recent();
        self.per_ip.retain_recent();
        self.new_visitors.retain_recent();
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

    #[test]
    fn one_ipv6_network_is_one_key() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("address");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("address");
        assert_eq!(network_of(a), network_of(b));
        assert_ne!(network_of(a), a);
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("address");
        assert_eq!(network_of(mapped), IpAddr::from([192, 0, 2, 1]));
    }
}
