//! Server configuration: TOML file, every field with a documented default.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

mod identity;
mod widget;
pub use identity::{IdentityConfig, IdentityError, MIN_SECRET_CHARS};
pub use widget::{PrechatField, PrechatForm, WidgetConfig};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on. Port 0 picks a free port (tests, `frontdesk demo`).
    pub listen: SocketAddr,
    /// SQLite database file; created with its directory if missing.
    pub database: PathBuf,
    /// Threads that serve the sockets and HTTP; 0: one per processor core. Quick writes are
    /// stored on them too (the caller leads the batch); long ones on the blocking pool.
    /// Default 1, run as tokio's current-thread runtime: see docs/configuration.md.
    pub workers: usize,
    pub storage: StorageConfig,
    pub limits: Limits,
    pub login: LoginLimits,
    pub proxy: ProxyHeaders,
    pub connections: ConnectionLimits,
    pub presence: PresenceConfig,
    /// Departments, how new chats find operators, the cap per operator.
    pub routing: crate::routing::RoutingConfig,
    /// Branding and forms of the visitor widget (`/widget.js`, `/widget/config`).
    #[serde(default)]
    pub widget: WidgetConfig,
    /// Answers to offline messages by e-mail (`crate::mail`).
    pub mail: crate::mail::MailConfig,
    /// The on-site list (who has the widget open now).
    pub site: crate::site::SiteConfig,
    /// Automatic invitations to chat.
    pub invitations: crate::site::rules::InvitationsConfig,
    /// Files sent in chats: where they are kept, how large, which kinds.
    pub files: FilesConfig,
    /// The secret that verifies a site's logged-in customers (`identify`).
    pub identity: IdentityConfig,
}

/// Uploads (`POST /api/files`, `POST /api/visitor/files`) and where their bytes live.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    /// Folder of stored files, never served as static files. Unset: `<database name>.files`
    /// beside the database file.
    pub dir: Option<PathBuf>,
    /// Largest upload in bytes; a larger one is refused with 413.
    pub max_bytes: u64,
    /// Kinds accepted, as read from the file's first bytes (never its name or the browser's
    /// claim): png, jpg, gif, webp, pdf, zip, docx, xlsx, pptx, odt, ods. SVG, HTML and
    /// anything not recognised are always refused.
    pub allowed: Vec<String>,
    /// Uploads a visitor may start per minute.
    pub visitor_uploads_per_min: u32,
    /// Uploads being received at once, in total; more wait for none and get 429.
    pub max_concurrent: usize,
    /// Uploads are refused (507) while the disk of the files or of the database has less
    /// free than this plus one largest upload: visitors' files never take the room the
    /// messages need.
    pub min_free_bytes: u64,
}

impl Default for FilesConfig {
    fn default() -> Self {
        Self {
            dir: None,
            max_bytes: 10 * 1024 * 1024,
            allowed: ["png", "jpg", "gif", "webp", "pdf"]
                .map(String::from)
                .to_vec(),
            visitor_uploads_per_min: 10,
            max_concurrent: 8,
            min_free_bytes: 1024 * 1024 * 1024,
        }
    }
}

impl Config {
    /// The folder uploads are stored in (see [`FilesConfig::dir`]).
    pub fn files_dir(&self) -> PathBuf {
        if let Some(dir) = &self.files.dir {
            return dir.clone();
        }
        let stem = self
            .database
            .file_stem()
            .map_or_else(|| "frontdesk".into(), |s| s.to_string_lossy().into_owned());
        self.database.with_file_name(format!("{stem}.files"))
    }
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
    /// Under steady load, quick commands within this many milliseconds of the last commit
    /// wait for the window to end and share one commit; 0: commit each as it comes. Only with
    /// `synchronous = normal` (under `full` the disk's wait batches them anyway).
    pub commit_window_ms: u64,
    /// Milliseconds between WAL checkpoints, run off the write path.
    pub checkpoint_interval_ms: u64,
    /// Visitors who never chatted are deleted after this many days unseen; 0 keeps them.
    pub visitor_expiry_days: u32,
    /// Command ids (and their answers, so a resent command is not stored twice) are kept this
    /// many days; 0 keeps them for ever.
    pub command_memory_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    pub max_frame_bytes: usize,
    pub max_message_chars: usize,
    pub visitor_messages_per_sec: u32,
    pub ip_messages_per_sec: u32,
    /// Frames of any kind a visitor's socket is read at, per second (bursts of twice as many);
    /// past it the socket is not read until one is back.
    pub visitor_frames_per_sec: u32,
    pub idle_timeout_secs: u64,
    /// Origins allowed on the visitor socket, e.g. `https://shop.example`. Empty: any.
    pub allowed_origins: Vec<String>,
    /// New visitor identities (`hello` without a known token) per IP a minute, as a burst.
    pub new_visitors_per_ip_per_min: u32,
    /// Chats (offline messages too) one visitor may open in an hour; 0: no bound.
    pub new_chats_per_visitor_per_hour: u32,
    /// Chats one network (an IPv4 address, an IPv6 /64) may open in an hour; 0: no bound.
    pub new_chats_per_ip_per_hour: u32,
}

