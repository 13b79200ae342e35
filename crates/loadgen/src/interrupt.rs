//! Ending a run early. Ctrl-C, a hang-up or a TERM (a script's `timeout`) used to end the
//! process on the spot, leaving what the run had started behind: the spawned server, ngircd and
//! the terminal run's tmux servers. Now the signal ends the run by dropping it, and what it
//! started goes with it (`kill_on_drop` for the servers, `Tmux`'s drop for the terminals).

use std::future::Future;

use anyhow::bail;
use tokio::signal::unix::{SignalKind, signal};

/// The result of `work`, or an error naming the signal that came first (with `work` dropped).
pub async fn unless_interrupted<T>(
    work: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let name = tokio::select! {
        result = work => return result,
        _ = int.recv() => "SIGINT",
        _ = term.recv() => "SIGTERM",
        _ = hup.recv() => "SIGHUP",
    };
    bail!("interrupted by {name}: the run stopped, and what it started with it")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::*;

    /// Set when dropped: stands for a spawned server or a tmux the run holds.
    struct Held(Arc<AtomicBool>);

    impl Drop for Held {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[tokio::test]
    async fn a_term_drops_the_run_and_names_the_signal() {
        let dropped = Arc::new(AtomicBool::new(false));
        let held = Held(dropped.clone());
        let run = async move {
            let _held = held;
            std::future::pending::<()>().await;
            Ok(())
        };
        // Sent once the run is under way (the handlers are in before it is first polled).
        let pid = std::process::id().to_string();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            tokio::process::Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .await
        });
        let err = tokio::time::timeout(Duration::from_secs(10), unless_interrupted(run))
            .await
            .expect("the signal ended the run")
            .unwrap_err();
        assert!(err.to_string().contains("SIGTERM"), "{err}");
        assert!(
            dropped.load(Ordering::SeqCst),
            "what the run held was dropped"
        );
    }

    #[tokio::test]
    async fn a_run_that_ends_gives_its_own_result() {
        assert_eq!(unless_interrupted(async { Ok(7) }).await.unwrap(), 7);
        let err: anyhow::Result<()> = unless_interrupted(async { bail!("no server") }).await;
        assert_eq!(err.unwrap_err().to_string(), "no server");
    }
}
