//! Slow, silent and too many connections: each is closed or refused in time, and the server
//! keeps answering everyone else. Sockets come from several loopback addresses (127.0.0.x
//! are all this machine) so one address can fill its share while another is served.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::net::Ipv4Addr;
use std::time::Duration;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{VisitorIn, VisitorOut};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";

/// A TCP connection to the server from `from` (any 127.x.y.z address).
async fn tcp_from(server: &TestServer, from: Ipv4Addr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind((from, 0).into()).unwrap();
    socket.connect(server.server.addr).await.unwrap()
}

/// Whether the server ends the connection within `wait` (anything it writes first is read
/// and dropped).
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(wait, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// Asks `/healthz` on an open connection; the status line's code, `None` if it was closed.
async fn healthz_on(stream: &mut TcpStream) -> Option<u16> {
    stream.write_all(HEALTHZ).await.ok()?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    tokio::time::timeout(common::WAIT, async {
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&answer);
        text.split(' ').nth(1)?.parse().ok()
    })
    .await
    .expect("an answer or a close before the deadline")
}

/// `/healthz` on a fresh connection from `from`.
async fn healthz_from(server: &TestServer, from: Ipv4Addr) -> Option<u16> {
    healthz_on(&mut tcp_from(server, from).await).await
}

/// Retries `/healthz` from `from` until it is served (or [`common::WAIT`] has passed): a
/// closed socket frees its place a moment after the client lets go.
async fn eventually_served(server: &TestServer, from: Ipv4Addr) -> bool {
    let deadline = tokio::time::Instant::now() + common::WAIT;
    while tokio::time::Instant::now() < deadline {
        if healthz_from(server, from).await == Some(200) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// The close frame's code and reason, if the socket is closed with one within `wait`.
async fn close_frame<S>(ws: &mut S, wait: Duration) -> Option<(u16, String)>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await.ok()?? {
            Ok(Message::Close(frame)) => {
                return frame.map(|f| (u16::from(f.code), f.reason.to_string()));
            }
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

const LOCAL: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
const CROWD: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
const OTHER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 3);

#[tokio::test]
async fn half_sent_headers_are_closed_after_the_header_timeout() {
    let server = TestServer::start_with(|c| c.connections.header_timeout_secs = 1).await;
    let mut slow = tcp_from(&server, LOCAL).await;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ")
        .await
        .unwrap();
    assert!(
        closed_within(&mut slow, Duration::from_secs(3)).await,
        "a connection that never finished its headers was kept open"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_timeout() {
    let server = TestServer::start_with(|c| c.connections.header_timeout_secs = 1).await;
    let mut silent = tcp_from(&server, LOCAL).await;
    assert!(
        closed_within(&mut silent, Duration::from_secs(3)).await,
        "a connection that sent nothing was kept open"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let server = TestServer::start_with(|c| c.connections.header_timeout_secs = 1).await;
    let mut kept = tcp_from(&server, LOCAL).await;
    assert_eq!(healthz_on(&mut kept).await, Some(200));
    assert!(
        closed_within(&mut kept, Duration::from_secs(3)).await,
        "an idle keep-alive connection was kept open"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_visitor_socket_that_never_says_hello_is_closed_with_1008() {
    let server = TestServer::start_with(|c| c.connections.hello_timeout_secs = 1).await;
    let mut quiet = Visitor::connect(&server.url("/ws/visitor")).await;
    assert_eq!(
        close_frame(&mut quiet.ws, Duration::from_secs(4)).await,
        Some((1008, "hello timeout".to_owned()))
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn an_operator_socket_that_never_says_hello_is_closed_with_1008() {
    let server = TestServer::start_with(|c| c.connections.hello_timeout_secs = 1).await;
    let mut quiet = Operator::connect(&server.url("/ws/operator")).await;
    assert_eq!(
        close_frame(&mut quiet.ws, Duration::from_secs(4)).await,
        Some((1008, "hello timeout".to_owned()))
    );
    server.server.shutdown().await;
}

/// Before `hello` a socket is read without the frame pace of a session, and WebSocket pings
/// are answered by the transport itself: a client that pings instead of saying hello is closed
/// at once rather than served pongs until the hello timeout.
#[tokio::test]
async fn a_socket_that_pings_instead_of_saying_hello_is_closed_with_1008() {
    use futures_util::SinkExt;
    let server = TestServer::start_with(|c| c.connections.hello_timeout_secs = 30).await;
    for path in ["/ws/visitor", "/ws/operator"] {
        // Only its WebSocket is used: the frames are the transport's own.
        let mut pinger = Visitor::connect(&server.url(path)).await;
        for n in 0..100u8 {
            if pinger.ws.send(Message::Ping(vec![n].into())).await.is_err() {
                break;
            }
        }
        assert_eq!(
            close_frame(&mut pinger.ws, Duration::from_secs(5)).await,
            Some((1008, "hello required".to_owned())),
            "{path}"
        );
    }
    server.server.shutdown().await;
}

#[tokio::test]
async fn one_address_over_its_cap_is_refused_while_others_are_served() {
    let server = TestServer::start_with(|c| c.connections.max_per_address = 3).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(tcp_from(&server, CROWD).await);
    }
    let mut over = tcp_from(&server, CROWD).await;
    // A short deadline on purpose: the header timeout (10 s) would close it anyway, later.
    assert!(
        closed_within(&mut over, Duration::from_secs(1)).await,
        "a fourth connection from one address was kept"
    );
    assert_eq!(healthz_from(&server, OTHER).await, Some(200));
    assert_eq!(
        healthz_on(&mut held[0]).await,
        Some(200),
        "the first three are served"
    );
    held.pop();
    assert!(
        eventually_served(&server, CROWD).await,
        "a closed connection did not free its place"
    );
    server.server.shutdown().await;
}

/// A visitor socket whose upgrade request carries `X-Real-IP: ip`.
async fn visitor_via_proxy(
    server: &TestServer,
    ip: &str,
) -> Result<Visitor, tokio_tungstenite::tungstenite::Error> {
    let mut req = server.url("/ws/visitor").into_client_request().unwrap();
    req.headers_mut().insert("X-Real-IP", ip.parse().unwrap());
    let (ws, _) = tokio_tungstenite::connect_async(req).await?;
    let mut v = Visitor {
        ws,
        _dir: std::marker::PhantomData,
    };
    v.send(&VisitorIn::Hello {
        token: None,
        site: None,
        language: None,
    })
    .await;
    assert!(matches!(v.recv().await, VisitorOut::Welcome { .. }));
    Ok(v)
}

fn refused_status(result: Result<Visitor, tokio_tungstenite::tungstenite::Error>) -> u16 {
    match result {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(e) => panic!("refused without an HTTP answer: {e}"),
        Ok(_) => panic!("a socket over the per-address cap was accepted"),
    }
}

#[tokio::test]
async fn behind_a_proxy_the_cap_counts_the_forwarded_address() {
    let server = TestServer::start_with(|c| {
        c.proxy.client_ip = Some("X-Real-IP".into());
        c.connections.max_per_address = 2;
    })
    .await;
    let first = visitor_via_proxy(&server, "203.0.113.7").await.unwrap();
    let _second = visitor_via_proxy(&server, "203.0.113.7").await.unwrap();
    assert_eq!(
        refused_status(visitor_via_proxy(&server, "203.0.113.7").await),
        503
    );
    // Every connection comes from the proxy's own address; only the forwarded one counts.
    let _other = visitor_via_proxy(&server, "203.0.113.8").await.unwrap();
    assert_eq!(healthz_from(&server, LOCAL).await, Some(200));

    drop(first);
    let deadline = tokio::time::Instant::now() + common::WAIT;
    loop {
        if visitor_via_proxy(&server, "203.0.113.7").await.is_ok() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "a closed socket did not free its address's place"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.server.shutdown().await;
}

#[tokio::test]
async fn the_total_cap_counts_open_websockets_until_they_close() {
    let server = TestServer::start_with(|c| c.connections.max_open = 3).await;
    let mut visitors = Vec::new();
    for _ in 0..3 {
        visitors.push(Visitor::join(&server, None).await.0);
    }
    let mut over = tcp_from(&server, OTHER).await;
    // Short on purpose, as above: refused at once, not after the header timeout.
    assert!(
        closed_within(&mut over, Duration::from_secs(1)).await,
        "a connection over the total cap was kept"
    );
    let mut leaving = visitors.pop().unwrap();
    futures_util::SinkExt::close(&mut leaving.ws).await.unwrap();
    drop(leaving);
    assert!(
        eventually_served(&server, OTHER).await,
        "a closed WebSocket did not free its place"
    );
    server.server.shutdown().await;
}
