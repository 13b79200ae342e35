//! Today's totals for the queue view: `GET /api/stats` from the start of the operator's day,
//! asked off the socket task so a slow answer never holds the socket. The server counts only
//! what the operator may see.

use anyhow::Context;
use frontdesk_protocol::Millis;
use frontdesk_protocol::stats::{Metrics, StatsReport};
use tokio::sync::mpsc;

use super::NetEvent;

/// Where the REST calls go: the server's http(s) base and the session token.
#[derive(Debug, Clone)]
pub struct Rest {
    pub base: String,
    pub token: String,
}

impl Rest {
    /// Asks for the totals since `since` (ms) in zone `tz`; the answer comes back as
    /// `NetEvent::Today`.
    pub fn fetch_today(&self, since: Millis, tz: String, events: mpsc::Sender<NetEvent>) {
        let rest = self.clone();
        tokio::spawn(async move {
            let answer = rest
                .today(since, &tz)
                .await
                .map(Box::new)
                .map_err(|e| format!("{e:#}"));
            if let Err(e) = &answer {
                tracing::warn!(error = %e, "today's totals not read");
            }
            let _ = events.send(NetEvent::Today(answer)).await;
        });
    }

    async fn today(&self, since: Millis, tz: &str) -> anyhow::Result<Metrics> {
        let response = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .context("building the HTTP client")?
            .get(format!(
                "{}/api/stats?since={since}&tz={}",
                self.base,
                query_value(tz)
            ))
            .bearer_auth(&self.token)
            .send()
            .await
            .context("asking for today's totals")?;
        if !response.status().is_success() {
            anyhow::bail!("HTTP {}", response.status());
        }
        let report: StatsReport = response.json().await.context("reading the totals")?;
        Ok(report.total)
    }
}

/// `text` for a query string: zone names are letters, digits, `/`, `_`, `-` and `+`
/// (`Etc/GMT+3`); anything else is percent-encoded too.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'_' | b'-' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `ws://host[/prefix]/ws/operator` → `http://host[/prefix]` (`wss` → `https`).
pub fn rest_base(ws_url: &str) -> String {
    let base = ws_url.trim_end_matches("/ws/operator");
    match base.split_once("://") {
        Some(("wss", rest)) => format!("https://{rest}"),
        Some((_, rest)) => format!("http://{rest}"),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn zone_names_survive_the_query_string() {
        assert_eq!(super::query_value("Etc/GMT+3"), "Etc/GMT%2B3");
        assert_eq!(super::query_value("Europe/Moscow"), "Europe/Moscow");
    }

    #[test]
    fn the_rest_base_comes_from_the_socket_url() {
        assert_eq!(
            super::rest_base("ws://127.0.0.1:8080/ws/operator"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            super::rest_base("wss://chat.example/desk/ws/operator"),
            "https://chat.example/desk"
        );
    }
}
