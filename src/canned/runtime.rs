//! The console's side of canned replies at the edges: loading the library and the use counts
//! at start, binding reply hotkeys, the watcher that reloads on changes, and writing the
//! counts off the loop. Called from `run.rs`; the state changes themselves happen in `update`.

use std::path::{Path, PathBuf};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::Problem;
use super::library::{self, Loaded};
use super::usage::{self, Usage};
use super::watch::{self, Watcher};
use crate::app::State;
use crate::config::CannedConfig;
use crate::keymap::Keymap;

/// What the loop keeps: the library loaded at start (the loop hands it to `update` as its
/// first event), the watcher (alive while held) and where reloads arrive.
pub struct Runtime {
    pub loaded: Option<Loaded>,
    pub reloads: UnboundedReceiver<Loaded>,
    _watcher: Option<Watcher>,
}

/// Loads the shipped and user libraries and the use counts into `state`, binds the replies'
/// hotkeys, and starts watching the user library.
pub fn start(
    state: &mut State,
    keymap: &mut Keymap,
    config_dir: Option<&Path>,
    data_dir: &Path,
    config: &CannedConfig,
) -> Runtime {
    let loaded = library::load(config_dir);
    let usage_file = data_dir.join(usage::FILE);
    state.canned.usage = usage::load(&usage_file);
    state.canned.usage_file = Some(usage_file);
    state.canned.company.clone_from(&config.company);
    let (tx, reloads) = unbounded_channel();
    let watcher = config_dir.and_then(|dir| watcher(dir, tx));
    let loaded = bind(keymap, loaded);
    state.keys = keymap.help();
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

/// Binds a library's hotkeys over the previous library's; a hotkey left out becomes one of
/// its problems (named by the reply's file and line). The result goes to `update` as
/// `Event::CannedLibrary`.
pub fn bind(keymap: &mut Keymap, mut loaded: Loaded) -> Loaded {
    for (id, why) in keymap.bind_replies(&loaded.library.hotkeys()) {
        let reply = loaded.library.replies.iter().find(|r| r.id == id);
        let (file, line) = reply.map_or(("", 0), |r| (r.file.as_str(), r.hotkey_line));
        loaded.problems.push(Problem::new(file, line, why));
    }
    for problem in &loaded.problems {
        tracing::warn!("canned replies: {problem}");
    }
    loaded
}

/// Writes the use counts on a blocking thread; a failure is only logged.
pub fn save_usage(path: PathBuf, usage: Usage) {
    tokio::task::spawn_blocking(move || {
        if let Err(e) = usage::save(&path, &usage) {
            tracing::warn!("{}: {e}", path.display());
        }
    });
}
