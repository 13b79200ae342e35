//! How often this operator fired each reply (by id), so the most used float up in the
//! picker. Kept as a small TOML table in the data dir; written by the loop off the hot path.

use std::collections::BTreeMap;
use std::path::Path;

/// Use counts by reply id.
pub type Usage = BTreeMap<String, u32>;

/// The file name in the data dir.
pub const FILE: &str = "canned_usage.toml";

/// The counts kept in `path`; a missing or broken file counts as none used yet.
pub fn load(path: &Path) -> Usage {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Usage::new();
    };
    toml::from_str(&text).unwrap_or_else(|e| {
        tracing::warn!("{}: {e}", path.display());
        Usage::new()
    })
}

/// Writes the counts to a fresh file beside `path`, then renames it over `path`: a crash
/// never leaves half a file, and two saves in flight never share a temporary file.
pub fn save(path: &Path, usage: &Usage) -> std::io::Result<()> {
    let text = toml::to_string(usage).map_err(std::io::Error::other)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_survive_a_save_and_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data").join(FILE);
        assert!(load(&path).is_empty());
        let usage = Usage::from([("greeting".to_owned(), 3), ("closing".to_owned(), 1)]);
        save(&path, &usage).expect("saved");
        assert_eq!(load(&path), usage);
        std::fs::write(&path, "not = [toml").expect("write");
        assert!(load(&path).is_empty(), "a broken file counts as none used");
    }
}
