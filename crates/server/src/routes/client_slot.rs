//! The per-address connection cap behind a proxy. Every connection then comes from the
//! proxy's address, so instead of counting connections at accept, each request takes a
//! place for the forwarded client address (the one rate limits use) while it runs, and a
//! WebSocket keeps its request's place for as long as it stays open.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::rest::ErrorBody;

use super::AppState;
use super::client_ip::client_ip;
use crate::connections::Slot;

/// The place a request holds; a WebSocket handler moves it into its session.
#[derive(Clone)]
pub struct ClientSlot(#[allow(dead_code)] Arc<Slot>);

/// Seconds a refused client is asked to wait before trying again.
const RETRY_AFTER_SECS: &str = "5";

pub async fn admit(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    // Without a proxy the accept loop has counted this connection's address already.
    if app.config.proxy.client_ip.is_none() {
        return next.run(request).await;
    }
    let ip = client_ip(request.headers(), &app.config.proxy, peer);
    match app.admission.client(ip) {
        Ok(slot) => {
            request.extensions_mut().insert(ClientSlot(Arc::new(slot)));
            next.run(request).await
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                (header::RETRY_AFTER, RETRY_AFTER_SECS),
                (header::CONNECTION, "close"),
            ],
            Json(ErrorBody {
                code: ErrorCode::RateLimited,
                message: format!(
                    "too many connections from your address: at most {} at once",
                    app.admission.max_per_address()
                ),
            }),
        )
            .into_response(),
    }
}

pin_project_lite::pin_project! {
    /// A WebSocket session holding its request's place (if it took one) until it ends.
    ///
    /// A plain future rather than an `async fn`: one of those keeps a future it is given by
    /// value twice (its argument and the future it awaits), which doubled what an idle
    /// socket costs; boxing the session instead costs an allocation per socket.
    pub struct Holding<F> {
        #[pin]
        session: F,
        slot: Option<Extension<ClientSlot>>,
    }
}

impl<F: Future> Future for Holding<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.project().session.poll(cx)
    }
}

/// Runs `session` while it holds `slot`.
pub fn holding<F: Future>(slot: Option<Extension<ClientSlot>>, session: F) -> Holding<F> {
    Holding { session, slot }
}
