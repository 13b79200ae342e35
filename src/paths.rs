//! Where the console keeps its files: XDG directories, overridable for tests and scripts.

use std::path::PathBuf;

use anyhow::Context;

/// Data (session token, log) and config (later: keymaps, canned replies) directories.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    /// `FRONTDESK_DATA_DIR` / `FRONTDESK_CONFIG_DIR` win over the platform's XDG locations.
    pub fn resolve() -> anyhow::Result<Self> {
        let env = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let project = directories::ProjectDirs::from("", "", "frontdesk");
        let data = env("FRONTDESK_DATA_DIR")
            .or_else(|| project.as_ref().map(|p| p.data_dir().to_path_buf()))
            .context("no home directory: set FRONTDESK_DATA_DIR")?;
        let config = env("FRONTDESK_CONFIG_DIR")
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()))
            .context("no home directory: set FRONTDESK_CONFIG_DIR")?;
        Ok(Self { data, config })
    }
}
