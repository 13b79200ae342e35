//! A store for the store's own tests: a real file, default settings, nobody listening.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;

use super::{CommitSink, Store};
use crate::config::StorageConfig;
use crate::routing::RoutingConfig;

/// Opens (creating and migrating) the store at `path`; its commits go nowhere.
pub(super) async fn open_store(path: &Path) -> Store {
    open_store_with(path, Arc::new(|_| {})).await
}

/// A store in a new temporary directory: the directory (dropping it deletes the file), the
/// database's path, and the store.
pub(super) async fn temp_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    let store = open_store(&path).await;
    (dir, path, store)
}

/// Opens the store at `path`; every commit's events go to `sink`.
pub(super) async fn open_store_with(path: &Path, sink: CommitSink) -> Store {
    Store::open(
        path,
        &StorageConfig::default(),
        &RoutingConfig::default(),
        None,
        Default::default(),
        sink,
    )
    .await
    .unwrap()
}

/// The first column of every row `sql` returns, as text, read with plain rusqlite.
pub(crate) fn texts(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut statement = conn.prepare(sql).expect("a query of the test's own");
    let rows = statement
        .query_map([], |row| row.get(0))
        .expect("the query runs");
    rows.collect::<Result<_, _>>().expect("text in every row")
}
