//! When an operator socket writes its live events. A client that asks for it in `hello`
//! (`pack_ms`, the console asks for 80) gets a burst packed: after a write of several events,
//! or a second write within `pack_ms` of the one before, the next write is held back for
//! `pack_ms`. A lone event after a quiet spell goes at once. Clients that do not ask (the load
//! generator, which measures delivery latency) get every event at once.
//!
//! While a write is held the queue is looked at every quarter of `pack_ms` (every 5 to 10 ms:
//! a long pack saves the client wake-ups, not the time its last message takes). When nothing new
//! came since the last look, the burst has paused — unless commands were waiting for the
//! writer's commit window then: their events come together with that commit, and a window
//! longer than a look must not end every burst at each commit, so the packer waits for that
//! one commit (and a look after it), not longer. Then what is held goes out at once with a
//! `quiet` frame after it (or the `quiet` frame alone, when nothing is held). A client that
//! draws a flood at its own slower pace then shows the last message at once instead of
//! waiting to be sure nothing more comes (docs/benchmarks.md, the terminal run).

use std::time::Duration;

use tokio::time::{Instant, sleep_until};

/// The longest packing wait a client may ask for.
pub const MAX_PACK: Duration = Duration::from_millis(100);
/// A held burst's queue is looked at no more often than this, whatever the client asked.
const LOOK_MIN: Duration = Duration::from_millis(5);
/// ...and at least this often: a burst's pause is told this soon whatever the gap.
const LOOK_MAX: Duration = Duration::from_millis(10);
/// How long after a commit's due time its events are looked for. The commit runs on the
/// runtime's timer at its due time, before this look's timer, and publishes as it ends.
const COMMIT_LOOK: Duration = Duration::from_millis(1);

/// The packing wait a client asked for in `hello`, bounded; zero when it did not ask.
pub fn pack_gap(pack_ms: Option<u32>) -> Duration {
    Duration::from_millis(pack_ms.map_or(0, u64::from)).min(MAX_PACK)
}

/// What the socket does when the packer's timer fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Nothing to do now (the events, if any, go out when the socket takes them next).
    Nothing,
    /// The burst paused with nothing held: send a `quiet` frame now.
    Quiet,
}

/// When the next write of events may happen.
pub struct Packer {
    /// During a burst, the shortest time between two writes (zero: never hold).
    gap: Duration,
    hold_until: Instant,
    last_write: Instant,
    /// While holding: when the queue was last looked at, and how many events it held then.
    looked_at: Instant,
    queued: usize,
    /// The last look found nothing new but commands waiting for the commit due then: the
    /// burst goes on until that commit has had its look. Once, not for every commit after
    /// it: other consoles' chats may keep the writer busy for good.
    waiting_for_commit: Option<Instant>,
    /// A `quiet` frame is owed after the next write.
    quiet: bool,
    /// The write being made ends a paused burst (it carries the `quiet` frame).
    ends_burst: bool,
    /// A burst is on: its writes are held, and it ends only when a look finds it paused, so
    /// a burst always ends with a `quiet` (a write at the end of a hold is still the burst).
    holding: bool,
}

impl Packer {
    pub fn new(now: Instant, gap: Duration) -> Self {
        Self {
            gap,
            hold_until: now,
            last_write: now.checked_sub(gap).unwrap_or(now),
            looked_at: now,
            queued: 0,
            waiting_for_commit: None,
            quiet: false,
            ends_burst: false,
            holding: false,
        }
    }

    /// Events may be taken at `now`.
    pub fn ready(&self, now: Instant) -> bool {
        now >= self.hold_until
    }

    /// Resolves when events may be taken again, or when the queue is to be looked at.
    pub async fn wait(&self) {
        sleep_until(self.hold_until.min(self.next_look())).await;
    }

    /// How often a held burst's queue is looked at: a quarter of the gap, not too often.
    fn look_every(&self) -> Duration {
        (self.gap / 4).clamp(LOOK_MIN, LOOK_MAX)
    }

    /// When the queue is looked at next: every `look_every`, and just after a commit the
    /// burst waits for, so its events are seen at once and the look that finds the burst
    /// paused comes a `look_every` after them (the last message of a flood waits for that
    /// commit, then for one look, not for the grid of looks as well).
    fn next_look(&self) -> Instant {
        let every = self.looked_at + self.look_every();
        match self.waiting_for_commit {
            Some(due) if due + COMMIT_LOOK > self.looked_at => every.min(due + COMMIT_LOOK),
            _ => every,
        }
    }

    /// The timer fired at `now`, with `queued` events waiting in the socket's queue;
    /// `commit_due`: commands wait for the writer's commit due then, so more events may be
    /// coming even when none came since the last look (the commit window holds them
    /// together). That keeps the burst going until that commit has been looked after, not
    /// for ever.
    pub fn woke(&mut self, queued: usize, commit_due: Option<Instant>, now: Instant) -> Wake {
        if self.ready(now) || now < self.next_look() {
            return Wake::Nothing;
        }
        let came = queued != self.queued;
        let waiting = match self.waiting_for_commit {
            _ if came => None,
            // The commit's events reach the queue as it ends: a look just at the due time may
            // come first, so the wait lasts the shortest look beyond it.
            Some(due) => Some(due).filter(|due| now < *due + LOOK_MIN),
            None => commit_due,
        };
        if came || waiting.is_some() {
            self.queued = queued;
            self.looked_at = now;
            // Once waited for, a commit is not waited for again until something new comes.
            self.waiting_for_commit = waiting;
            return Wake::Nothing;
        }
        // Nothing came for a quarter of the gap: the burst paused.
        self.hold_until = now;
        self.holding = false;
        if queued > 0 {
            self.quiet = true;
            Wake::Nothing
        } else {
            Wake::Quiet
        }
    }

    /// Whether a `quiet` frame goes after the events being written (and no longer owed).
    pub fn take_quiet(&mut self) -> bool {
        let owed = std::mem::take(&mut self.quiet);
        self.ends_burst |= owed;
        owed
    }

    /// A write of `events` happened at `now`. Several at once, or one soon after the previous
    /// write, means a burst: hold the next write back; so does any write of a burst that has
    /// not paused yet, however few events it carries. A write that carried `quiet` ended its
    /// burst: nothing is held after it (holding on would find nothing coming and say `quiet`
    /// a second time).
    pub fn wrote(&mut self, events: usize, now: Instant) {
        let ended = std::mem::take(&mut self.ends_burst);
        let burst = !ended && (self.holding || events > 1 || now < self.last_write + self.gap);
        self.holding = burst && !self.gap.is_zero();
        self.hold_until = if self.holding { now + self.gap } else { now };
        self.last_write = now;
        self.looked_at = now;
        self.queued = 0;
        self.waiting_for_commit = None;
    }
}

#[cfg(test)]
mod tests;
