//! The store's file: new files get 4 KiB pages, older files keep theirs, and the WAL's
//! restart point is the same size in bytes whatever the page size. Real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::handle::WAL_RESTART_BYTES;
use super::test_store::open_store;

fn page_size(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn a_new_file_has_4_kib_pages_and_restarts_its_wal_at_64_mib() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    let store = open_store(&path).await;
    assert_eq!(page_size(&path), 4096);
    assert_eq!(store.wal_restart_frames(), 16_384);
    assert_eq!(store.wal_restart_frames() * 4096, WAL_RESTART_BYTES);
    store.close().await;
}

#[tokio::test]
async fn a_file_made_with_1_kib_pages_keeps_them_and_its_wal_the_same_size_in_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    {
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch("PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; VACUUM;")
            .unwrap();
    }
    let store = open_store(&path).await;
    assert_eq!(
        page_size(&path),
        1024,
        "migrations must not change the page size"
    );
    assert_eq!(store.wal_restart_frames(), 65_536);
    store.close().await;
}
