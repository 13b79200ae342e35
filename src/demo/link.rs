//! A simulated visitor's connection, behaving like the widget's: it keeps the visitor token,
//! reconnects with backoff, and resends unacknowledged commands with their original ids after
//! a reconnect or a `rate_limited` answer (the server de-duplicates by id).

use std::time::Duration;

use anyhow::{Context, bail};
use frontdesk_protocol::{ErrorCode, VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::http::header::USER_AGENT;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

const BACKOFF_MIN: Duration = Duration::from_millis(200);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

pub struct Link {
    url: String,
    language: String,
    user_agent: Option<String>,
    /// Issued by the server in the first `welcome`; sent in every later `hello`.
    token: Option<String>,
    ws: Option<Ws>,
    /// Commands sent but not acknowledged yet, oldest first: (id, encoded frame).
    pending: Vec<(String, String)>,
    /// When to resend `pending` after a `rate_limited` answer.
    retry_at: Option<Instant>,
    /// Makes ids unique across visitors and runs; the server scopes them per visitor anyway.
    prefix: String,
    counter: u64,
    failures: u32,
}

impl Link {
    pub fn new(url: String, language: String, user_agent: Option<String>) -> Self {
        Self {
            url,
            language,
            user_agent,
            token: None,
            ws: None,
            pending: Vec::new(),
            retry_at: None,
            prefix: format!("{:08x}", fastrand::u32(..)),
            counter: 0,
            failures: 0,
        }
    }

    /// Connects (retrying) unless already connected.
    pub async fn ensure_connected(&mut self) {
        while self.ws.is_none() {
            self.reconnect().await;
        }
    }

    /// Sends a command built around a fresh id and keeps it until it is acknowledged.
    /// While offline it waits in the queue and goes out after the next `hello`.
    pub async fn command(&mut self, make: impl FnOnce(String) -> VisitorIn) -> String {
        self.counter += 1;
        let id = format!("{}-{}", self.prefix, self.counter);
        let text = encode(&make(id.clone()));
        self.pending.push((id.clone(), text.clone()));
        self.send_raw(text).await;
        id
    }

    /// Closes the socket, as closing the site's last tab does. The next [`Link::recv`]
    /// connects again (the same visitor: the token is kept) and returns its `welcome`.
    pub async fn leave(&mut self) {
        if let Some(mut ws) = self.ws.take() {
            let _ = ws.close(None).await;
        }
    }

    /// The live draft; best effort, never queued (a stale draft is worthless).
    pub async fn typing(&mut self, draft: &str) {
        let text = encode(&VisitorIn::Typing {
            draft: draft.to_owned(),
        });
        self.send_raw(text).await;
    }

    async fn send_raw(&mut self, text: String) {
        if let Some(ws) = &mut self.ws
            && ws.send(Message::text(text)).await.is_err()
        {
            self.ws = None;
        }
    }

    /// The next frame from the server, reconnecting as long as it takes. Cancel-safe: state
    /// changes only after an await completes.
    pub async fn recv(&mut self) -> VisitorOut {
        loop {
            if self.ws.is_none() {
                if let Some(welcome) = self.reconnect().await {
                    return welcome;
                }
                continue;
            }
            let retry_at = self.retry_at;
            let Some(ws) = self.ws.as_mut() else { continue };
            tokio::select! {
                () = sleep_until_opt(retry_at) => {
                    self.retry_at = None;
                    self.resend_pending().await;
                }
                msg = ws.next() => match msg {
                    Some(Ok(Message::Text(text))) => {
                        if let Ok(out) = decode::<VisitorOut>(&text) {
                            self.settle(&out);
                            return out;
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => self.ws = None,
                },
            }
        }
    }

    /// Bookkeeping for answers to our commands.
    fn settle(&mut self, out: &VisitorOut) {
        match out {
            VisitorOut::Ack { id, .. } => self.pending.retain(|(p, _)| p != id),
            VisitorOut::Error {
                id: Some(id),
                code,
                retry_after_ms,
                ..
            } => {
                if *code == ErrorCode::RateLimited {
                    let wait = Duration::from_millis(retry_after_ms.unwrap_or(500));
                    self.retry_at = Some(Instant::now() + wait);
                } else {
                    // Refused for good (e.g. the chat was closed): resending cannot help.
                    tracing::debug!(%id, %code, "demo visitor command refused");
                    self.pending.retain(|(p, _)| p != id);
                }
            }
            _ => {}
        }
    }

    async fn resend_pending(&mut self) {
        for (_, text) in self.pending.clone() {
            self.send_raw(text).await;
        }
    }

    /// One connection attempt after a backoff; returns the `welcome` on success.
    async fn reconnect(&mut self) -> Option<VisitorOut> {
        if self.failures > 0 {
            let exp = BACKOFF_MIN.saturating_mul(1 << self.failures.min(5));
            let jitter = 0.5 + fastrand::f64();
            tokio::time::sleep(exp.min(BACKOFF_MAX).mul_f64(jitter)).await;
        }
        self.failures += 1;
        match self.connect_once().await {
            Ok((ws, welcome)) => {
                self.ws = Some(ws);
                self.failures = 0;
                Some(welcome)
            }
            Err(e) => {
                tracing::debug!("demo visitor connect failed: {e:#}");
                None
            }
        }
    }

    async fn connect_once(&mut self) -> anyhow::Result<(Ws, VisitorOut)> {
        let mut request = self.url.as_str().into_client_request()?;
        if let Some(agent) = &self.user_agent {
            request
                .headers_mut()
                .insert(USER_AGENT, HeaderValue::from_str(agent)?);
        }
        // Nagle off, as in the widget's browser: small frames leave at once.
        let (mut ws, _) = tokio_tungstenite::connect_async_with_config(request, None, true)
            .await
            .context("connecting")?;
        let hello = VisitorIn::Hello {
            token: self.token.clone(),
            site: Some("demo".into()),
            language: Some(self.language.clone()),
        };
        ws.send(Message::text(encode(&hello))).await?;
        let welcome = loop {
            let Some(msg) = ws.next().await else {
                bail!("closed during hello");
            };
            let Message::Text(text) = msg? else { continue };
            match decode::<VisitorOut>(&text) {
                Ok(w @ VisitorOut::Welcome { .. }) => break w,
                Ok(VisitorOut::Error { code, message, .. }) => bail!("hello: {code}: {message}"),
                _ => {}
            }
        };
        if let VisitorOut::Welcome { token, .. } = &welcome {
            self.token = Some(token.clone());
        }
        for (_, text) in &self.pending {
            ws.send(Message::text(text.clone())).await?;
        }
        Ok((ws, welcome))
    }
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
