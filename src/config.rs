//! The console's settings: `config.toml` in the config dir, every field optional with the
//! default documented in docs/configuration.md ("Console config"). A broken file never stops
//! the console: the problem (file and line) becomes a notice and the defaults are used.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::file_problems::line_of;

/// The file name in the config dir.
pub const FILE: &str = "config.toml";

/// Everything `config.toml` can set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleConfig {
    pub canned: CannedConfig,
    /// `[notifications]`: alert rules (see `crate::notify::rules`).
    pub notifications: crate::notify::NotificationsConfig,
    /// `[status]`: your own status.
    pub status: StatusConfig,
    /// `[export]`: the hook `frontdesk export --mail` hands transcripts to.
    pub export: crate::export::MailConfig,
    /// `[queue]`: the queue view's first response target.
    pub queue: QueueConfig,
    /// `[writing]`: spelling in the reply box (the rules are in `writing.toml`).
    pub writing: WritingConfig,
    /// `[files]`: where received files are saved.
    pub files: FilesConfig,
}

/// `[files]`: the folder `:save` (and `save_file`) writes received files into.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    /// `~/` is the home folder and a relative path starts there; empty: the user's downloads
    /// folder (see `crate::downloads::download_dir`). `FRONTDESK_DOWNLOAD_DIR` wins over it.
    pub downloads_dir: PathBuf,
}

/// `[writing]`: where the spelling dictionaries and the team's word list are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WritingConfig {
    /// Spell checking on or off (the writing rules have their own switches).
    pub spelling: bool,
    /// The folder with `ru_RU.aff`/`.dic` and `en_US.aff`/`.dic` (Hunspell format).
    pub dictionaries: PathBuf,
    /// A file of product names and other words the team uses, one per line (relative to the
    /// config folder); empty: none.
    pub team_words: PathBuf,
}

impl Default for WritingConfig {
    fn default() -> Self {
        Self {
            spelling: true,
            dictionaries: PathBuf::from(crate::writing::spell::DEFAULT_DIR),
            team_words: PathBuf::new(),
        }
    }
}

/// `[queue]`: when a visitor's wait for a first answer is drawn as a warning, and when as a
/// breach of the target.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueueConfig {
    pub warn_after_secs: u64,
    /// The first response target: the queue view counts down to it.
    pub breach_after_secs: u64,
}

impl Default for QueueConfig {
    fn default() -> Self {
        Self {
            warn_after_secs: 45,
            breach_after_secs: 60,
        }
    }
}

impl QueueConfig {
    /// (warn, breach) in milliseconds; a warning never comes after the breach.
    pub fn thresholds_ms(&self) -> (i64, i64) {
        let ms = |secs: u64| i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX);
        let breach = ms(self.breach_after_secs);
        (ms(self.warn_after_secs).min(breach), breach)
    }
}

/// `[status]`: when the console sets you away by itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatusConfig {
    /// Minutes without a key, click or paste before an online operator is set away (and back
    /// online at the next key). 0: never.
    pub away_after_mins: u64,
}

impl Default for StatusConfig {
    fn default() -> Self {
        Self {
            away_after_mins: 10,
        }
    }
}

/// `[canned]`: values the canned replies' placeholders draw on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CannedConfig {
    /// `{company}` in replies; empty: the placeholder is left for the operator to fill.
    pub company: String,
}

/// A config file problem, naming the file and the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The config and, when the file was broken, why its contents were not used.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: ConsoleConfig,
    pub error: Option<ConfigError>,
}

/// Reads `config.toml` from `config_dir`; a missing dir or file gives the defaults.
pub fn load(config_dir: Option<&Path>) -> Loaded {
    let Some(path) = config_dir.map(|d| d.join(FILE)) else {
        return Loaded::default();
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse(&path, &text) {
            Ok(config) => Loaded {
                config,
                error: None,
            },
            Err(error) => Loaded {
                config: ConsoleConfig::default(),
                error: Some(error),
            },
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => Loaded {
            config: ConsoleConfig::default(),
            error: Some(ConfigError {
                file: path.display().to_string(),
                line: 1,
                message: e.to_string(),
            }),
        },
    }
}

/// Parses the text of a config file; `path` is only used in the error.
pub fn parse(path: &Path, text: &str) -> Result<ConsoleConfig, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError {
        file: PathBuf::from(path).display().to_string(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let config = parse(Path::new("config.toml"), "").expect("parses");
        assert_eq!(config, ConsoleConfig::default());
    }

    #[test]
    fn company_is_read() {
        let config = parse(Path::new("c.toml"), "[canned]\ncompany = \"Ромашка\"\n").expect("ok");
        assert_eq!(config.canned.company, "Ромашка");
    }

    #[test]
    fn queue_targets_are_read_and_a_warning_never_follows_the_breach() {
        let config = parse(Path::new("c.toml"), "[queue]\nwarn_after_secs = 90\n").expect("ok");
        assert_eq!(config.queue.thresholds_ms(), (60_000, 60_000));
        assert_eq!(QueueConfig::default().thresholds_ms(), (45_000, 60_000));
    }

    #[test]
    fn the_downloads_folder_is_read() {
        let text = "[files]\ndownloads_dir = \"~/Chats\"\n";
        let config = parse(Path::new("c.toml"), text).expect("ok");
        assert_eq!(config.files.downloads_dir, PathBuf::from("~/Chats"));
        assert_eq!(FilesConfig::default().downloads_dir, PathBuf::new());
    }

    #[test]
    fn unknown_field_names_file_and_line() {
        let err = parse(
            Path::new("c.toml"),
            "[canned]\ncompany = \"x\"\ncolour = 1\n",
        )
        .expect_err("unknown field");
        assert_eq!(err.file, "c.toml");
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("colour"), "{err}");
    }

    #[test]
    fn missing_dir_or_file_is_not_an_error() {
        assert!(load(None).error.is_none());
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(load(Some(dir.path())).error.is_none());
    }
}
