//! `layout.toml` in the data dir: the pane arrangement kept between runs.

use std::path::Path;

use crate::app::SavedLayout;

const FILE_NAME: &str = "layout.toml";

/// The last run's arrangement; none (or an unreadable file, logged) means the default.
pub fn load(data_dir: &Path) -> Option<SavedLayout> {
    let text = std::fs::read_to_string(data_dir.join(FILE_NAME)).ok()?;
    toml::from_str(&text)
        .inspect_err(|e| tracing::warn!("ignoring unreadable {FILE_NAME}: {e}"))
        .ok()
}

pub fn save(data_dir: &Path, layout: &SavedLayout) {
    let result = toml::to_string(layout)
        .map_err(anyhow::Error::from)
        .and_then(|text| crate::session::write_private(data_dir, FILE_NAME, &text));
    if let Err(e) = result {
        tracing::warn!("could not save {FILE_NAME}: {e:#}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::geometry::Layout;

    #[test]
    fn round_trip_and_broken_file_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(dir.path()), None);
        let saved = SavedLayout {
            layout: Layout::Four,
            panes: vec![Some(7), None, Some(9), Some(2)],
            focused: 2,
            card: true,
        };
        save(dir.path(), &saved);
        assert_eq!(load(dir.path()), Some(saved));
        std::fs::write(dir.path().join(FILE_NAME), "layout = 5").expect("write");
        assert_eq!(load(dir.path()), None);
    }
}
