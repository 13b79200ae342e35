//! Logs go to `frontdesk.log` in the data dir, never to the screen (it belongs to the UI).
//! The file is bounded across runs: one grown past [`KEEP_BYTES`] is moved to
//! `frontdesk.log.1` (replacing the one before) when the next run starts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

const FILE_NAME: &str = "frontdesk.log";
/// A log larger than this at start-up is set aside and a new one begun.
pub const KEEP_BYTES: u64 = 10 * 1024 * 1024;

/// The log file, once [`init`] has named it.
static LOG_FILE: OnceLock<PathBuf> = OnceLock::new();

/// Appends `text` to the log file at once, bypassing the background writer: for a panic,
/// after which the process exits before that writer would get to it.
pub fn write_now(text: &str) {
    if let Some(path) = LOG_FILE.get()
        && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(path)
    {
        let _ = writeln!(file, "{text}");
    }
}

/// Starts file logging with the filter from `FRONTDESK_LOG` (default `info`). Keep the guard
/// alive until exit so buffered lines are flushed.
pub fn init(data_dir: &Path) -> anyhow::Result<WorkerGuard> {
    std::fs::create_dir_all(data_dir)?;
    set_aside_if_large(&data_dir.join(FILE_NAME));
    let _ = LOG_FILE.set(data_dir.join(FILE_NAME));
    let appender = tracing_appender::rolling::never(data_dir, FILE_NAME);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("FRONTDESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (e.g. the demo calling in after main set it up) is harmless; ignore it.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(guard)
}

/// Moves the log at `path` to `<path>.1` when it has grown past [`KEEP_BYTES`]: months of
/// runs never fill the disk, and the last long log is still there to read.
fn set_aside_if_large(path: &Path) {
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() > KEEP_BYTES);
    if large {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        // Losing the rename only means one more run in the big file.
        let _ = std::fs::rename(path, old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_log_is_set_aside_and_a_small_one_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = dir.path().join(FILE_NAME);
        let old = dir.path().join("frontdesk.log.1");
        std::fs::write(&log, "a short log\n").expect("write");
        set_aside_if_large(&log);
        assert!(log.exists() && !old.exists());
        let file = std::fs::File::create(&log).expect("create");
        file.set_len(KEEP_BYTES + 1).expect("grow");
        std::fs::write(&old, "the one before").expect("write");
        set_aside_if_large(&log);
        assert!(!log.exists(), "a new log is begun");
        assert_eq!(std::fs::metadata(&old).expect("kept").len(), KEEP_BYTES + 1);
        // Nothing there at all is no problem.
        set_aside_if_large(&dir.path().join("missing.log"));
    }
}
