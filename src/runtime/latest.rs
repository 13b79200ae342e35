//! A thread that writes a file the loop rewrites whole (the drafts, the canned replies' use
//! counts), so the loop never waits for the disk: a write ends in `fsync` or a rename, which
//! take a millisecond on a quiet disk and far longer on a busy one, and every key typed
//! meanwhile waited with it (docs/benchmarks.md, "The drafts written off the loop's thread").
//!
//! Only the newest version of such a file matters: a job asked while another is written waits
//! in one slot, where a newer job replaces it, and jobs are written in the order asked (a
//! pool of threads could finish an older version after a newer one). Dropping the writer
//! waits for the job still waiting, so whatever runs after it (the last save as the console
//! stops) comes last.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

/// Runs `write` on its own thread for the newest job asked.
pub struct Latest<T: Send + 'static> {
    shared: Arc<Shared<T>>,
    thread: Option<JoinHandle<()>>,
    /// Used here on the caller's thread if no thread could be started.
    write: fn(T),
}

/// The one job waiting (a newer one replaces it, so a stuck disk holds one version in memory,
/// not one a second), and whether the writer is being dropped.
struct Shared<T> {
    slot: Mutex<Slot<T>>,
    ready: Condvar,
}

struct Slot<T> {
    waiting: Option<T>,
    closed: bool,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, Slot<T>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next job, once there is one; `None` once closed with nothing waiting.
    fn next(&self) -> Option<T> {
        let mut slot = self.lock();
        loop {
            if let Some(job) = slot.waiting.take() {
                return Some(job);
            }
            if slot.closed {
                return None;
            }
            slot = self
                .ready
                .wait(slot)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl<T: Send + 'static> Latest<T> {
    /// Starts the thread, named `name`.
    pub fn start(name: &str, write: fn(T)) -> Self {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot {
                waiting: None,
                closed: false,
            }),
            ready: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                while let Some(job) = theirs.next() {
                    write(job);
                }
            });
        let thread = match thread {
            Ok(thread) => Some(thread),
            Err(e) => {
                tracing::warn!("no {name} thread, writing on the loop's: {e}");
                None
            }
        };
        Self {
            shared,
            thread,
            write,
        }
    }

    /// Writes `job` soon, after the one being written; it replaces a job still waiting (or is
    /// written now, with no thread).
    pub fn write(&self, job: T) {
        if self.thread.is_none() {
            (self.write)(job);
            return;
        }
        self.shared.lock().waiting = Some(job);
        self.shared.ready.notify_one();
    }
}

impl<T: Send + 'static> Drop for Latest<T> {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    static WRITTEN: Mutex<Vec<u32>> = Mutex::new(Vec::new());

    fn record(n: u32) {
        // Slow enough that later jobs queue up behind it.
        std::thread::sleep(std::time::Duration::from_millis(2));
        WRITTEN.lock().expect("lock").push(n);
    }

    #[test]
    fn jobs_run_in_order_the_newest_last_and_drop_waits_for_it() {
        let writer = Latest::start("test", record);
        for n in 1..=50 {
            writer.write(n);
        }
        drop(writer);
        let written = WRITTEN.lock().expect("lock").clone();
        assert_eq!(written.last(), Some(&50), "{written:?}");
        assert!(written.windows(2).all(|w| w[0] < w[1]), "{written:?}");
        assert!(
            written.len() < 50,
            "queued jobs were not folded: {written:?}"
        );
    }
}
