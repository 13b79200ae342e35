//! Hostile and broken input: each gets its error frame and nothing else breaks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::pin::Pin;
use std::task::{Context, Poll};

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{ErrorCode, OperatorOut, VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

fn code(frame: &VisitorOut) -> Option<ErrorCode> {
    match frame {
        VisitorOut::Error { code, .. } => Some(*code),
        _ => None,
    }
}

#[tokio::test]
async fn bad_frames_get_errors_and_the_socket_lives_on() {
    let server = TestServer::start_with(|c| c.limits.max_frame_bytes = 1024).await;
    let (mut bystander, _) = Visitor::join(&server, None).await;
    let (mut v, _) = Visitor::join(&server, None).await;

    v.send_raw("{not json").await;
    assert_eq!(code(&v.recv().await), Some(ErrorCode::MalformedJson));
    v.send_raw(r#"{"v":1,"type":"teleport","id":"t"}"#).await;
    assert_eq!(code(&v.recv().await), Some(ErrorCode::UnknownType));
    v.send_raw(r#"{"v":1,"type":"message","id":"no-text"}"#)
        .await;
    assert_eq!(code(&v.recv().await), Some(ErrorCode::InvalidFrame));
    v.send_raw(r#"{"v":7,"type":"ping"}"#).await;
    assert_eq!(code(&v.recv().await), Some(ErrorCode::UnsupportedVersion));
    let big = format!(
        r#"{{"v":1,"type":"message","id":"big","text":"{}"}}"#,
        "я".repeat(1500)
    );
    v.send_raw(&big).await;
    assert_eq!(code(&v.recv().await), Some(ErrorCode::FrameTooLarge));
    let long = format!(
        r#"{{"v":1,"type":"message","id":"long","text":"{}"}}"#,
        "a".repeat(900)
    );
    let server_limit = frontdesk_server::Config::default().limits.max_message_chars;
    assert!(
        900 < server_limit,
        "this case checks the frame limit path above"
    );
    v.send_raw(&long).await;
    let acked = v
        .until(|f| match f {
            VisitorOut::Ack { id, .. } if id == "long" => Some(true),
            VisitorOut::Error { .. } => Some(false),
            _ => None,
        })
        .await;
    assert!(acked, "a frame under the limit was refused");

    // Still alive, and so is everyone else.
    assert!(matches!(
        v.say("ok", "still here").await,
        VisitorOut::Ack { .. }
    ));
    assert!(matches!(
        bystander.say("b", "me too").await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}

#[tokio::test]
async fn message_length_limit() {
    let server = TestServer::start_with(|c| c.limits.max_message_chars = 10).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    assert_eq!(
        code(&v.say("l", "одиннадцать").await),
        Some(ErrorCode::MessageTooLong)
    );
    assert!(matches!(
        v.say("s", "десять.").await,
        VisitorOut::Ack { .. }
    ));
    // Operators are told the limit in `welcome`, so a console keeps a longer reply instead of
    // sending it to be refused.
    let token = server.operator_token("anna").await;
    let mut op = Operator::join(&server, &token, None).await;
    let limit = op
        .until(|f| match f {
            OperatorOut::Welcome {
                max_message_chars, ..
            } => Some(*max_message_chars),
            _ => None,
        })
        .await;
    assert_eq!(limit, Some(10));
    server.server.shutdown().await;
}

#[tokio::test]
async fn oversized_frame_beyond_the_hard_limit_closes_only_that_socket() {
    let server = TestServer::start_with(|c| c.limits.max_frame_bytes = 1024).await;
    let (mut bystander, _) = Visitor::join(&server, None).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    let huge = "x".repeat(64 * 1024);
    let _ = v.ws.send(Message::text(huge)).await;
    // The connection ends with close 1009 rather than buffering 64 KiB per frame.
    let end = tokio::time::timeout(common::WAIT, async {
        loop {
            match v.ws.next().await {
                None | Some(Err(_)) => return None,
                Some(Ok(Message::Close(frame))) => {
                    return frame.map(|f| u16::from(f.code));
                }
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(
        end.expect("socket stayed open after a 64 KiB frame"),
        Some(1009),
        "the close frame says the frame was too big"
    );
    assert!(matches!(
        bystander.say("b", "fine").await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}

#[tokio::test]
async fn flood_is_rate_limited_per_visitor_and_others_keep_working() {
    let server = TestServer::start_with(|c| {
        c.limits.visitor_messages_per_sec = 3;
        c.limits.ip_messages_per_sec = 1000;
    })
    .await;
    let (mut flooder, _) = Visitor::join(&server, None).await;
    let (mut calm, _) = Visitor::join(&server, None).await;
    let mut limited = 0;
    let mut retry = 0;
    for i in 0..30 {
        let answer = flooder.say(&format!("f{i}"), "spam").await;
        if let VisitorOut::Error {
            code: ErrorCode::RateLimited,
            retry_after_ms,
            ..
        } = answer
        {
            limited += 1;
            retry = retry_after_ms.unwrap_or(0);
        }
    }
    assert!(
        limited >= 20,
        "only {limited} of 30 flood messages were limited"
    );
    assert!(retry > 0);
    assert!(matches!(
        calm.say("c", "hello").await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}

#[tokio::test]
async fn per_address_limit_covers_many_visitors() {
    let server = TestServer::start_with(|c| {
        c.limits.visitor_messages_per_sec = 1000;
        c.limits.visitor_frames_per_sec = 1000;
        c.limits.ip_messages_per_sec = 2;
    })
    .await;
    let mut limited = false;
    for i in 0..10 {
        let (mut v, _) = Visitor::join(&server, None).await;
        if code(&v.say(&format!("x{i}"), "hi").await) == Some(ErrorCode::RateLimited) {
            limited = true;
        }
    }
    assert!(
        limited,
        "ten visitors from one address were never limited at 2/s"
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn origin_outside_the_allow_list_is_refused() {
    let server = TestServer::start_with(|c| {
        c.limits.allowed_origins = vec!["https://shop.example".into()];
    })
    .await;
    let connect = |origin: &'static str| {
        let url = server.url("/ws/visitor");
        async move {
            let mut req =
                tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(url)
                    .unwrap();
            req.headers_mut().insert("Origin", origin.parse().unwrap());
            let (ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
            common::Visitor {
                ws,
                _dir: std::marker::PhantomData,
            }
        }
    };
    let mut evil = connect("https://evil.example").await;
    assert_eq!(code(&evil.recv().await), Some(ErrorCode::OriginNotAllowed));
    let mut good = connect("https://shop.example").await;
    good.send(&frontdesk_protocol::VisitorIn::Hello {
        token: None,
        site: None,
        language: None,
    })
    .await;
    assert!(matches!(good.recv().await, VisitorOut::Welcome { .. }));
    server.server.shutdown().await;
}

#[tokio::test]
async fn operator_socket_needs_hello_and_a_valid_token() {
    let server = TestServer::start().await;
    let mut op = Operator::join(&server, "not-a-token", None).await;
    let answer = op.recv().await;
    assert!(
        matches!(
            answer,
            OperatorOut::Error {
                code: ErrorCode::Unauthorized,
                ..
            }
        ),
        "{answer:?}"
    );
    let mut op = Operator::connect(&server.url("/ws/operator")).await;
    op.send_raw(r#"{"v":1,"type":"ping"}"#).await;
    let answer = op.recv().await;
    assert!(
        matches!(
            answer,
            OperatorOut::Error {
                code: ErrorCode::HelloRequired,
                ..
            }
        ),
        "{answer:?}"
    );
    server.server.shutdown().await;
}

/// A TCP stream whose writes can be switched off. tungstenite answers every ping it reads
/// with a pong of its own (flushed on the next read; there is no setting to stop it), so a
/// client that reads to see the close would not be silent. Muted, the stream drops what the
/// client writes and counts it, and the test can read the socket at leisure while the server
/// hears nothing at all.
struct Mutable {
    tcp: TcpStream,
    muted: bool,
    dropped: usize,
}

impl AsyncRead for Mutable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for Mutable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if self.muted {
            self.dropped += buf.len();
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.tcp).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if self.muted {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if self.muted {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

#[tokio::test]
async fn silent_socket_is_closed_after_the_idle_timeout() {
    // The shortest timeout the server takes (it raises anything lower to 3 s; whole seconds
    // only). The server pings every second and closes once nothing came back for 3 s.
    let server = TestServer::start_with(|c| c.limits.idle_timeout_secs = 3).await;
    let tcp = TcpStream::connect(server.server.addr).await.unwrap();
    let stream = Mutable {
        tcp,
        muted: false,
        dropped: 0,
    };
    let (mut ws, _) = tokio_tungstenite::client_async(server.url("/ws/visitor"), stream)
        .await
        .unwrap();
    let hello = VisitorIn::Hello {
        token: None,
        site: None,
        language: None,
    };
    ws.send(Message::text(encode(&hello))).await.unwrap();
    let welcome = loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => break decode::<VisitorOut>(&text).unwrap(),
            Some(Ok(_)) => {}
            other => panic!("no welcome: {other:?}"),
        }
    };
    assert!(matches!(welcome, VisitorOut::Welcome { .. }), "{welcome:?}");

    // From here on the client says nothing, pongs included; it only reads, until the close
    // or a deadline far past the timeout.
    ws.get_mut().muted = true;
    let mut pings = 0;
    let close = tokio::time::timeout(common::WAIT, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Close(frame))) => return frame,
                Some(Ok(Message::Ping(_))) => pings += 1,
                Some(Ok(_)) => {}
                Some(Err(e)) => panic!("a socket error instead of the idle close: {e}"),
                None => panic!("the socket ended without a close frame"),
            }
        }
    })
    .await
    .expect("a silent socket was kept open past the idle timeout");
    let close = close.expect("the close frame has a code and a reason");
    assert_eq!(
        (u16::from(close.code), close.reason.as_str()),
        (1000, "idle timeout")
    );
    assert!(pings > 0, "the server pinged before giving up");
    assert!(
        ws.get_ref().dropped > 0,
        "the client's pongs were held back (else it was not silent by choice)"
    );
    server.server.shutdown().await;
}
