//! A thread that writes a file the loop rewrites whole (the drafts, the canned replies' use
//! counts), so the loop never waits for the disk: a write ends in `fsync` or a rename, which
//! take a millisecond on a quiet disk and far longer on a busy one, and every key typed
//! meanwhile waited with it (docs/benchmarks.md, "The drafts written off the loop's thread").
//!
//! Only the newest version of such a file matters: of the jobs that queued while one was
//! written, only the last is done, and they are done in the order asked (a pool of threads
//! could finish an older version after a newer one). Dropping the writer waits for the job
//! still queued, so whatever runs after it (the last save as the console stops) comes last.

use std::sync::mpsc;
use std::thread::JoinHandle;

/// Runs `write` on its own thread for the newest job asked.
pub struct Latest<T: Send + 'static> {
    jobs: Option<mpsc::Sender<T>>,
    thread: Option<JoinHandle<()>>,
    /// Used here on the caller's thread if no thread could be started.
    write: fn(T),
}

impl<T: Send + 'static> Latest<T> {
    /// Starts the thread, named `name`.
    pub fn start(name: &str, write: fn(T)) -> Self {
        let (jobs, queue) = mpsc::channel::<T>();
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                while let Ok(mut job) = queue.recv() {
                    while let Ok(newer) = queue.try_recv() {
                        job = newer;
                    }
                    write(job);
                }
            });
        match thread {
            Ok(thread) => Self {
                jobs: Some(jobs),
                thread: Some(thread),
                write,
            },
            Err(e) => {
                tracing::warn!("no {name} thread, writing on the loop's: {e}");
                Self {
                    jobs: None,
                    thread: None,
                    write,
                }
            }
        }
    }

    /// Writes `job` soon, after the jobs asked before it (or now, with no thread).
    pub fn write(&self, job: T) {
        // The thread ends only when this is dropped; a send fails only if it panicked.
        let unsent = match &self.jobs {
            Some(jobs) => jobs.send(job).err().map(|mpsc::SendError(job)| job),
            None => Some(job),
        };
        if let Some(job) = unsent {
            (self.write)(job);
        }
    }
}

impl<T: Send + 'static> Drop for Latest<T> {
    fn drop(&mut self) {
        drop(self.jobs.take());
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
