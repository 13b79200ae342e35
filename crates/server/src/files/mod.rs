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
    pub max_bytes: u64,
    pub kinds: Kinds,
    /// Longest wait for the next piece of a body.
    pub idle: Duration,
    at_once: Arc<Semaphore>,
    per_visitor: DefaultKeyedRateLimiter<i64>,
    /// Held while a received file takes its place, and while the sweep decides on one.
    pub placing: tokio::sync::Mutex<()>,
}

/// Why an upload may not start now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// The server receives its most uploads at once.
    Server,
    /// This visitor started their uploads of the minute; wait this long.
    Visitor(Duration),
}

impl Uploads {
    pub fn new(config: &Config) -> Result<Self, String> {
        let per_min =
            NonZeroU32::new(config.files.visitor_uploads_per_min.max(1)).unwrap_or(NonZeroU32::MIN);
        Ok(Self {
            dir: config.files_dir(),
            max_bytes: config.files.max_bytes,
            kinds: Kinds::new(&config.files.allowed)?,
            idle: Duration::from_secs(config.limits.idle_timeout_secs.max(1)),
            at_once: Arc::new(Semaphore::new(config.files.max_concurrent.max(1))),
            per_visitor: RateLimiter::keyed(Quota::per_minute(per_min)),
            placing: tokio::sync::Mutex::new(()),
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
        self.at_once
            .clone()
            .try_acquire_owned()
            .map_err(|_| Busy::Server)
    }

    /// Forgets visitors whose minute is over (bounds memory).
    pub fn forget_idle(&self) {
        self.per_visitor.retain_recent();
    }
}
