//! Files both ways over the real server: a visitor's upload reaches the operator byte for
//! byte and back; uploads over the cap (announced or streamed), of a kind not allowed (HTML
//! named .png, SVG with script) and downloads without rights are refused with JSON errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::rest::{ErrorBody, FileUploaded};
use frontdesk_protocol::{ErrorCode, OperatorRole, VisitorOut};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A PNG signature and header, then `size` more bytes that differ from run to run.
fn png(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    let seed = std::process::id() as usize;
    bytes.extend((0..size).map(|i| (i.wrapping_mul(31) ^ seed.wrapping_add(i >> 8)) as u8));
    bytes
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `%D1%84…`: how clients send a name in `X-File-Name`.
fn encoded(name: &str) -> String {
    name.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn visitor_upload(
    server: &TestServer,
    token: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/visitor/files", server.server.http_url()))
        .header("Authorization", format!("Visitor {token}"))
        .header("X-File-Name", encoded(name))
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn operator_upload(
    server: &TestServer,
    token: &str,
    chat_id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!(
            "{}/api/files?chat={chat_id}",
            server.server.http_url()
        ))
        .bearer_auth(token)
        .header("X-File-Name", encoded(name))
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn download(server: &TestServer, auth: Option<String>, id: i64) -> reqwest::Response {
    let mut req =
        reqwest::Client::new().get(format!("{}/api/files/{id}", server.server.http_url()));
    if let Some(auth) = auth {
        req = req.header("Authorization", auth);
    }
    req.send().await.unwrap()
}

async fn error_of(res: reqwest::Response) -> (StatusCode, ErrorCode, String) {
    let status = res.status();
    let body: ErrorBody = res.json().await.expect("a JSON error body");
    (status, body.code, body.message)
}

fn token_of(welcome: &VisitorOut) -> String {
    match welcome {
        VisitorOut::Welcome { token, .. } => token.clone(),
        other => panic!("{other:?}"),
    }
}

/// Files stored in the server's files folder (the temporary folder aside).
fn stored_files(server: &TestServer) -> Vec<std::path::PathBuf> {
    let dir = server.dir.path().join("frontdesk.files");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let entry = entry.unwrap();
        for file in std::fs::read_dir(entry.path()).unwrap() {
            found.push(file.unwrap().path());
        }
    }
    found
}

#[tokio::test]
async fn a_visitors_file_reaches_the_operator_byte_for_byte_and_the_operators_the_visitor() {
    let server = TestServer::start().await;
    let anna = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &anna).await;
    let (mut visitor, welcome) = Visitor::join(&server, None).await;
    let token = token_of(&welcome);

    // The visitor's file opens a chat, as a first message would.
    let bytes = png(300_000);
    let res = visitor_upload(&server, &token, "../фото заказа.png", bytes.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let up: FileUploaded = res.json().await.unwrap();
    assert_eq!(
        up.attachment.name, "фото заказа.png",
        "the last path part only"
    );
    assert_eq!(up.attachment.mime, "image/png");
    assert_eq!(up.attachment.size, bytes.len() as u64);

    let message = op
        .until(|f| posted(f).map(|(_, m)| m).filter(|m| m.attachment.is_some()))
        .await;
    assert_eq!(message.attachment.as_ref(), Some(&up.attachment));
    assert_eq!(message.text, "фото заказа.png");
    assert_eq!(message.chat_id, up.chat_id);
    let echoed = visitor
        .until(|f| match f {
            VisitorOut::Message { message } if message.attachment.is_some() => {
                Some(message.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(echoed.id, up.message_id);

    let res = download(&server, Some(format!("Bearer {anna}")), up.attachment.id).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "private, no-store");
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    let disposition = h["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE%20"),
        "{disposition}"
    );
    assert_eq!(sha(&res.bytes().await.unwrap()), sha(&bytes));

    // The visitor fetches their own file with their token.
    let res = download(&server, Some(format!("Visitor {token}")), up.attachment.id).await;
    assert_eq!(sha(&res.bytes().await.unwrap()), sha(&bytes));

    // The operator answers with a PDF; it is their answer (the chat is now theirs).
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".repeat(200);
    let res = operator_upload(&server, &anna, up.chat_id, "счёт №7.pdf", pdf.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let answer: FileUploaded = res.json().await.unwrap();
    assert_eq!(answer.attachment.mime, "application/pdf");
    let got = visitor
        .until(|f| match f {
            VisitorOut::Message { message } if message.id == answer.message_id => {
                Some(message.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(got.attachment.as_ref(), Some(&answer.attachment));
    let res = download(
        &server,
        Some(format!("Visitor {token}")),
        answer.attachment.id,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(sha(&res.bytes().await.unwrap()), sha(&pdf));

    // The same bytes again are stored once, under their hash.
    let res = visitor_upload(&server, &token, "again.png", bytes.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let stored = stored_files(&server);
    assert_eq!(
        stored.len(),
        2,
        "the PNG and the PDF, no temporary file: {stored:?}"
    );
    assert!(stored.iter().any(|p| p.ends_with(sha(&bytes))));
}

#[tokio::test]
async fn oversized_and_disallowed_uploads_are_refused_and_leave_nothing() {
    let server = TestServer::start_with(|c| c.files.max_bytes = 64 * 1024).await;
    let (_visitor, welcome) = Visitor::join(&server, None).await;
    let token = token_of(&welcome);

    // Announced too large: refused before the body is read.
    let (status, code, message) =
        error_of(visitor_upload(&server, &token, "big.png", png(100_000)).await).await;
    assert_eq!(
        (status, code),
        (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::FileTooLarge)
    );
    assert!(message.contains("65536"), "{message}");

    // Streamed without a length: refused when the stream passes the cap.
    let (status, body) = chunked_upload(&server, &token, &png(100_000)).await;
    assert_eq!(status, 413, "{body}");
    let body: ErrorBody = serde_json::from_str(&body).unwrap();
    assert_eq!(body.code, ErrorCode::FileTooLarge);

    // The bytes decide, not the name.
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>".to_vec();
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    for (name, bytes) in [
        ("photo.png", html),
        ("logo.svg", svg),
        ("note.png", b"hello".to_vec()),
    ] {
        let (status, code, message) =
            error_of(visitor_upload(&server, &token, name, bytes).await).await;
        assert_eq!(
            (status, code),
            (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::FileTypeNotAllowed
            ),
            "{name}"
        );
        assert!(message.contains("png, jpg, gif, webp, pdf"), "{message}");
    }
    assert!(
        stored_files(&server).is_empty(),
        "nothing stored, no temporary file left: {:?}",
        stored_files(&server)
    );

    // Without a visitor token, or with one nobody has.
    let res = reqwest::Client::new()
        .post(format!("{}/api/visitor/files", server.server.http_url()))
        .body(png(10))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(res).await.1, ErrorCode::Unauthorized);
    let res = visitor_upload(&server, "0123abcd", "x.png", png(10)).await;
    assert_eq!(error_of(res).await.0, StatusCode::UNAUTHORIZED);
}

/// An upload with `Transfer-Encoding: chunked` (no Content-Length), written by hand on a
/// socket; returns the status and the body.
async fn chunked_upload(server: &TestServer, token: &str, bytes: &[u8]) -> (u16, String) {
    let mut socket = tokio::net::TcpStream::connect(server.server.addr)
        .await
        .unwrap();
    let head = format!(
        "POST /api/visitor/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Visitor {token}\r\n\
         X-File-Name: big.png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    for chunk in bytes.chunks(8192) {
        let piece = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        // The server may answer and close before the end: later writes may fail.
        if socket.write_all(&piece).await.is_err() {
            break;
        }
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text[9..12].parse().unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
    // A chunked answer body: take the JSON object out of it.
    let json = body
        .find('{')
        .and_then(|s| body.rfind('}').map(|e| body[s..=e].to_owned()))
        .unwrap_or_default();
    (status, json)
}

#[tokio::test]
async fn downloads_need_rights_on_the_files_chat() {
    let server = TestServer::start().await;
    let anna = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let boris = server
        .operator_token_as("boris", "Борис", OperatorRole::Operator)
        .await;
    let lead = server
        .operator_token_as("lead", "Lead", OperatorRole::Supervisor)
        .await;
    let (_owner, welcome) = Visitor::join(&server, None).await;
    let owner = token_of(&welcome);
    let (_other, welcome) = Visitor::join(&server, None).await;
    let other = token_of(&welcome);

    let res = visitor_upload(&server, &owner, "scan.png", png(1000)).await;
    let up: FileUploaded = res.json().await.unwrap();
    // Anna takes the chat by answering it: from now on it is hers.
    let res = operator_upload(&server, &anna, up.chat_id, "answer.png", png(2000)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let id = up.attachment.id;

    let (status, code, _) = error_of(download(&server, None, id).await).await;
    assert_eq!(
        (status, code),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
    let (status, code, _) =
        error_of(download(&server, Some(format!("Visitor {other}")), id).await).await;
    assert_eq!((status, code), (StatusCode::NOT_FOUND, ErrorCode::NotFound));
    let (status, code, _) =
        error_of(download(&server, Some("Visitor not-a-token".into()), id).await).await;
    assert_eq!(
        (status, code),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
    let (status, code, _) =
        error_of(download(&server, Some(format!("Bearer {boris}")), id).await).await;
    assert_eq!(
        (status, code),
        (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    );
    let (status, code, _) =
        error_of(download(&server, Some(format!("Bearer {anna}")), 9999).await).await;
    assert_eq!((status, code), (StatusCode::NOT_FOUND, ErrorCode::NotFound));

    // Boris may not post into Anna's chat either; the supervisor may read it.
    let res = operator_upload(&server, &boris, up.chat_id, "x.png", png(10)).await;
    assert_eq!(error_of(res).await.0, StatusCode::FORBIDDEN);
    for token in [&anna, &lead] {
        let res = download(&server, Some(format!("Bearer {token}")), id).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = download(&server, Some(format!("Visitor {owner}")), id).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// Visitors' files must never take the room the messages need: past the reserve, uploads are
/// refused with a clear error, nothing is written, and the chat goes on in words.
#[tokio::test]
async fn uploads_stop_while_the_disk_is_nearly_full() {
    // No disk has this much free, so the reserve is always short.
    let server = TestServer::start_with(|c| c.files.min_free_bytes = u64::MAX / 2).await;
    let (mut visitor, welcome) = Visitor::join(&server, None).await;
    let token = token_of(&welcome);
    let res = visitor_upload(&server, &token, "photo.png", png(1_000)).await;
    let (status, code, message) = error_of(res).await;
    assert_eq!(
        (status, code),
        (StatusCode::INSUFFICIENT_STORAGE, ErrorCode::Internal)
    );
    assert!(message.contains("no room for files"), "{message}");
    assert!(stored_files(&server).is_empty());
    assert!(matches!(
        visitor.say("m", "Фото не уходит, опишу словами").await,
        VisitorOut::Ack { .. }
    ));
}
