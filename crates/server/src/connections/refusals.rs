//! Refused connections, logged at a low rate: a flood of them must not become a flood of log
//! lines. The first refusal is logged at once; later ones are summed up at most every
//! [`EVERY`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, TryLockError};
use std::time::{Duration, Instant};

use super::Refusal;

const EVERY: Duration = Duration::from_secs(10);

#[derive(Default)]
pub struct RefusalLog {
    over_total: AtomicU64,
    over_address: AtomicU64,
    /// When the last line was written; `None` before the first.
    last: Mutex<Option<Instant>>,
}

impl RefusalLog {
    pub fn note(&self, refusal: Refusal, max_total: usize, max_per_address: usize) {
        let counter = match refusal {
            Refusal::Total => &self.over_total,
            Refusal::Address => &self.over_address,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        self.flush(max_total, max_per_address);
    }

    /// Writes the counts gathered since the last line, if any and if it is time.
    pub fn flush(&self, max_total: usize, max_per_address: usize) {
        // Another thread writing the line right now covers these counts too.
        let mut last = match self.last.try_lock() {
            Ok(last) => last,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        if last.is_some_and(|at| at.elapsed() < EVERY) {
            return;
        }
        let over_total = self.over_total.swap(0, Ordering::Relaxed);
        let over_address = self.over_address.swap(0, Ordering::Relaxed);
        if over_total + over_address == 0 {
            return;
        }
        let since = last.map_or(String::new(), |at| {
            format!(" in the last {} s", at.elapsed().as_secs())
        });
        tracing::warn!(
            "refused {} connections{since}: {over_address} from addresses that had \
             {max_per_address} open, {over_total} while {max_total} were open in all",
            over_total + over_address,
        );
        *last = Some(Instant::now());
    }
}
