//! Noticing that nobody reads the output any more. A write would tell (EPIPE), but tail may
//! wait long for its next line: `frontdesk tail | head -1` should end when `head` does, not at
//! the next event.

use std::io::IsTerminal;
use std::os::fd::AsFd;

use tokio::io::Interest;
use tokio::io::unix::AsyncFd;

/// Resolves when standard output is a pipe whose reader has gone; never otherwise (a
/// terminal, a file, or anything epoll cannot watch).
pub async fn closed() {
    if let Some(watch) = watcher() {
        // A pipe's write end reports an error condition once its last reader closes.
        if watch.ready(Interest::ERROR).await.is_ok() {
            return;
        }
    }
    std::future::pending::<()>().await;
}

fn watcher() -> Option<AsyncFd<std::os::fd::OwnedFd>> {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        return None;
    }
    let fd = stdout.as_fd().try_clone_to_owned().ok()?;
    // Regular files and /dev/null cannot be registered (EPERM): nothing to watch there.
    // Deprecated because a general `T: AsRawFd` may close its fd while registered; an
    // `OwnedFd` moved into the `AsyncFd` lives until the `AsyncFd` has deregistered it, which
    // is exactly the I/O safety the deprecation asks for (the safe form is `unsafe fn`, and
    // this workspace denies `unsafe`).
    #[allow(deprecated)]
    AsyncFd::with_interest(fd, Interest::ERROR).ok()
}
