//! Transcript files in the data dir, fetched by the net task (`net/side_reads.rs`): the export
//! key's one chat, written at once, and an exported set (`:export`), which grows in a
//! temporary file and gets its name only when complete. Both are private to their owner like
//! everything in the data dir, and never overwrite a file: a name taken gets `-2`, `-3`, …

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::app::{Effect, Event};

/// Carries out a file effect; the event it comes back as, if any.
pub fn write(effect: Effect) -> Option<Event> {
    match effect {
        Effect::SaveTranscript { path, text } => Some(save(&path, &text)),
        Effect::AppendExport {
            serial,
            path,
            bytes,
            create,
        } => append(serial, &path, &bytes, create),
        Effect::FinishExport { serial, temp, path } => Some(finish(serial, &temp, &path)),
        Effect::DiscardExport { path } => {
            discard(&path);
            None
        }
        _ => None,
    }
}

/// Writes the export key's transcript file.
fn save(path: &Path, text: &str) -> Event {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            unused_name(path, |candidate| {
                let mut file = private(candidate)?;
                file.write_all(text.as_bytes())
            })
        });
    Event::TranscriptSaved(reported(path, written))
}

/// Appends to an export's temporary file. A failure removes the file, so nothing after it
/// (another piece, the final rename) can make a partial file look complete.
fn append(serial: u64, path: &Path, bytes: &[u8], create: bool) -> Option<Event> {
    let written = (|| {
        if create && let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let mut file = if create {
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(path)?
        } else {
            std::fs::OpenOptions::new().append(true).open(path)?
        };
        file.write_all(bytes)
    })();
    let why = written.err()?;
    discard(path);
    Some(Event::ExportSaved {
        serial,
        result: reported(path, Err(why)),
    })
}

/// The complete temporary file takes its name: linked there (which never replaces a file),
/// then unlinked.
fn finish(serial: u64, temp: &Path, path: &Path) -> Event {
    let placed = unused_name(path, |candidate| std::fs::hard_link(temp, candidate));
    if placed.is_ok() {
        discard(temp);
    }
    Event::ExportSaved {
        serial,
        result: reported(path, placed),
    }
}

/// Removes what a failed or cancelled export left, if anything.
fn discard(path: &Path) {
    if let Err(e) = std::fs::remove_file(path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), error = %e, "removing an unfinished export");
    }
}

fn reported(path: &Path, result: std::io::Result<PathBuf>) -> Result<String, String> {
    result.map(|p| p.display().to_string()).map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "writing a transcript file");
        e.to_string()
    })
}

/// A new file only its owner reads.
fn private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// Runs `make` on `path`, then `stem-2.ext`, `stem-3.ext`, … while it finds the name taken.
fn unused_name(
    path: &Path,
    mut make: impl FnMut(&Path) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    for n in 1..=100 {
        let candidate = if n == 1 {
            path.to_path_buf()
        } else {
            path.with_file_name(format!("{stem}-{n}{ext}"))
        };
        match make(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many transcript files of this name this second",
    ))
}

#[cfg(test)]
#[path = "tests/transcript.rs"]
mod tests;
