//! Opening the operator socket: the connection itself (Nagle off, a small read buffer), the
//! next protocol frame, and the one-shot check of a stored token before the console starts.

use std::time::Duration;

use frontdesk_protocol::{ErrorCode, OperatorIn, OperatorOut, decode_operator_out, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

use super::ws::Socket;

pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub(super) const WELCOME_TIMEOUT: Duration = Duration::from_secs(10);

/// The next protocol frame, skipping pings and binary noise.
pub(crate) async fn next_frame(socket: &mut Socket) -> Result<OperatorOut, String> {
    loop {
        match socket.next().await {
            None => return Err("connection closed".to_owned()),
            Some(Err(e)) => return Err(e.to_string()),
            Some(Ok(Message::Text(text))) => {
                return decode_operator_out(text.as_str()).map_err(|e| e.to_string());
            }
            Some(Ok(Message::Close(_))) => return Err("closed by the server".to_owned()),
            Some(Ok(_)) => {}
        }
    }
}

/// Whether a stored token still works, asked before the terminal switches to raw mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    Valid,
    Unauthorized,
}

/// Opens the socket once, says `hello` and reads the answer.
pub async fn check_token(ws_url: &str, token: &str) -> anyhow::Result<TokenCheck> {
    let (mut socket, _) = timeout(CONNECT_TIMEOUT, connect(ws_url))
        .await
        .map_err(|_| anyhow::anyhow!("connecting to {ws_url} timed out"))??;
    let hello = OperatorIn::Hello {
        token: token.to_owned(),
        since: None,
        pack_ms: None,
    };
    socket.send(Message::text(encode(&hello))).await?;
    let answer = timeout(WELCOME_TIMEOUT, next_frame(&mut socket))
        .await
        .map_err(|_| anyhow::anyhow!("no answer to hello"))?;
    let _ = socket.close(None).await;
    match answer {
        Ok(OperatorOut::Welcome { .. }) => Ok(TokenCheck::Valid),
        Ok(OperatorOut::Error {
            code: ErrorCode::Unauthorized,
            ..
        }) => Ok(TokenCheck::Unauthorized),
        Ok(other) => anyhow::bail!("unexpected answer to hello: {other:?}"),
        Err(e) => anyhow::bail!(e),
    }
}

/// Opens the socket with Nagle off: frames are small and each one should leave at once
/// (with Nagle and delayed ACKs a reply can wait ~40 ms).
pub(super) async fn connect(
    url: &str,
) -> Result<
    (
        WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>,
        tokio_tungstenite::tungstenite::handshake::client::Response,
    ),
    tokio_tungstenite::tungstenite::Error,
> {
    // tungstenite zeroes its whole read buffer (128 KiB by default) before every read: with
    // a read per packed burst of events that was a measurable share of a flood's cost. A
    // burst (~20 frames) fits 16 KiB; a larger frame just takes more reads.
    let config = WebSocketConfig::default().read_buffer_size(16 * 1024);
    connect_async_with_config(url, Some(config), true).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// wss must work: the TLS stack is set up (crypto provider, roots) without panicking, and a
    /// server that is not TLS gives an ordinary error.
    #[tokio::test]
    async fn wss_handshake_failure_is_an_error_not_a_panic() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            if let Ok((mut stream, _)) = listener.accept().await {
                use tokio::io::AsyncWriteExt;
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
            }
        });
        let result =
            check_token(&format!("wss://localhost:{}/ws/operator", addr.port()), "t").await;
        assert!(result.is_err());
    }
}
