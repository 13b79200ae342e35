//! Files sent in chats, apart from HTTP and the database: what may be received (`kind.rs`),
//! receiving it to disk under its hash (`receive.rs`), the names a file is given and sent
//! under (`names.rs`), and the bounds on uploads (here).

pub mod kind;
pub mod names;
pub mod orphans;
pub mod receive;

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Config;
use kind::Kinds;

/// The upload settings in force, and the counters that bound uploads.
pub struct Uploads {
    pub dir: PathBuf,
    /// The database file, whose disk must keep room too.
    database: PathBuf,
    pub max_bytes: u64,
    /// Free bytes an upload must leave on those disks (`min_free_bytes` + `max_bytes`).
    keep_free: u64,
    pub kinds: Kinds,
    /// Longest wait for the next piece of a body.
    pub idle: Duration,
    at_once: Arc<Semaphore>,
    per_visitor: DefaultKeyedRateLimiter<i64>,
    /// Held while a received file takes its place, and while the sweep decides on one.
    pub placing: tokio::sync::Mutex<()>,
    /// When a full disk was last logged: once a minute is enough for whoever reads the log.
    disk_logged: std::sync::Mutex<Option<std::time::Instant>>,
}

/// Why an upload may not start now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// The server receives its most uploads at once.
    Server,
    /// This visitor started their uploads of the minute; wait this long.
    Visitor(Duration),
    /// The disk of the files or of the database is nearly full.
    Disk,
}

impl Uploads {
    pub fn new(config: &Config) -> Result<Self, String> {
        let per_min =
            NonZeroU32::new(config.files.visitor_uploads_per_min.max(1)).unwrap_or(NonZeroU32::MIN);
        Ok(Self {
            dir: config.files_dir(),
            database: config.database.clone(),
            max_bytes: config.files.max_bytes,
            keep_free: config
                .files
                .min_free_bytes
                .saturating_add(config.files.max_bytes),
            kinds: Kinds::new(&config.files.allowed)?,
            idle: Duration::from_secs(config.limits.idle_timeout_secs.max(1)),
            at_once: Arc::new(Semaphore::new(config.files.max_concurrent.max(1))),
            per_visitor: RateLimiter::keyed(Quota::per_minute(per_min)),
            placing: tokio::sync::Mutex::new(()),
            disk_logged: std::sync::Mutex::new(None),
        })
    }

    /// A place among the uploads running, held until the upload ends.
    pub fn begin(&self, visitor: Option<i64>) -> Result<OwnedSemaphorePermit, Busy> {
        if let Some(id) = visitor {
            use governor::clock::{Clock, DefaultClock};
            self.per_visitor
                .check_key(&id)
                .map_err(|n| Busy::Visitor(n.wait_time_from(DefaultClock::default().now())))?;
        }
        let permit = self
            .at_once
            .clone()
            .try_acquire_owned()
            .map_err(|_| Busy::Server)?;
        // Asked with the place held, so uploads at once are few; the largest upload is
        // counted for each (a body need not say its length).
        let room = [&self.dir, &self.database].map(|path| free_bytes(path));
        if let Some(free) = room.into_iter().flatten().min()
            && free < self.keep_free
        {
            self.log_full_disk(free);
            return Err(Busy::Disk);
        }
        Ok(permit)
    }

    fn log_full_disk(&self, free: u64) {
        let mut last = self
            .disk_logged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
            *last = Some(std::time::Instant::now());
            tracing::warn!(
                free,
                keep_free = self.keep_free,
                "uploads refused: the disk of the files or the database is nearly full"
            );
        }
    }

    /// Forgets visitors whose minute is over (bounds memory).
    pub fn forget_idle(&self) {
        self.per_visitor.retain_recent();
    }
}

/// Bytes free for this process on the disk holding `path` (or the nearest folder above it that
/// exists: the files' folder is made with the first upload). `None` when it cannot be asked.
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    let stat = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| rustix::fs::statvfs(p).ok())
        .or_else(|| rustix::fs::statvfs(".").ok())?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}
