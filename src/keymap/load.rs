//! Where bindings come from: the embedded `keymaps/default.toml`, an optional preset
//! (`preset = "vim"` in the user file), then the user's `keymap.toml` from the config dir,
//! each merged over the previous one key by key. Problems become [`KeymapError`]s; whatever
//! is valid is used, so a typo in one line never costs the operator the other bindings.

use std::path::Path;

use super::Keymap;
use super::error::{ErrorKind, KeymapError};
use super::parse::parse_file;

/// The default bindings, embedded in the binary (`frontdesk --print-default-keymap`).
pub const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
/// The vim-flavoured preset, merged over the defaults.
pub const VIM_TOML: &str = include_str!("../../keymaps/vim.toml");
/// The user's file name in the config dir.
pub const USER_FILE: &str = "keymap.toml";

/// Presets a user file may name, with their shown file name and text (merged over defaults).
pub const PRESETS: [(&str, &str, &str); 2] = [
    ("default", "keymaps/default.toml", ""),
    ("vim", "keymaps/vim.toml", VIM_TOML),
];

/// A keymap and the problems met while building it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub keymap: Keymap,
    pub errors: Vec<KeymapError>,
}

impl Loaded {
    /// One line for the status bar, or `None` when all is well.
    pub fn notice(&self) -> Option<String> {
        crate::file_problems::notice("keymap", &self.errors)
    }
}

/// Loads `keymap.toml` from `config_dir` (no dir, or no file: the defaults, no errors).
pub fn load(config_dir: Option<&Path>) -> Loaded {
    let Some(path) = config_dir.map(|d| d.join(USER_FILE)) else {
        return from_user(None);
    };
    let shown = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => from_user(Some((&shown, &text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => from_user(None),
        Err(e) => {
            let mut loaded = from_user(None);
            loaded.errors.push(KeymapError {
                file: shown,
                line: 1,
                place: None,
                kind: ErrorKind::Io(e.to_string()),
            });
            loaded
        }
    }
}

/// The defaults, then the preset the user file names, then the user file `(name, text)`.
pub fn from_user(user: Option<(&str, &str)>) -> Loaded {
    let mut errors = Vec::new();
    let mut keymap = Keymap::builtin();
    if let Some((file, text)) = user {
        let parsed = parse_file(file, text, &mut errors);
        if let Some((name, line)) = &parsed.preset {
            match PRESETS.iter().find(|(n, _, _)| n == name) {
                Some((_, shown, preset)) => {
                    let preset = parse_file(shown, preset, &mut errors);
                    keymap.merge(&preset.entries);
                }
                None => errors.push(KeymapError {
                    file: file.to_owned(),
                    line: *line,
                    place: None,
                    kind: ErrorKind::UnknownPreset(name.clone()),
                }),
            }
        }
        keymap.merge(&parsed.entries);
    }
    Loaded { keymap, errors }
}
