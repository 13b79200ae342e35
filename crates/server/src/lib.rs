//! Frontdesk chat server: visitor and operator WebSockets, REST login, SQLite storage.
//!
//! [`start`] binds, migrates and spawns everything; the returned [`RunningServer`] says where
//! it listens and shuts it down. The binary (`main.rs`) is a thin CLI over this.

pub mod config;

use std::net::SocketAddr;

use frontdesk_protocol::OperatorRole;

pub use config::Config;

/// A server running inside this process.
pub struct RunningServer {
    pub addr: SocketAddr,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT` — base for REST; WebSockets are at `ws://…/ws/{visitor,operator}`.
    pub fn http_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Creates an operator account (argon2 hash); returns its id.
    pub async fn add_operator(
        &self,
        _name: &str,
        _display_name: &str,
        _password: &str,
        _role: OperatorRole,
    ) -> anyhow::Result<i64> {
        todo!()
    }

    /// Stops accepting, closes sockets, finishes pending writes.
    pub async fn shutdown(self) {
        todo!()
    }
}

/// Opens (creating and migrating) the database and serves on `config.listen`.
pub async fn start(_config: Config) -> anyhow::Result<RunningServer> {
    todo!()
}
