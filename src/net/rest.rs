//! REST calls: log in and out, and the GETs of `frontdesk stats`.

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

/// `GET path` (with its query) as the session's operator; the JSON answer as it came.
pub async fn get_json(server: &str, token: &str, path: &str) -> anyhow::Result<serde_json::Value> {
    let response = client()?
        .get(endpoint(server, path))
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| format!("cannot reach {server}"))?;
    let status = response.status();
    if status.is_success() {
        return response.json().await.context("reading the answer");
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("the server refused: {}", body.message),
        Err(_) => anyhow::bail!("the server answered HTTP {status}"),
    }
}
