//! Memory of a large upload: the server (in this process) receives a 50 MiB file from a visitor
//! (`POST /api/visitor/files`, chunked, written by hand on a socket from one 64 KiB buffer, so
//! the client side holds nothing), while a thread samples resident size (Linux `VmRSS`) every
//! 5 ms. Prints the size before, the peak during and after. Results: docs/benchmarks.md.
//!
//! `cargo bench --bench upload_memory`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use frontdesk_protocol::{VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

/// The file's size in MiB: `UPLOAD_MIB`, 50 by default.
fn file_bytes() -> usize {
    let mib = std::env::var("UPLOAD_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50usize);
    mib * 1024 * 1024
}
const CHUNK: usize = 64 * 1024;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = frontdesk_server::Config::local(dir.path().join("frontdesk.db"));
    config.files.max_bytes = 1024 * 1024 * 1024;
    let server = frontdesk_server::start(config).await.unwrap();

    // A visitor's token, as the widget gets it.
    let url = format!("{}/ws/visitor", server.ws_url());
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let hello = VisitorIn::Hello {
        token: None,
        site: None,
        language: None,
    };
    ws.send(Message::text(encode(&hello))).await.unwrap();
    let token = loop {
        let Some(Ok(Message::Text(text))) = ws.next().await else {
            panic!("no welcome");
        };
        if let Ok(VisitorOut::Welcome { token, .. }) = decode::<VisitorOut>(text.as_str()) {
            break token;
        }
    };

    // Warm up: one small upload, so the first-use allocations are not counted as growth.
    upload(server.addr, &token, 256 * 1024).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    let before = rss_kib();
    let peak = Arc::new(AtomicU64::new(before));
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, stop) = (peak.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let started = Instant::now();
    let size = file_bytes();
    let answer = upload(server.addr, &token, size).await;
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let after = rss_kib();
    let peak = peak.load(Ordering::Relaxed);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    println!(
        "{} MiB upload in {:.2} s: RSS before {before} KiB, peak {peak} KiB (+{} KiB), after {after} KiB",
        size / (1024 * 1024),
        took.as_secs_f64(),
        peak.saturating_sub(before)
    );
}

/// Sends a PNG-headed file of `size` bytes, chunked; returns the answer's status line.
async fn upload(addr: std::net::SocketAddr, token: &str, size: usize) -> String {
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/visitor/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Visitor {token}\r\n\
         X-File-Name: big.png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut buffer = vec![0u8; CHUNK];
    buffer[..8].copy_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut sent = 0;
    while sent < size {
        let n = CHUNK.min(size - sent);
        // Every chunk differs a little, so nothing could be shared by accident.
        buffer[CHUNK - 8..].copy_from_slice(&(sent as u64).to_le_bytes());
        socket
            .write_all(format!("{n:x}\r\n").as_bytes())
            .await
            .unwrap();
        socket.write_all(&buffer[..n]).await.unwrap();
        socket.write_all(b"\r\n").await.unwrap();
        sent += n;
    }
    socket.write_all(b"0\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    socket.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}
