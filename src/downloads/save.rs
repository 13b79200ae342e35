//! Writing a received file into the downloads folder: under its cleaned name, never over
//! another file (`name (1).ext`, `name (2).ext`…), readable by the operator only, and never
//! opened or run.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::clean_name::{clean_file_name, fit};

/// How many numbered names are tried before giving up.
const MAX_TRIES: u32 = 1000;

/// Saves `bytes` as a new file in `dir` named after `name`; returns where it went, always a
/// direct child of `dir`.
pub fn save_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let clean = clean_file_name(name);
    for n in 0..MAX_TRIES {
        let file_name = if n == 0 {
            clean.clone()
        } else {
            fit(&clean, &format!(" ({n})"))
        };
        let path = dir.join(&file_name);
        match create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{MAX_TRIES} files named like {clean} already exist"
    )))
}

fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Every hostile name lands inside the downloads folder, and nothing is overwritten.
    #[test]
    fn hostile_names_land_inside_the_folder_and_never_overwrite() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("Downloads");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bashrc"), b"mine").unwrap();
        let ten_kb = "x".repeat(10 * 1024);
        let hostile = [
            "../../.bashrc",
            "/etc/passwd",
            "C:\\x",
            "a\u{202E}gnp.exe",
            "\u{1b}[31m",
            "CON",
            "nul.txt",
            ten_kb.as_str(),
            ".",
            "..",
            "",
            "a\0b",
            "../../.bashrc",
            "~/.ssh/authorized_keys",
            "..\\..\\windows\\system32\\drivers\\etc\\hosts",
        ];
        let mut saved = Vec::new();
        for (i, name) in hostile.iter().enumerate() {
            let bytes = format!("file {i}");
            let path = save_new(&dir, name, bytes.as_bytes()).unwrap();
            assert_eq!(path.parent(), Some(dir.as_path()), "{name:?} → {path:?}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), bytes);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{path:?}");
            }
            assert!(!saved.contains(&path), "{path:?} written twice");
            saved.push(path);
        }
        assert_eq!(std::fs::read(dir.join("bashrc")).unwrap(), b"mine");
        assert!(dir.join("bashrc (1)").exists() && dir.join("bashrc (2)").exists());
        // Nothing was made outside the folder.
        let outside: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(outside, vec![std::ffi::OsString::from("Downloads")]);
    }
}
