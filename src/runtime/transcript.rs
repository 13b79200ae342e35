//! The export key's file: the transcript (fetched by the net task, `net/side_reads.rs`)
//! written into the data dir.

use std::path::{Path, PathBuf};

use crate::app::Event;

/// Writes a transcript file, private to its owner like everything in the data dir. A file of
/// the same name (the key pressed twice within a second) is never overwritten: `-2`, `-3`, …
pub fn save(path: &Path, text: &str) -> Event {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| write_new(path, text));
    Event::TranscriptSaved(match written {
        Ok(path) => Ok(path.display().to_string()),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "writing a transcript");
            Err(e.to_string())
        }
    })
}

fn write_new(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    for n in 1..=100 {
        let candidate = if n == 1 {
            path.to_path_buf()
        } else {
            path.with_file_name(format!("{stem}-{n}.txt"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&candidate)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many transcripts of this chat this second",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_save_of_the_same_name_gets_its_own_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir
            .path()
            .join("exports")
            .join("chat-7-20261203-120000.txt");
        let first = save(&path, "one");
        let second = save(&path, "two");
        let (Event::TranscriptSaved(Ok(a)), Event::TranscriptSaved(Ok(b))) = (first, second) else {
            panic!("both saved");
        };
        assert_ne!(a, b);
        assert!(b.ends_with("chat-7-20261203-120000-2.txt"), "{b}");
        assert_eq!(std::fs::read_to_string(&a).expect("first"), "one");
        assert_eq!(std::fs::read_to_string(&b).expect("second"), "two");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&a).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
