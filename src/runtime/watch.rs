//! Hot reload: a debounced watcher on the config dir. When anything under
//! `canned_replies/` changes, the whole library (shipped + user) is read again on the
//! watcher's own thread and handed over; the loop swaps it in as an event.
//!
//! The config dir itself is watched (recursively) so a `canned_replies/` created while the
//! console runs is picked up too. Without a config dir there is nothing to watch.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::canned::library::{self, Loaded};

/// Changes closer together than this are read once.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Keeps watching while alive.
pub struct Watcher {
    _debouncer: Debouncer<RecommendedWatcher>,
}

/// Watches `config_dir`; calls `on_reload` with the freshly read library after each burst of
/// changes under `canned_replies/`.
pub fn spawn(
    config_dir: &Path,
    on_reload: impl Fn(Loaded) + Send + 'static,
) -> Result<Watcher, notify::Error> {
    let config_dir: PathBuf = config_dir.to_path_buf();
    let replies = config_dir.join(crate::canned::DIR);
    let dir = config_dir.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| match result {
        Ok(events) if events.iter().any(|e| e.path.starts_with(&replies)) => {
            on_reload(library::load(Some(&dir)));
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("watching {}: {e}", dir.display()),
    })?;
    debouncer
        .watcher()
        .watch(&config_dir, RecursiveMode::Recursive)?;
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

#[cfg(test)]
#[path = "tests/watch.rs"]
mod tests;
