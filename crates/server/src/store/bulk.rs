//! Large reads (statistics over months of chats) on a blocking thread with rusqlite.
//!
//! sqlx's SQLite driver runs each statement on a worker thread and hands every row to the
//! caller through a channel, copying each value under a lock: a year of statistics spent
//! seconds in that handoff alone. rusqlite reads rows in place through the same SQLite
//! library (one `libsqlite3-sys`), so a read of hundreds of thousands of rows costs what
//! SQLite itself costs. Each read opens its own read-only connection and reads in ONE
//! transaction, so everything it returns is one consistent picture.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::ReadError;

/// Runs `read` in a read transaction on a fresh read-only connection, off the async threads.
pub async fn read<T, F>(db: &Path, read: F) -> Result<T, ReadError>
where
    T: Send + 'static,
    F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
{
    let db = db.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let conn = open_read_only(&db)?;
        let tx = conn.unchecked_transaction()?;
        let out = read(&tx)?;
        tx.commit()?;
        Ok(out)
    })
    .await
    .map_err(|e| ReadError::Bulk(format!("the read stopped: {e}")))?
    .map_err(|e: rusqlite::Error| ReadError::Bulk(e.to_string()))
}

/// A read-only connection to the database file, waiting up to 5 s for a lock.
pub(super) fn open_read_only(db: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}
