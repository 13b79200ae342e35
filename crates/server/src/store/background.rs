//! One thread at a low scheduling priority for background CPU work: the search indexer's
//! stemming and its writes into the index file.
//!
//! A pass stems and writes thousands of messages at once, tens of milliseconds of CPU. On a
//! small machine that burst took the cores from the threads serving the sockets and the
//! writer, and messages waited for it. At nice 10 the kernel gives this thread about a tenth
//! of a contended core and all of an idle one: the index keeps up whenever the machine is
//! not saturated and never delays a message when it is. Jobs run one at a time, in order.

use std::sync::{OnceLock, mpsc};

use super::ReadError;

type Job = Box<dyn FnOnce() + Send>;

/// How much nicer than the server the thread is (nice values run 0, normal, to 19).
const NICER_BY: i32 = 10;

/// The thread's nice value for a server running at `base`.
fn nice_for(base: i32) -> i32 {
    (base + NICER_BY).min(19)
}

/// Runs `work` on the background thread and waits for its result.
pub async fn run<T, F>(work: F) -> Result<T, ReadError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    queue().send(job).map_err(|_| stopped())?;
    result.await.map_err(|_| stopped())
}

fn stopped() -> ReadError {
    ReadError::Bulk("the background thread stopped".into())
}

/// The queue of the one thread, started on first use.
fn queue() -> &'static mpsc::Sender<Job> {
    static QUEUE: OnceLock<mpsc::Sender<Job>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("frontdesk-background".into())
            .spawn(move || {
                // On Linux the nice value belongs to the calling thread alone; raising it
                // needs no privilege.
                let lowered = rustix::process::getpriority_process(None)
                    .and_then(|base| rustix::process::setpriority_process(None, nice_for(base)));
                if let Err(e) = lowered {
                    tracing::warn!(error = %e, "cannot lower the background thread's priority");
                }
                for job in rx {
                    job();
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the background thread");
        }
        tx
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_in_order_on_one_thread_at_a_lower_priority() {
        let base = rustix::process::getpriority_process(None).unwrap();
        let first = run(|| {
            (
                std::thread::current().id(),
                rustix::process::getpriority_process(None),
            )
        })
        .await
        .unwrap();
        let second = run(|| std::thread::current().id()).await.unwrap();
        assert_eq!(first.0, second, "one thread");
        assert_ne!(first.0, std::thread::current().id());
        assert_eq!(first.1.unwrap(), nice_for(base));
        assert!(nice_for(base) > base || base == 19);
        // The caller's own priority is untouched.
        assert_eq!(rustix::process::getpriority_process(None).unwrap(), base);
    }
}
