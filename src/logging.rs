//! Logs go to `frontdesk.log` in the data dir, never to the screen (it belongs to the UI).

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts file logging with the filter from `FRONTDESK_LOG` (default `info`). Keep the guard
/// alive until exit so buffered lines are flushed.
pub fn init(data_dir: &Path) -> anyhow::Result<WorkerGuard> {
    std::fs::create_dir_all(data_dir)?;
    let appender = tracing_appender::rolling::never(data_dir, "frontdesk.log");
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
