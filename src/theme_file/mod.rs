//! `theme.toml` in the config dir: a style per named role laid over the built-in ones.
//! Styles are resolved once, at start, into a [`Palette`] that `State` keeps; rendering copies
//! it per frame and parses nothing. A problem (file and line) never stops the console: the
//! entry is skipped, the rest applies, and the first problem is shown once as a notice.
//! `NO_COLOR` wins over any theme (see `ui::theme`).

mod parse;
mod roles;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use parse::MODIFIERS;
pub use roles::{Palette, Role};

/// The file name in the config dir.
pub const FILE: &str = "theme.toml";

/// One problem in a theme file; the entry (or the whole file, for bad TOML) is skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ThemeError {
    /// The file as shown to the operator.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// The palette and the problems met while building it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub palette: Palette,
    pub errors: Vec<ThemeError>,
}

impl Loaded {
    /// One line for the status bar, or `None` when all is well.
    pub fn notice(&self) -> Option<String> {
        crate::file_problems::notice("theme", &self.errors)
    }
}

/// Reads `theme.toml` from `config_dir`; no dir or no file gives the built-in palette.
pub fn load(config_dir: Option<&Path>) -> Loaded {
    let Some(path) = config_dir.map(|d| d.join(FILE)) else {
        return Loaded::default();
    };
    let shown = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => from_text(&shown, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => Loaded {
            palette: Palette::default(),
            errors: vec![ThemeError {
                file: shown,
                line: 1,
                message: format!("cannot read: {e}"),
            }],
        },
    }
}

/// The built-in palette with the valid entries of `text` (shown as `file`) laid over it.
pub fn from_text(file: &str, text: &str) -> Loaded {
    let mut errors = Vec::new();
    let mut palette = Palette::default();
    for (role, style) in parse::parse_file(file, text, &mut errors) {
        palette.set(role, style);
    }
    Loaded { palette, errors }
}
