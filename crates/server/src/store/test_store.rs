//! A store for the store's own tests: a real file, default settings, nobody listening.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;

use super::Store;
use crate::config::StorageConfig;
use crate::routing::RoutingConfig;

/// Opens (creating and migrating) the store at `path`; its commits go nowhere.
pub(super) async fn open_store(path: &Path) -> Store {
    Store::open(
        path,
        &StorageConfig::default(),
        &RoutingConfig::default(),
        None,
        Arc::new(|_| {}),
    )
    .await
    .unwrap()
}
