//! The open-file limit: raised at start as far as the hard limit allows, and the connection
//! cap kept below it, so the server never runs out of files to accept with.

/// Files kept for the server itself, beyond its connections: the database (the writer and
/// each reader hold the file, its WAL and its shared memory), the listener, the log and the
/// runtime's own.
pub const RESERVED: u64 = 64;

/// Raises the soft open-file limit to the hard one; returns the soft limit now in force
/// (`None` when the system would not say).
pub fn raise() -> Option<u64> {
    let before = rlimit::getrlimit(rlimit::Resource::NOFILE).ok();
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(now) => {
            match before {
                Some((soft, _)) if soft < now => {
                    tracing::info!("open-file limit raised from {soft} to {now}");
                }
                _ => tracing::info!("open-file limit {now}"),
            }
            Some(now)
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not raise the open-file limit");
            before.map(|(soft, _)| soft)
        }
    }
}

/// The configured cap on open connections, lowered to fit in `open_files` less the reserve.
pub fn connection_cap(configured: usize, open_files: Option<u64>) -> usize {
    let Some(limit) = open_files else {
        return configured;
    };
    // With a tiny limit the reserve would leave nothing: keep at least half for sockets.
    let room = limit.saturating_sub(RESERVED).max(limit / 2);
    configured.min(usize::try_from(room).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_stays_below_the_limit() {
        assert_eq!(connection_cap(50_000, Some(1024)), 960);
        assert_eq!(connection_cap(500, Some(1024)), 500);
        assert_eq!(connection_cap(50_000, Some(100)), 50);
        assert_eq!(connection_cap(50_000, None), 50_000);
    }
}
