//! Files received in chats, saved on the operator's machine: the name made safe
//! (`clean_name.rs`, pure), the new file written beside nothing it could replace
//! (`save.rs`), and which folder they go to.

pub mod clean_name;
pub mod save;

use std::path::{Path, PathBuf};

use crate::i18n::Numbers;

pub use clean_name::clean_file_name;
pub use save::save_new;

/// The folder chosen for received files, if any: `env` (`FRONTDESK_DOWNLOAD_DIR`, when set
/// and not empty) wins over `config` (`[files] downloads_dir`, empty: none), whose `~/` and
/// relative paths start at `home`.
pub fn chosen_dir(env: Option<PathBuf>, config: &Path, home: Option<&Path>) -> Option<PathBuf> {
    if let Some(env) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Some(env);
    }
    if config.as_os_str().is_empty() {
        return None;
    }
    let relative = config.strip_prefix("~").unwrap_or(config);
    Some(match home {
        Some(home) if relative.is_relative() => home.join(relative),
        _ => config.to_path_buf(),
    })
}

/// The folder received files are saved in: the one configured, else the user's downloads
/// folder (`directories`), else `downloads` in the console's data folder.
pub fn download_dir(configured: Option<&Path>, data_dir: &Path) -> PathBuf {
    configured
        .map(Path::to_path_buf)
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| u.download_dir().map(Path::to_path_buf))
        })
        .unwrap_or_else(|| data_dir.join("downloads"))
}

/// "240 KB" (or "240 КБ", "1,5 МБ": `units`) for a status line or label.
pub fn human_size(bytes: u64, units: &Numbers) -> String {
    const KB: u64 = 1024;
    match bytes {
        b if b < KB => format!("{b} {}", units.bytes),
        b if b < KB * KB => format!("{} {}", b.div_ceil(KB), units.kb),
        b => format!(
            "{} {}",
            units.one_decimal(b as f64 / (KB * KB) as f64),
            units.mb
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_in_the_languages_units_and_decimal_mark() {
        use crate::i18n::{NUMBERS_EN, NUMBERS_RU};
        assert_eq!(human_size(500, &NUMBERS_EN), "500 B");
        assert_eq!(human_size(240 * 1024, &NUMBERS_EN), "240 KB");
        assert_eq!(human_size(1536 * 1024, &NUMBERS_EN), "1.5 MB");
        assert_eq!(human_size(500, &NUMBERS_RU), "500 Б");
        assert_eq!(human_size(240 * 1024, &NUMBERS_RU), "240 КБ");
        assert_eq!(human_size(1536 * 1024, &NUMBERS_RU), "1,5 МБ");
    }

    #[test]
    fn the_variable_wins_then_the_config_from_home() {
        let home = Path::new("/home/anna");
        let config = Path::new("~/Chats/files");
        assert_eq!(
            chosen_dir(Some("/srv/in".into()), config, Some(home)),
            Some(PathBuf::from("/srv/in"))
        );
        // An empty variable is as good as none.
        assert_eq!(
            chosen_dir(Some(PathBuf::new()), config, Some(home)),
            Some(PathBuf::from("/home/anna/Chats/files"))
        );
        assert_eq!(
            chosen_dir(None, Path::new("Chats"), Some(home)),
            Some(PathBuf::from("/home/anna/Chats"))
        );
        assert_eq!(
            chosen_dir(None, Path::new("/data/in"), Some(home)),
            Some(PathBuf::from("/data/in"))
        );
        assert_eq!(chosen_dir(None, Path::new(""), Some(home)), None);
    }

    #[test]
    fn without_a_choice_the_data_folder_is_the_last_resort() {
        let chosen = Path::new("/data/in");
        assert_eq!(download_dir(Some(chosen), Path::new("/d")), chosen);
        let fallback = download_dir(None, Path::new("/d"));
        assert!(
            fallback == Path::new("/d/downloads")
                || directories::UserDirs::new()
                    .and_then(|u| u.download_dir().map(Path::to_path_buf))
                    .is_some_and(|d| d == fallback),
            "{fallback:?}"
        );
    }
}
