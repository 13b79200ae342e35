//! The console's side of canned replies at the edges: loading the library and the use counts
//! at start, binding reply hotkeys, the watcher that reloads on changes, and writing the
//! counts off the loop. What it loads reaches the state as `Event::CannedLibrary` through the
//! loop; the state changes themselves happen in `update`.

use std::path::{Path, PathBuf};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::watch::{self, Watcher};
use crate::canned::library::{self, Loaded};
use crate::canned::usage::{self, Usage};
use crate::keymap::Keymap;

/// What the loop keeps: the library loaded at start (the loop hands it to `update` as its
/// first event), the watcher (alive while held) and where reloads arrive.
pub struct Runtime {
    pub loaded: Option<Loaded>,
    pub reloads: UnboundedReceiver<Loaded>,
    _watcher: Option<Watcher>,
}

/// The use counts kept in the data dir, and the file they are written back to.
pub struct Counts {
    pub usage: Usage,
    pub file: PathBuf,
}

/// Reads the use counts from the data dir.
pub fn counts(data_dir: &Path) -> Counts {
    let file = data_dir.join(usage::FILE);
    Counts {
        usage: usage::load(&file),
        file,
    }
}

/// Loads the shipped and user libraries, binds the replies' hotkeys, and starts watching the
/// user library.
pub fn start(keymap: &mut Keymap, config_dir: Option<&Path>) -> Runtime {
    let loaded = bind(keymap, library::load(config_dir));
    let (tx, reloads) = unbounded_channel();
    let watcher = config_dir.and_then(|dir| watcher(dir, tx));
    Runtime {
        loaded: Some(loaded),
        reloads,
        _watcher: watcher,
    }
}

fn watcher(dir: &Path, tx: UnboundedSender<Loaded>) -> Option<Watcher> {
    let sent = move |loaded| {
        // The loop is gone when this fails: nothing left to tell.
        let _ = tx.send(loaded);
    };
    match watch::spawn(dir, sent) {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::info!("not watching {} for canned replies: {e}", dir.display());
            None
        }
    }
}

/// Binds a library's hotkeys over the previous library's and logs its problems. The result
/// goes to `update` as `Event::CannedLibrary`.
pub fn bind(keymap: &mut Keymap, loaded: Loaded) -> Loaded {
    let loaded = library::bind_hotkeys(keymap, loaded);
    for problem in &loaded.problems {
        tracing::warn!("canned replies: {problem}");
    }
    loaded
}

/// Writes the use counts; a failure is only logged. The loop's writer thread calls it
/// ([`crate::runtime::latest::Latest`]), so the newest counts are written last.
pub fn save_usage((path, usage): (PathBuf, Usage)) {
    if let Err(e) = usage::save(&path, &usage) {
        tracing::warn!("{}: {e}", path.display());
    }
}
