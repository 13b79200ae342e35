//! Logs go to `frontdesk.log` in the data dir, never to the screen (it belongs to the UI).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

const FILE_NAME: &str = "frontdesk.log";

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