/// Password guessing: a few free failures, then waits that double (`POST /api/login`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoginLimits {
    /// Failed logins for one account name before it has to wait.
    pub free_failures_per_account: u32,
    /// Failed logins from one client address (any account) before it has to wait.
    pub free_failures_per_ip: u32,
    /// The first wait, in seconds; each further failure doubles it.
    pub backoff_first_secs: u64,
    /// The longest wait, in seconds.
    pub backoff_max_secs: u64,
    /// Failures are forgotten after this many seconds without a new one.
    pub forget_after_secs: u64,
}

/// Caps and deadlines for connections, so slow, silent or too many sockets cannot tie up
/// the server (each holds an open file).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionLimits {
    /// Most connections open at once; the server also stays below its open-file limit.
    pub max_open: usize,
    /// Most connections open at once from one client address.
    pub max_per_address: usize,
    /// Seconds a connection has to send a request's headers, from when it opens or its
    /// previous response ends (so idle keep-alive connections close after it too).
    pub header_timeout_secs: u64,
    /// Seconds a WebSocket has to send `hello` after the upgrade.
    pub hello_timeout_secs: u64,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_open: 50_000,
            max_per_address: 128,
            header_timeout_secs: 10,
            hello_timeout_secs: 10,
        }
    }
}

/// How operator presence follows their consoles.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PresenceConfig {
    /// Seconds an operator whose last console disconnected still counts as present: a
    /// reconnect within them (a flaky network, a restarted console) changes nothing for
    /// visitors or colleagues. 0: offline at once.
    pub offline_grace_secs: u64,
    /// An operator who goes offline that way hands their active chats back to the queue, so
    /// no visitor waits on someone who left. false: the chats stay theirs until they come back
    /// or a supervisor takes one over.
    pub release_chats: bool,
    /// Seconds after which an active chat closes by itself once its visitor has left the
    /// site and nobody has written in it, unless the visitor's words are the last (they wait
    /// for an answer, which may reach them by e-mail). 0: never.
    pub close_after_left_secs: u64,
}

impl PresenceConfig {
    /// [`Self::close_after_left_secs`] in milliseconds; `None` when chats never close so.
    pub fn close_after_left_ms(&self) -> Option<i64> {
        let secs = i64::try_from(self.close_after_left_secs).unwrap_or(i64::MAX / 1000);
        (secs > 0).then(|| secs.saturating_mul(1000))
    }
}

impl Default for PresenceConfig {
    fn default() -> Self {
        Self {
            offline_grace_secs: 30,
            release_chats: true,
            close_after_left_secs: 1800,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database: PathBuf::from("frontdesk.db"),
            workers: 1,
            storage: StorageConfig::default(),
            limits: Limits::default(),
            login: LoginLimits::default(),
            proxy: ProxyHeaders::default(),
            connections: ConnectionLimits::default(),
            presence: PresenceConfig::default(),
            routing: crate::routing::RoutingConfig::default(),
            widget: WidgetConfig::default(),
            mail: crate::mail::MailConfig::default(),
            site: crate::site::SiteConfig::default(),
            invitations: crate::site::rules::InvitationsConfig::default(),
            files: FilesConfig::default(),
            identity: IdentityConfig::default(),
        }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            synchronous: Synchronous::Normal,
            replay_window: 100_000,
            max_batch: 512,
            commit_window_ms: 25,
            checkpoint_interval_ms: 5000,
            visitor_expiry_days: 30,
            command_memory_days: 7,
        }
    }
}

impl Limits {
    /// Every per-second visitor limit (commands per visitor and per address, frames per
    /// socket) at `per_sec`, and no hourly bound on new chats: for load from one machine,
    /// where all visitors share one address (tests, benchmarks, the load generator's runs).
    pub fn raise_rates(&mut self, per_sec: u32) {
        self.visitor_messages_per_sec = per_sec;
        self.visitor_frames_per_sec = per_sec;
        self.ip_messages_per_sec = per_sec;
        self.new_chats_per_visitor_per_hour = 0;
        self.new_chats_per_ip_per_hour = 0;
    }

    /// The bounds on chats opened, as the store applies them.
    pub fn new_chats(&self) -> crate::store::NewChatLimits {
        crate::store::NewChatLimits {
            per_visitor: self.new_chats_per_visitor_per_hour,
            per_network: self.new_chats_per_ip_per_hour,
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
            visitor_frames_per_sec: 20,
            idle_timeout_secs: 60,
            allowed_origins: Vec::new(),
            new_visitors_per_ip_per_min: 30,
            new_chats_per_visitor_per_hour: 10,
            new_chats_per_ip_per_hour: 100,
        }
    }
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            free_failures_per_account: 5,
            free_failures_per_ip: 20,
            backoff_first_secs: 1,
            backoff_max_secs: 900,
            forget_after_secs: 3600,
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
