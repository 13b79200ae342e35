//! Server configuration: TOML file, every field with a documented default.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on. Port 0 picks a free port (tests, `frontdesk demo`).
    pub listen: SocketAddr,
    /// SQLite database file; created with its directory if missing.
    pub database: PathBuf,
    pub storage: StorageConfig,
    pub limits: Limits,
    pub proxy: ProxyHeaders,
}

/// Headers a reverse proxy in front of the server adds. Only set these when such a proxy
/// exists and strips the same headers from clients, or visitors could forge them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProxyHeaders {
    /// Header with the visitor's address, e.g. `X-Real-IP` (first address of a list is used).
    pub client_ip: Option<String>,
    /// Header with the visitor's city from the proxy's geo database, e.g. `X-Geo-City`.
    pub city: Option<String>,
    /// Header with the visitor's region, e.g. `X-Geo-Region`.
    pub region: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Synchronous {
    /// Survives a process crash; a power cut may lose the last commits. ~4× faster.
    Normal,
    /// Survives a power cut too.
    Full,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageConfig {
    pub synchronous: Synchronous,
    /// How many of the newest events an operator may resume from; older cursors get `resync`.
    pub replay_window: u64,
    /// Most commands the writer puts into one transaction.
    pub max_batch: usize,
    /// Milliseconds between WAL checkpoints, run off the write path.
    pub checkpoint_interval_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    pub max_frame_bytes: usize,
    pub max_message_chars: usize,
    pub visitor_messages_per_sec: u32,
    pub ip_messages_per_sec: u32,
    pub idle_timeout_secs: u64,
    /// Origins allowed on the visitor socket, e.g. `https://shop.example`. Empty: any.
    pub allowed_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database: PathBuf::from("frontdesk.db"),
            storage: StorageConfig::default(),
            limits: Limits::default(),
            proxy: ProxyHeaders::default(),
        }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            synchronous: Synchronous::Normal,
            replay_window: 100_000,
            max_batch: 512,
            checkpoint_interval_ms: 5000,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_frame_bytes: 16 * 1024,
            max_message_chars: 4000,
            visitor_messages_per_sec: 5,
            ip_messages_per_sec: 20,
            idle_timeout_secs: 60,
            allowed_origins: Vec::new(),
        }
    }
}

impl Config {
    /// A config for tests and the demo: free port on 127.0.0.1, database at `database`.
    pub fn local(database: impl Into<PathBuf>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database: database.into(),
            ..Self::default()
        }
    }

    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}
