//! Frontdesk chat server: visitor and operator WebSockets, REST login, SQLite storage.
//!
//! [`start`] opens the database, binds and spawns everything; the returned [`RunningServer`]
//! says where it listens and shuts it down. The binary (`main.rs`) is a thin CLI over this.
//!
//! Module map: `config` (TOML settings) · `store` (SQLite: one batching writer, reader pool,
//! events) · `hub` (fan-out to sockets, presence) · `routes` (REST + WebSockets) ·
//! `routing` (departments, routing modes) · `files` (uploads: kinds, names, to disk) ·
//! `limits` (rate limits) · `auth` (tokens, argon2) · `referrer` (search query from referrer) ·
//! `mail` (offline answers by e-mail) · `site` (who is on the site now, invitations).

pub mod auth;
pub mod completions;
mod operators;
pub use operators::{
    add_operator, set_operator_disabled, set_operator_display_name, set_operator_password,
    set_operator_role,
};
pub mod config;
mod connections;
pub mod files;
pub mod hub;
mod limits;
pub mod mail;
mod referrer;
mod routes;
pub mod routing;
pub mod search;
pub mod site;
pub mod stats;
pub mod store;
mod throttle;
mod visitor_queue;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use frontdesk_protocol::OperatorRole;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::Config;
pub use store::PAGES_KEPT;
use store::{Cmd, Store};

/// A server running inside this process.
pub struct RunningServer {
    pub addr: SocketAddr,
    store: Store,
    shutdown: watch::Sender<bool>,
    server: JoinHandle<()>,
    maintenance: JoinHandle<()>,
    /// Sends answers to offline messages by e-mail; `None` when `[mail]` is off.
    mailer: Option<JoinHandle<()>>,
    site: JoinHandle<()>,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT` — base for REST; WebSockets are at `ws://…/ws/{visitor,operator}`.
    pub fn http_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `ws://127.0.0.1:PORT`
    pub fn ws_url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// Creates an operator account (argon2 hash); returns its id.
    pub async fn add_operator(
        &self,
        name: &str,
        display_name: &str,
        password: &str,
        role: OperatorRole,
    ) -> anyhow::Result<i64> {
        add_operator(&self.store, name, display_name, password, role).await
    }

    /// Gives an account another name shown to visitors, as `operator display-name` does.
    pub async fn set_operator_display_name(
        &self,
        name: &str,
        display_name: &str,
    ) -> anyhow::Result<i64> {
        set_operator_display_name(&self.store, name, display_name).await
    }

    /// Disables an account or enables it again, as `operator disable` / `enable` do.
    pub async fn set_operator_disabled(&self, name: &str, disabled: bool) -> anyhow::Result<i64> {
        set_operator_disabled(&self.store, name, disabled).await
    }

    /// Stops accepting, closes sockets, finishes queued writes.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        if tokio::time::timeout(Duration::from_secs(5), self.server)
            .await
            .is_err()
        {
            tracing::warn!("connections did not close within 5 s");
        }
        self.maintenance.abort();
        if let Some(mailer) = self.mailer {
            // An e-mail in flight stays queued and is sent again after the restart.
            mailer.abort();
        }
        self.site.abort();
        self.store.close().await;
    }
}

/// Opens the database (creating and migrating it) and the writer, wired to `hub`.
pub async fn open_store(config: &Config, hub: Arc<hub::Hub>) -> anyhow::Result<Store> {
    config.routing.check().map_err(anyhow::Error::msg)?;
    config.mail.check().map_err(anyhow::Error::msg)?;
    config.identity.check().map_err(anyhow::Error::msg)?;
    let mail = config.mail.enabled().then(|| store::MailBatching {
        batch_ms: i64::try_from(config.mail.batch_secs.saturating_mul(1000)).unwrap_or(i64::MAX),
    });
    let sink_hub = hub.clone();
    Store::open(
        &config.database,
        &config.storage,
        &config.routing,
        mail,
        config.limits.new_chats(),
        Arc::new(move |events| sink_hub.publish(events)),
    )
    .await
    .with_context(|| format!("opening the database {}", config.database.display()))
}

