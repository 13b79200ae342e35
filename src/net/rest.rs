//! REST calls: log in and out, authenticated reads, and where a moment falls in the event
//! stream.

use anyhow::Context;
use frontdesk_protocol::rest::{ErrorBody, LoginRequest, LoginResponse};

fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .context("building the HTTP client")
}

fn endpoint(server: &str, path: &str) -> String {
    format!("{}{path}", server.trim().trim_end_matches('/'))
}

/// `POST /api/login`: name and password for a session token.
pub async fn login(server: &str, name: &str, password: &str) -> anyhow::Result<LoginResponse> {
    let response = client()?
        .post(endpoint(server, "/api/login"))
        .json(&LoginRequest {
            name: name.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await
        .with_context(|| format!("cannot reach {server}"))?;
    if response.status().is_success() {
        return response.json().await.context("reading the login answer");
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("login refused: {}", body.message),
        Err(_) => anyhow::bail!("login failed: HTTP {status}"),
    }
}

/// `POST /api/logout`: ends the session on the server.
pub async fn logout(server: &str, token: &str) -> anyhow::Result<()> {
    let response = client()?
        .post(endpoint(server, "/api/logout"))
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| format!("cannot reach {server}"))?;
    if !response.status().is_success() {
        anyhow::bail!("logout failed: HTTP {}", response.status());
    }
    Ok(())
}

/// `GET path` with the session token.
async fn get(server: &str, token: &str, path: &str) -> anyhow::Result<reqwest::Response> {
    client()?
        .get(endpoint(server, path))
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| format!("cannot reach {server}"))
}

/// `GET` a JSON answer with the session token; an error answer becomes its message.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    server: &str,
    token: &str,
    path: &str,
) -> anyhow::Result<T> {
    let response = get(server, token, path).await?;
    let status = response.status();
    if status.is_success() {
        return response
            .json()
            .await
            .with_context(|| format!("reading the answer to {path}"));
    }
    if status == reqwest::StatusCode::UNAUTHORIZED {
        anyhow::bail!("the session has expired: run `frontdesk login --server {server}`");
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("{}", body.message),
        Err(_) => anyhow::bail!("{path}: HTTP {status}"),
    }
}

/// `GET /api/events/seq?at=<ms>`: the first event at or after a moment. `None`: the server
/// refused the token (expired or ended session).
pub async fn event_seq_at(
    server: &str,
    token: &str,
    at: frontdesk_protocol::Millis,
) -> anyhow::Result<Option<frontdesk_protocol::rest::EventSeqAt>> {
    let response = get(server, token, &format!("/api/events/seq?at={at}")).await?;
    match response.status() {
        reqwest::StatusCode::UNAUTHORIZED => Ok(None),
        status if status.is_success() => Ok(Some(
            response
                .json()
                .await
                .context("reading the event seq answer")?,
        )),
        status => anyhow::bail!("asking for the event seq failed: HTTP {status}"),
    }
}

/// `text` for a query string: letters, digits and `/ _ - . ~` as they are, every other byte
/// percent-encoded (zone names like `Etc/GMT+3`, department keys, logins).
pub fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'_' | b'-' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_keep_zone_names_and_encode_the_rest() {
        assert_eq!(super::query_value("Europe/Moscow"), "Europe/Moscow");
        assert_eq!(super::query_value("Etc/GMT+3"), "Etc/GMT%2B3");
        assert_eq!(
            super::query_value("отдел 1&x"),
            "%D0%BE%D1%82%D0%B4%D0%B5%D0%BB%201%26x"
        );
    }
}
