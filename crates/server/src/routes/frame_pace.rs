//! How fast a visitor's socket is read. Commands have their own limit (`limits.rs`), but
//! pings, live drafts and malformed frames are not commands, and each still costs a read, a
//! parse and often an answer. Every frame takes one token of `visitor_frames_per_sec` (bursts
//! of twice as many); when none is left the socket is not read until one is back, so the
//! frames wait in TCP and the sender is slowed: nothing is refused or lost.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, RateLimiter};
use tokio::time::Instant;

pub struct FramePace {
    tokens: DefaultDirectRateLimiter,
    clock: DefaultClock,
    /// Not read until then: the last frame read found no token and is owed the next one.
    paused_until: Option<Instant>,
}

impl FramePace {
    pub fn new(per_sec: u32) -> Self {
        Self {
            tokens: RateLimiter::direct(crate::limits::quota(per_sec)),
            clock: DefaultClock::default(),
            paused_until: None,
        }
    }

    /// When the socket may be read again; `None`: now.
    pub fn paused_until(&self) -> Option<Instant> {
        self.paused_until
    }

    /// A frame was read: it takes a token, or, with none left, the next one to come (the
    /// socket waits for it).
    pub fn read_one(&mut self) {
        if let Err(not_yet) = self.tokens.check() {
            self.paused_until = Some(Instant::now() + not_yet.wait_time_from(self.clock.now()));
        }
    }

    /// The pause is over: the token the last frame is owed is taken as if for a frame (or
    /// waited for again, should it not be there yet).
    pub fn resume(&mut self) {
        self.paused_until = None;
        self.read_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_twice_the_rate_then_a_pause_per_frame() {
        let mut pace = FramePace::new(5);
        for _ in 0..10 {
            pace.read_one();
            assert_eq!(pace.paused_until(), None, "the burst is read at once");
        }
        pace.read_one();
        let until = pace.paused_until().expect("the eleventh frame waits");
        let wait = until.saturating_duration_since(Instant::now());
        assert!(
            wait <= std::time::Duration::from_millis(200),
            "a token comes every 200 ms: {wait:?}"
        );
        // Resumed before the token came: still paused, nothing taken for free.
        pace.resume();
        assert!(pace.paused_until().is_some());
    }
}