/// Opens the database and serves on `config.listen`.
pub async fn start(config: Config) -> anyhow::Result<RunningServer> {
    let hub = Arc::new(hub::Hub::default());
    hub.site.configure(&config.site, &config.invitations);
    let store = open_store(&config, hub.clone()).await?;
    let holders = match store.run(Cmd::ResetPresence).await? {
        store::Reply::Holding(ids) => ids,
        other => anyhow::bail!("resetting presence answered {other:?}"),
    };
    hub.set_head(store.head_seq().await?);
    hub.release_absent_after_restart(&store, holders, &config.presence);

    // The first unknown name at login must not take longer than later ones.
    tokio::task::spawn_blocking(auth::warm_up).await?;

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("binding {}", config.listen))?;
    let addr = listener.local_addr()?;
    let (shutdown, shutdown_rx) = watch::channel(false);
    let checkpoint_every = Duration::from_millis(config.storage.checkpoint_interval_ms.max(10));
    let admission = connections::Admission::within_open_files(&config.connections);
    let serving = connections::Serving {
        admission: admission.clone(),
        header_timeout: Duration::from_secs(config.connections.header_timeout_secs.max(1)),
        count_peer_address: config.proxy.client_ip.is_none(),
        stop: shutdown_rx.clone(),
    };
    let uploads = files::Uploads::new(&config).map_err(anyhow::Error::msg)?;
    let state = Arc::new(routes::AppState {
        uploads,
        limits: limits::RateLimits::new(&config.limits),
        admission,
        login: throttle::LoginThrottle::new(&config.login),
        config,
        store: store.clone(),
        hub,
        shutdown: shutdown_rx.clone(),
    });
    // Before serving: a `[mail]` the transport cannot be built from fails the start.
    let mailer = mail::spawn(&state.config.mail, store.clone())?;
    let server = tokio::spawn(connections::serve(
        listener,
        routes::router(state.clone()),
        serving,
    ));
    let site = tokio::spawn(site_ticks(
        state.hub.clone(),
        state.store.clone(),
        state.config.invitations.once_per_hours,
    ));
    let mut visitor_expiry = store::expiry::Sweeper::new(state.config.storage.visitor_expiry_days);
    let pruner = store::prune::Pruner::new(
        state.config.storage.replay_window,
        state.config.storage.command_memory_days,
    );
    let maintenance = tokio::spawn(async move {
        let mut tick = tokio::time::interval(checkpoint_every);
        // Department chats open to everyone on time (`[routing] fallback_secs`).
        let mut route_tick = tokio::time::interval(Duration::from_secs(1));
        // Files no message keeps (a refused command's upload): an hour after they came.
        let mut files_tick = tokio::time::interval(files::orphans::EVERY);
        let departments = !state.config.routing.departments.is_empty();
        // Chats gone quiet since their visitor left close (`[presence] close_after_left_secs`).
        let mut quiet_tick = tokio::time::interval(Duration::from_secs(1));
        let mut quieter = store::quiet_close::Quieter::new(&state.config.presence);
        // Accounts changed from the command line reach the consoles (`store/roster.rs`).
        let mut roster_tick = tokio::time::interval(store::roster::EVERY);
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    state.store.checkpoint().await;
                    visitor_expiry.pass(&state.store).await;
                    store::search_index::pass(&state.store).await;
                    store::chat_facts::pass(&state.store).await;
                    pruner.pass(&state.store).await;
                    state.limits.forget_idle();
                    state.admission.report_refusals();
                    state.login.forget_idle();
                    state.uploads.forget_idle();
                }
                _ = files_tick.tick() => sweep_orphan_files(&state).await,
                _ = route_tick.tick(), if departments => {
                    if let Err(e) = state.store.run(Cmd::RouteTick).await {
                        tracing::warn!(error = %e, "routing fallback pass failed");
                    }
                }
                _ = quiet_tick.tick(), if quieter.enabled() => quieter.pass(&state.store).await,
                _ = roster_tick.tick() => store::roster::pass(&state.store).await,
            }
        }
    });
    tracing::info!(%addr, "listening");
    Ok(RunningServer {
        addr,
        store,
        shutdown,
        server,
        maintenance,
        mailer,
        site,
    })
}

/// The on-site list's timer: visitors who left go, changes go to watchers, an invitation
/// whose visitor left is recorded as lapsed, and automatic invitations that came due are sent.
async fn site_ticks(hub: Arc<hub::Hub>, store: Store, once_per_hours: u32) {
    let mut tick = tokio::time::interval(Duration::from_millis(site::TICK_MS));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let period_ms = i64::from(once_per_hours) * 3_600_000;
    loop {
        tick.tick().await;
        let due = hub.site.tick(store::now_ms(), hub.any_operator_online());
        // Every console: whether a chat's visitor is on the site is no secret of the chat's
        // readers (the chat itself is in every snapshot), and it is cheap to tell.
        for (chat_id, left_at) in due.left {
            site::announce::presence(&store, chat_id, Some(left_at)).await;
        }
        for chat_id in due.taken_while_away {
            site::announce::away_when_taken(&store, chat_id).await;
        }
        for visitor_id in due.lapsed {
            if let Err(e) = store.run(Cmd::LapseInvitation { visitor_id }).await {
                tracing::warn!(visitor_id, error = %e, "could not record a lapsed invitation");
            }
        }
        for auto in due.invite {
            let request = store::InviteRequest {
                operator_id: None,
                visitor_id: auto.visitor_id,
                text: auto.text,
                rule: Some(auto.rule),
                client_id: None,
                period_ms: Some(period_ms),
            };
            // Refusals are expected (invited within the period, chatting since, nobody
            // online any more): the rule simply does not fire.
            if let Err(e) = site::invite::send(&hub, &store, request).await {
                tracing::debug!(visitor_id = auto.visitor_id, error = %e, "automatic invitation not sent");
            }
        }
    }
}

/// One pass of `files/orphans.rs`: a file is kept while the database cannot be asked.
async fn sweep_orphan_files(state: &routes::AppState) {
    let uploads = &state.uploads;
    let kept = |sha256: String| async move { state.store.file_kept(&sha256).await.unwrap_or(true) };
    match files::orphans::sweep(
        &uploads.dir,
        &uploads.placing,
        files::orphans::MIN_AGE,
        kept,
    )
    .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(files = n, "deleted stored files no message keeps"),
        Err(e) => tracing::warn!(error = %e, "sweeping unkept files failed"),
    }
}
