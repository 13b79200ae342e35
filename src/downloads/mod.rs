//! Files received in chats, saved on the operator's machine: the name made safe
//! (`clean_name.rs`, pure), the new file written beside nothing it could replace
//! (`save.rs`), and which folder they go to.

pub mod clean_name;
pub mod save;

use std::path::{Path, PathBuf};

pub use clean_name::clean_file_name;
pub use save::save_new;

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

/// "240 KB" for a status line or label.
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < KB * KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{:.1} MB", b as f64 / (KB * KB) as f64),
    }
}
