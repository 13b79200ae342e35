//! HTTP routes: REST, health and the two WebSockets.

mod after_sync;
mod answers;
mod bearer;
mod client_ip;
mod client_slot;
mod files;
mod files_http;
mod frame_pace;
mod invitations;
mod live;
mod operator_frames;
mod operator_reads;
mod operator_ws;
mod packer;
mod response_headers;
mod rest;
mod search;
mod snapshot;
mod socket;
mod stats;
mod transcripts;
mod visitor_frames;
mod visitor_hello;
mod visitor_ws;
mod widget;
mod widget_asset;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use tokio::sync::watch;

use crate::config::Config;
use crate::connections::Admission;
use crate::files::Uploads;
use crate::hub::Hub;
use crate::limits::RateLimits;
use crate::store::Store;
use crate::throttle::LoginThrottle;

/// Everything a request handler may touch.
pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub hub: Arc<Hub>,
    pub limits: RateLimits,
    /// Connection counts; behind a proxy, requests take their places here.
    pub admission: Arc<Admission>,
    /// Failed logins per account and address.
    pub login: LoginThrottle,
    /// Upload settings and bounds (`files/`).
    pub uploads: Uploads,
    /// Turns true when the server stops; sockets close themselves.
    pub shutdown: watch::Receiver<bool>,
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(rest::health))
        .route("/api/login", post(rest::login))
        .route("/api/logout", post(rest::logout))
        .route("/api/chats", get(transcripts::list))
        .route("/api/chats/{id}/transcript", get(transcripts::transcript))
        .route("/api/events/seq", get(rest::event_seq_at))
        .route("/api/stats", get(stats::stats))
        .route("/api/staffing", get(stats::staffing))
        .route("/api/search", get(search::search))
        .route("/api/invitations/stats", get(invitations::stats))
        .route("/api/files", post(files::operator_upload))
        .route(
            "/api/files/{id}",
            get(files::download).options(files_http::preflight),
        )
        .route(
            "/api/visitor/files",
            post(files::visitor_upload).options(files_http::preflight),
        )
        .route("/ws/visitor", get(visitor_ws::upgrade))
        .route("/ws/operator", get(operator_ws::upgrade))
        .merge(widget::routes())
        // REST bodies are tiny; axum's default would accept 2 MB. Uploads read their body
        // as a stream with their own cap (`[files] max_bytes`), which this does not touch.
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_slot::admit,
        ))
        .layer(middleware::map_response(response_headers::nosniff))
        .with_state(state)
}
