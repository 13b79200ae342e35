//! Shared bookkeeping of every planned message: when it was sent, whether it was acknowledged,
//! and how many operators saw it. Indexed by the message's sequence number, so recording is a
//! few atomic operations and the whole run is bounded by `rate × duration` slots.

use std::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, Ordering};
use std::time::Instant;

use hdrhistogram::Histogram;
use serde::Serialize;

/// Prefix of every load message; operators ignore messages without it.
const TAG: &str = "lg:";
/// Filler so a load message is as long as a typical visitor question.
const FILLER: &str = "Здравствуйте! Подскажите, есть ли доставка в Казань?";

pub struct Ledger {
    origin: Instant,
    /// Each text is padded to this many characters (0: as short as it comes).
    chars: usize,
    /// Send time in ns since `origin`, plus one (0 means "not sent").
    sent: Vec<AtomicU64>,
    acked: Vec<AtomicBool>,
    seen: Vec<AtomicU16>,
    last_ack_ns: AtomicU64,
    last_seen_ns: AtomicU64,
}

/// Counts at the end of a run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    pub planned: u64,
    pub sent: u64,
    pub acked: u64,
    /// Sent messages that every operator saw.
    pub delivered_to_all: u64,
    /// Sent messages that at least one operator never saw.
    pub lost: u64,
    /// Sent messages never acknowledged (not stored, or the ack did not arrive).
    pub unacked: u64,
}

impl Ledger {
    pub fn new(planned: usize, chars: usize) -> Self {
        Self {
            origin: Instant::now(),
            chars,
            sent: (0..planned).map(|_| AtomicU64::new(0)).collect(),
            acked: (0..planned).map(|_| AtomicBool::new(false)).collect(),
            seen: (0..planned).map(|_| AtomicU16::new(0)).collect(),
            last_ack_ns: AtomicU64::new(0),
            last_seen_ns: AtomicU64::new(0),
        }
    }

    pub fn planned(&self) -> usize {
        self.sent.len()
    }

    pub fn now_ns(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    /// Records the send and returns the message text carrying `seq` and the send time.
    pub fn sent(&self, seq: usize) -> String {
        let ns = self.now_ns();
        if let Some(slot) = self.sent.get(seq) {
            slot.store(ns + 1, Ordering::Release);
        }
        padded(format!("{TAG}{seq}:{ns} {FILLER}"), self.chars)
    }

    /// When message `seq` was sent, if it was.
    pub fn sent_at(&self, seq: usize) -> Option<Instant> {
        let ns = self.sent.get(seq)?.load(Ordering::Acquire).checked_sub(1)?;
        Some(self.origin + std::time::Duration::from_nanos(ns))
    }

    /// The text of message `seq` starts with this, and no other message's does.
    pub fn marker(seq: usize) -> String {
        format!("{TAG}{seq}:")
    }

    /// Records an acknowledgement; returns the send → ack time in ns (once per message).
    pub fn acked(&self, seq: usize) -> Option<u64> {
        let sent = self.sent.get(seq)?.load(Ordering::Acquire).checked_sub(1)?;
        if self.acked.get(seq)?.swap(true, Ordering::AcqRel) {
            return None;
        }
        let now = self.now_ns();
        self.last_ack_ns.fetch_max(now, Ordering::Relaxed);
        Some(now.saturating_sub(sent))
    }

    /// Records that an operator saw a load message; returns its sequence number and the
    /// send → receipt time in ns, or `None` for other messages.
    pub fn seen(&self, text: &str) -> Option<(usize, u64)> {
        let (seq, ns) = parse(text)?;
        let now = self.now_ns();
        self.seen.get(seq)?.fetch_add(1, Ordering::Relaxed);
        self.last_seen_ns.fetch_max(now, Ordering::Relaxed);
        Some((seq, now.saturating_sub(ns)))
    }

    /// True once every sent message is acknowledged and seen by `operators` operators.
    pub fn settled(&self, operators: u16) -> bool {
        (0..self.planned()).all(|i| {
            self.sent[i].load(Ordering::Acquire) == 0
                || (self.acked[i].load(Ordering::Acquire)
                    && self.seen[i].load(Ordering::Relaxed) >= operators)
        })
    }

    pub fn tally(&self, operators: u16) -> Tally {
        let mut t = Tally {
            planned: self.planned() as u64,
            ..Tally::default()
        };
        for i in 0..self.planned() {
            if self.sent[i].load(Ordering::Acquire) == 0 {
                continue;
            }
            t.sent += 1;
            if self.acked[i].load(Ordering::Acquire) {
                t.acked += 1;
            } else {
                t.unacked += 1;
            }
            if self.seen[i].load(Ordering::Relaxed) >= operators {
                t.delivered_to_all += 1;
            } else {
                t.lost += 1;
            }
        }
        t
    }

    /// Time of the last ack and the last operator receipt, in ns since the origin.
    pub fn last_times(&self) -> (u64, u64) {
        (
            self.last_ack_ns.load(Ordering::Relaxed),
            self.last_seen_ns.load(Ordering::Relaxed),
        )
    }
}

/// `text` made `chars` characters long with more of the filler (never a Latin `z`: the key
/// probes of `--console` look for it).
pub fn padded(mut text: String, chars: usize) -> String {
    let have = text.chars().count();
    if have < chars {
        let more = std::iter::once(' ')
            .chain(FILLER.chars())
            .cycle()
            .take(chars - have);
        text.extend(more);
    }
    text
}

fn parse(text: &str) -> Option<(usize, u64)> {
    let rest = text.strip_prefix(TAG)?;
    let (head, _) = rest.split_once(' ')?;
    let (seq, ns) = head.split_once(':')?;
    Some((seq.parse().ok()?, ns.parse().ok()?))
}

/// A latency histogram in microseconds, 1 µs to 10 minutes, 3 significant digits.
pub fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("constant bounds are valid")
}

/// Records a duration given in ns, clamped into the histogram's range.
pub fn record_ns(hist: &mut Histogram<u64>, ns: u64) {
    hist.saturating_record((ns / 1_000).max(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let ledger = Ledger::new(4, 0);
        let text = ledger.sent(2);
        assert!(ledger.acked(2).is_some());
        assert_eq!(ledger.acked(2), None, "an ack counts once");
        let (seq, _) = ledger.seen(&text).unwrap();
        assert_eq!(seq, 2);
        assert!(ledger.settled(1));
        assert!(!ledger.settled(2));
        let t = ledger.tally(1);
        assert_eq!((t.planned, t.sent, t.acked, t.lost), (4, 1, 1, 0));
        assert_eq!(ledger.seen("hello"), None);
        assert!(ledger.sent_at(2).is_some() && ledger.sent_at(3).is_none());
    }

    #[test]
    fn texts_are_padded_to_the_asked_length_and_still_parse() {
        let ledger = Ledger::new(2, 100);
        let text = ledger.sent(1);
        assert_eq!(text.chars().count(), 100);
        assert!(text.starts_with(&Ledger::marker(1)));
        assert!(!text.contains('z'));
        assert_eq!(ledger.seen(&text).map(|(seq, _)| seq), Some(1));
        assert!(
            Ledger::new(1, 0).sent(0).chars().count() < 100,
            "no padding asked"
        );
    }
}
