//! Hostile and broken input: each gets its error frame and nothing else breaks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{ErrorCode, OperatorOut, VisitorOut};
use futures_util::StreamExt;

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
    server.server.shutdown().await;
}

#[tokio::test]
async fn oversized_frame_beyond_the_hard_limit_closes_only_that_socket() {
    let server = TestServer::start_with(|c| c.limits.max_frame_bytes = 1024).await;
    let (mut bystander, _) = Visitor::join(&server, None).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    let huge = "x".repeat(64 * 1024);
    let _ = futures_util::SinkExt::send(
        &mut v.ws,
        tokio_tungstenite::tungstenite::Message::text(huge),
    )
    .await;
    // The connection ends with close 1009 rather than buffering 64 KiB per frame.
    let end = tokio::time::timeout(common::WAIT, async {
        loop {
            match v.ws.next().await {
                None | Some(Err(_)) => return None,
                Some(Ok(tokio_tungstenite::tungstenite::Message::Close(frame))) => {
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

#[tokio::test]
async fn silent_socket_is_closed_after_the_idle_timeout() {
    let server = TestServer::start_with(|c| c.limits.idle_timeout_secs = 3).await;
    let (mut silent, _) = Visitor::join(&server, None).await;
    let started = std::time::Instant::now();
    // The test client answers pings automatically only while it reads; it stops reading here,
    // so the server hears nothing back.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    let mut closed = false;
    while let Ok(Some(message)) =
        tokio::time::timeout(std::time::Duration::from_secs(2), silent.ws.next()).await
    {
        match message {
            Ok(tokio_tungstenite::tungstenite::Message::Close(frame)) => {
                let reason = frame.map(|f| f.reason.to_string()).unwrap_or_default();
                assert_eq!(reason, "idle timeout");
                closed = true;
                break;
            }
            Ok(_) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(
        closed,
        "a socket silent for {:?} was kept open",
        started.elapsed()
    );
    server.server.shutdown().await;
}
