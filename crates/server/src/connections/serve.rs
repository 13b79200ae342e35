//! The accept loop. `axum::serve` has no settings, so the server runs hyper's HTTP/1 itself:
//! a header timeout (hyper arms it whenever a connection waits for a request's head, so it
//! also ends idle keep-alive connections), connection caps checked right after accept, and
//! the same graceful stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_service::Service;

use super::Admission;
use super::counted::CountedStream;

/// Largest read buffer of a connection (hyper's default is ~400 KiB). It also bounds a
/// request's head; a body streams through it whatever its size.
const READ_BUFFER_MAX: usize = 64 * 1024;

/// What the accept loop needs besides the listener and the routes.
pub struct Serving {
    pub admission: Arc<Admission>,
    pub header_timeout: Duration,
    /// Count each TCP peer's address at accept; off behind a proxy, whose address every
    /// connection has (requests are counted by the forwarded address instead).
    pub count_peer_address: bool,
    /// Turns true when the server stops.
    pub stop: watch::Receiver<bool>,
}

/// Accepts until `stop`, then waits for the HTTP connections to finish (WebSockets close
/// themselves on the same signal).
pub async fn serve(listener: TcpListener, router: Router, serving: Serving) {
    let Serving {
        admission,
        header_timeout,
        count_peer_address,
        mut stop,
    } = serving;
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(READ_BUFFER_MAX);
    // Each connection task holds a receiver; all of them gone means all finished.
    let (finished, running) = watch::channel(());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stopped(&mut stop) => break,
        };
        let (tcp, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                accept_failed(&e).await;
                continue;
            }
        };
        // Refused: dropping the stream closes it, before a byte is read.
        let Ok(slot) = admission.connection(count_peer_address.then_some(peer.ip())) else {
            continue;
        };
        // Small frames both ways: without NODELAY, Nagle + delayed ACKs add ~40 ms a message.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY");
        }
        let connection = connection(
            http.clone(),
            CountedStream::new(tcp, slot),
            peer,
            router.clone(),
            stop.clone(),
        );
        let running = running.clone();
        tokio::spawn(async move {
            connection.await;
            drop(running);
        });
    }
    drop(listener);
    drop(running);
    finished.closed().await;
}

/// Serves one connection's requests, upgrades included, until it closes or the server stops.
async fn connection(
    http: http1::Builder,
    io: CountedStream,
    peer: SocketAddr,
    router: Router,
    mut stop: watch::Receiver<bool>,
) {
    let service = service_fn(move |mut request: hyper::Request<Incoming>| {
        // What `ConnectInfo<SocketAddr>` extractors read.
        request.extensions_mut().insert(ConnectInfo(peer));
        let mut router = router.clone();
        async move { router.call(request).await }
    });
    let connection = http
        .serve_connection(TokioIo::new(io), service)
        .with_upgrades();
    let mut connection = std::pin::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        () = stopped(&mut stop) => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result {
        tracing::debug!(%peer, error = %e, "connection ended");
    }
}

/// Waits for the stop signal (the borrow of its value ends here, keeping callers `Send`).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// A failed accept. Out of files (which the caps should prevent) or the like: wait a moment
/// rather than spin, as hyper and axum do.
async fn accept_failed(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::error!(%error, "accept failed; retrying in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
