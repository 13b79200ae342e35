//! The stored login: `session.toml` in the data dir, readable by its owner only.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

const FILE_NAME: &str = "session.toml";

/// What `frontdesk login` leaves behind for later runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub server: String,
    pub operator: String,
    pub token: String,
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The stored session, or `None` when there is none (a broken file counts as none).
pub fn load(data_dir: &Path) -> Option<Session> {
    let text = std::fs::read_to_string(path(data_dir)).ok()?;
    match toml::from_str(&text) {
        Ok(session) => Some(session),
        Err(e) => {
            tracing::warn!("ignoring unreadable session file: {e}");
            None
        }
    }
}

/// The stored session for a command that runs without prompts (`tail`, `export`, `stats`):
/// refused, saying what to do, when there is none or it is for another server than `server`.
pub fn for_scripts(data_dir: &Path, server: Option<&str>) -> anyhow::Result<Session> {
    let words = crate::i18n::detect().cli;
    let stored = load(data_dir).context(words.login_first)?;
    if let Some(server) = server
        && !same_server(&stored.server, server)
    {
        anyhow::bail!(
            words
                .login_elsewhere
                .replace("{server}", server)
                .replace("{stored}", &stored.server)
        );
    }
    Ok(stored)
}

/// Whether two server URLs name the same server (a trailing slash aside).
pub fn same_server(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Writes the session atomically (temp file + rename), created with mode 0600 so the token
/// is never readable by others, not even for a moment.
pub fn save(data_dir: &Path, session: &Session) -> anyhow::Result<()> {
    let text = toml::to_string(session).context("encoding the session")?;
    write_private(data_dir, FILE_NAME, &text)
}

/// Writes `data_dir/name` atomically (temp file + rename) with mode 0600, in a 0700 folder.
pub fn write_private(data_dir: &Path, name: &str, text: &str) -> anyhow::Result<()> {
    create_private_dir(data_dir)?;
    let tmp = data_dir.join(format!("{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)
        .with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, data_dir.join(name)).with_context(|| format!("replacing {name}"))?;
    Ok(())
}

/// Forgets the stored session; no file is fine.
pub fn remove(data_dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path(data_dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn round_trip_with_private_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("nested");
        assert_eq!(load(&data), None);
        let s = Session {
            server: "http://127.0.0.1:1".into(),
            operator: "anna".into(),
            token: "secret".into(),
        };
        save(&data, &s).expect("save");
        save(&data, &s).expect("save again over the old file");
        assert_eq!(load(&data), Some(s));
        let mode = std::fs::metadata(path(&data))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        remove(&data).expect("remove");
        remove(&data).expect("remove twice");
        assert_eq!(load(&data), None);
    }
}
