//! The writer's statements: rusqlite on the writer's own thread, through its statement cache.
//!
//! The writer used to run on sqlx, whose SQLite driver executes every statement on a worker
//! thread: each statement was a round trip between threads (a channel send, a wake-up, a
//! reply), about twenty per new chat. Profiles put two thirds of the server's CPU per message
//! in those hand-offs and in the worker threads, against a tenth in SQLite itself. The writer
//! now owns its connection on one thread and runs a whole batch there: one hand-off per batch.
//! Readers stay on sqlx's pool.

use rusqlite::types::FromSql;
use rusqlite::{Connection, OptionalExtension, Params, Row};

use super::OpError;

/// Runs a statement; returns the number of rows it changed.
pub fn exec(conn: &Connection, sql: &str, params: impl Params) -> Result<usize, OpError> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

/// Inserts one row; returns its rowid. Preferred to `RETURNING id`, which makes SQLite open
/// and drop a temporary table for every row (about a twentieth of the server's CPU per
/// message while the message insert used it).
pub fn insert(conn: &Connection, sql: &str, params: impl Params) -> Result<i64, OpError> {
    Ok(conn.prepare_cached(sql)?.insert(params)?)
}

/// The first column of the one row a statement returns.
pub fn one<T: FromSql>(conn: &Connection, sql: &str, params: impl Params) -> Result<T, OpError> {
    Ok(conn.prepare_cached(sql)?.query_row(params, |r| r.get(0))?)
}

/// The first column of the first row, if there is one.
pub fn opt<T: FromSql>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Option<T>, OpError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params, |r| r.get(0))
        .optional()?)
}

/// The first row, mapped, if there is one.
pub fn row<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>, OpError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params, map)
        .optional()?)
}

/// Every row, mapped.
pub fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, OpError> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, map)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

/// Whether the error is a UNIQUE (or primary key) constraint refusing a row.
pub fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// Whether the error is a FOREIGN KEY constraint refusing a row.
pub fn is_foreign_key_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

/// A sequence number as the `INTEGER` it is stored as.
pub fn seq_column(seq: frontdesk_protocol::Seq) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}
