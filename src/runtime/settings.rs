//! The operator's files read at start: keymap, `config.toml`, `theme.toml`. A broken file is
//! logged and shown as a notice; the console starts with the defaults for what it could not
//! read.

use crate::app::State;
use crate::keymap::Keymap;

/// The keymap from the config dir; its problems are logged and shown once as a notice.
pub fn load_keymap(state: &mut State) -> Keymap {
    let config = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let loaded = crate::keymap::load(config.as_deref());
    for error in &loaded.errors {
        tracing::warn!("keymap: {error}");
    }
    state.notice = loaded.notice();
    state.keys = loaded.keymap.help();
    loaded.keymap
}

/// `config.toml` from the config dir; a broken file is logged and shown as a notice.
pub fn load_config(state: &mut State) -> crate::config::ConsoleConfig {
    let config_dir = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let loaded = crate::config::load(config_dir.as_deref());
    if let Some(error) = loaded.error {
        tracing::warn!("config: {error}");
        state.notice = Some(format!("config: {error}"));
    }
    loaded.config
}

/// `theme.toml` from the config dir, resolved once; its problems are logged and the first
/// is shown as a notice unless an earlier file already left one.
pub fn load_theme(state: &mut State) {
    let config_dir = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let loaded = crate::theme_file::load(config_dir.as_deref());
    for error in &loaded.errors {
        tracing::warn!("theme: {error}");
    }
    if state.notice.is_none() {
        // A quoted TOML key may hold escapes: the notice goes through the one door too.
        state.notice = loaded
            .notice()
            .map(|n| crate::sanitize::sanitize(&n, crate::sanitize::Mode::line(300)).into_owned());
    }
    state.screen.palette = loaded.palette;
}
