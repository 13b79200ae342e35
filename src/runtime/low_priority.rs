//! Threads for processor work nobody waits for — loading the spelling dictionaries at start
//! (a fifth of a second or more; the rules check the draft meanwhile) — run at a lower
//! priority (nice +10). On a small machine that is busy anyway (the server, the terminal
//! emulator), such a thread at the loop's priority takes its turns on a core while a typed key
//! may wait for one; at nice +10 the kernel gives it about a tenth of a contended core and all
//! of an idle one, so it finishes as soon when the machine is idle. The server's search
//! indexer runs the same way (`store/background.rs`). Suggestions for a misspelt word keep the
//! loop's priority: the operator asked for them and waits.

use std::thread::JoinHandle;

/// How much nicer than the console such a thread is (nice values run 0, normal, to 19).
const NICER_BY: i32 = 10;

/// Starts `work` on a thread named `name` at the lower priority.
pub fn spawn<F>(name: &str, work: F) -> std::io::Result<JoinHandle<()>>
where
    F: FnOnce() + Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            lower_this_thread();
            work();
        })
}

/// On Linux a thread's nice value is its own; raising it needs no privilege.
fn lower_this_thread() {
    let lowered = rustix::process::getpriority_process(None)
        .and_then(|base| rustix::process::setpriority_process(None, (base + NICER_BY).min(19)));
    if let Err(e) = lowered {
        tracing::warn!("cannot lower a background thread's priority: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_nicer_than_the_thread_that_started_it() {
        let base = rustix::process::getpriority_process(None).expect("priority");
        let (tx, rx) = std::sync::mpsc::channel();
        spawn("test-low", move || {
            let _ = tx.send(rustix::process::getpriority_process(None));
        })
        .expect("spawn")
        .join()
        .expect("join");
        let inside = rx.recv().expect("ran").expect("priority");
        assert_eq!(inside, (base + NICER_BY).min(19));
        assert_eq!(
            rustix::process::getpriority_process(None).expect("priority"),
            base,
            "the starting thread keeps its own"
        );
    }
}
