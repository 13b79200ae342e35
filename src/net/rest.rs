//! REST calls: log in and out, authenticated reads, and where a moment falls in the event
//! stream. What goes wrong that a person can act on (no answer, an expired session, a
//! refused login) is said in the terminal's language; the system's own reason follows it.

use anyhow::Context;
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::rest::{ErrorBody, LoginRequest, LoginResponse};

use crate::i18n::CliWords;

fn words() -> &'static CliWords {
    crate::i18n::detect().cli
}

fn unreachable(server: &str) -> String {
    words().unreachable.replace("{server}", server)
}

/// The server's words in an error answer, made harmless for a terminal: they reach stderr
/// and the screen as they are otherwise, escape sequences and all.
fn said_by_server(body: &ErrorBody) -> String {
    crate::sanitize::sanitize(&body.message, crate::sanitize::Mode::line(300)).into_owned()
}

/// A failure as the console shows it: what went wrong and, when it came from below, the
/// deepest reason («нет связи с …: Connection refused (os error 111)»), without the layers
/// between (the request's URL, the HTTP client's wording), which the log keeps.
pub fn brief(e: &anyhow::Error) -> String {
    let root = e.root_cause().to_string();
    let outer = e.to_string();
    if outer == root {
        outer
    } else {
        format!("{outer}: {root}")
    }
}

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
        .with_context(|| unreachable(server))?;
    if response.status().is_success() {
        return response.json().await.context("reading the login answer");
    }
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let words = words();
    let said = match response.json::<ErrorBody>().await {
        Ok(body) if body.code == ErrorCode::Unauthorized => words.wrong_password.to_owned(),
        Ok(body) if body.code == ErrorCode::RateLimited && retry_after.is_some() => words
            .too_many_logins
            .replace("{secs}", retry_after.as_deref().unwrap_or_default()),
        Ok(body) => words.login_refused.replace("{why}", &said_by_server(&body)),
        Err(_) => words
            .login_refused
            .replace("{why}", &format!("HTTP {status}")),
    };
    anyhow::bail!(said)
}

/// `POST /api/logout`: ends the session on the server.
pub async fn logout(server: &str, token: &str) -> anyhow::Result<()> {
    let response = client()?
        .post(endpoint(server, "/api/logout"))
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| unreachable(server))?;
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
        .with_context(|| unreachable(server))
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
        anyhow::bail!(words().session_over.replace("{server}", server));
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("{}", said_by_server(&body)),
        Err(_) => anyhow::bail!("{path}: HTTP {status}"),
    }
}

/// `POST /api/files?chat=ID`: the file at `path` into a chat, as the operator's answer. The
/// file is read whole (the server takes at most `[files] max_bytes`, 10 MiB by default).
pub async fn upload_file(
    server: &str,
    token: &str,
    chat_id: i64,
    path: &std::path::Path,
) -> anyhow::Result<frontdesk_protocol::rest::FileUploaded> {
    let bytes = tokio::fs::read(path)
        .await
        .with_context(|| format!("reading {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let encoded = percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC)
        .to_string();
    let response = client()?
        .post(endpoint(server, &format!("/api/files?chat={chat_id}")))
        .bearer_auth(token)
        .header("X-File-Name", encoded)
        .body(bytes)
        .send()
        .await
        .with_context(|| unreachable(server))?;
    let status = response.status();
    if status.is_success() {
        return response.json().await.context("reading the upload's answer");
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("{}", said_by_server(&body)),
        Err(_) => anyhow::bail!("upload: HTTP {status}"),
    }
}

/// `GET` a file's bytes with the session token; an error answer becomes its message.
pub async fn get_bytes(server: &str, token: &str, path: &str) -> anyhow::Result<Vec<u8>> {
    let response = get(server, token, path).await?;
    let status = response.status();
    if status.is_success() {
        let bytes = response
            .bytes()
            .await
            .with_context(|| format!("reading {path}"))?;
        return Ok(bytes.to_vec());
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => anyhow::bail!("{}", said_by_server(&body)),
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

/// Which chats `GET /api/chats` lists: those started in `[since, until)` (ms), of one
/// department and/or one operator (login name). The server leaves out what the asker may not
/// read. Shared by `frontdesk export` and the console's `:export`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatFilter {
    pub since: frontdesk_protocol::Millis,
    pub until: frontdesk_protocol::Millis,
    pub department: Option<String>,
    pub operator: Option<String>,
}

impl ChatFilter {
    /// The path of the page after chat `after` (0: the first page).
    pub fn page_path(&self, after: i64) -> String {
        let mut path = format!(
            "/api/chats?since={}&until={}&after={after}",
            self.since, self.until
        );
        for (key, value) in [
            ("department", &self.department),
            ("operator", &self.operator),
        ] {
            if let Some(value) = value {
                path.push_str(&format!("&{key}={}", query_value(value)));
            }
        }
        path
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
    fn the_servers_words_reach_the_terminal_harmless() {
        let body = frontdesk_protocol::rest::ErrorBody {
            code: frontdesk_protocol::ErrorCode::Forbidden,
            message: "no\x1b]0;pwned\x07 way".into(),
        };
        let said = super::said_by_server(&body);
        assert!(!said.contains('\x1b') && said.contains("way"), "{said:?}");
    }

    #[test]
    fn a_brief_failure_is_what_and_the_deepest_reason() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        let e = anyhow::Error::new(io)
            .context("tcp connect error")
            .context("error sending request for url (http://x/api/stats?since=1)")
            .context("cannot reach http://x");
        assert_eq!(
            super::brief(&e),
            "cannot reach http://x: Connection refused"
        );
        assert_eq!(
            super::brief(&anyhow::anyhow!("no such chat")),
            "no such chat"
        );
    }

    #[test]
    fn query_values_keep_zone_names_and_encode_the_rest() {
        assert_eq!(super::query_value("Europe/Moscow"), "Europe/Moscow");
        assert_eq!(super::query_value("Etc/GMT+3"), "Etc/GMT%2B3");
        assert_eq!(
            super::query_value("отдел 1&x"),
            "%D0%BE%D1%82%D0%B4%D0%B5%D0%BB%201%26x"
        );
    }

    #[test]
    fn a_chat_filter_asks_for_its_period_and_names_encoded() {
        let filter = super::ChatFilter {
            since: 10,
            until: 20,
            department: Some("sales".into()),
            operator: Some("анна".into()),
        };
        assert_eq!(
            filter.page_path(500),
            "/api/chats?since=10&until=20&after=500&department=sales&operator=%D0%B0%D0%BD%D0%BD%D0%B0"
        );
        let all = super::ChatFilter {
            since: 1,
            until: 2,
            ..Default::default()
        };
        assert_eq!(all.page_path(0), "/api/chats?since=1&until=2&after=0");
    }
}
