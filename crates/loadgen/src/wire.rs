//! Socket and REST helpers shared by the visitor and operator sides.

use anyhow::{Context, bail};
use frontdesk_protocol::rest::{LoginRequest, LoginResponse};
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens a WebSocket with small buffers (thousands of them are open at once) and Nagle off
/// (latency is what we measure).
pub async fn connect(url: &str) -> anyhow::Result<Ws> {
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(Some(64 << 20));
    let (ws, _) = tokio_tungstenite::connect_async_with_config(url, Some(config), true)
        .await
        .with_context(|| format!("connecting to {url}"))?;
    Ok(ws)
}

/// Sends one protocol frame as a text message.
pub async fn send<T: Serialize>(ws: &mut Ws, frame: &T) -> anyhow::Result<()> {
    ws.send(Message::text(frontdesk_protocol::encode(frame)))
        .await
        .context("sending a frame")
}

/// The next text frame, skipping control frames; `None` when the socket is closed.
pub async fn next_text(ws: &mut Ws) -> anyhow::Result<Option<String>> {
    while let Some(msg) = ws.next().await {
        match msg.context("reading a frame")? {
            Message::Text(text) => return Ok(Some(text.as_str().to_owned())),
            Message::Close(_) => return Ok(None),
            _ => {}
        }
    }
    Ok(None)
}

/// `http://HOST:PORT` → `ws://HOST:PORT`.
pub fn ws_base(http_url: &str) -> String {
    http_url
        .trim_end_matches('/')
        .replacen("http://", "ws://", 1)
}

/// Logs an operator in and returns the session token.
pub async fn login(
    http: &reqwest::Client,
    base: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<String> {
    let resp = http
        .post(format!("{}/api/login", base.trim_end_matches('/')))
        .json(&LoginRequest {
            name: name.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await
        .context("POST /api/login")?;
    if !resp.status().is_success() {
        let status = resp.status();
        let body = resp.text().await.unwrap_or_default();
        bail!("login as {name} failed: {status} {body}");
    }
    Ok(resp.json::<LoginResponse>().await?.token)
}
