//! The operator socket's address, derived from the server's http(s) URL.

/// `http://host:port[/prefix]` → `ws://host:port[/prefix]/ws/operator` (`https` → `wss`).
pub fn ws_url(server: &str) -> anyhow::Result<String> {
    let server = server.trim().trim_end_matches('/');
    let (scheme, rest) = server
        .split_once("://")
        .ok_or_else(|| anyhow::anyhow!("server URL needs http:// or https://: {server}"))?;
    let ws_scheme = match scheme.to_ascii_lowercase().as_str() {
        "http" | "ws" => "ws",
        "https" | "wss" => "wss",
        other => anyhow::bail!("unsupported URL scheme `{other}` (use http or https)"),
    };
    if rest.is_empty() {
        anyhow::bail!("server URL has no host: {server}");
    }
    Ok(format!("{ws_scheme}://{rest}/ws/operator"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_ws_and_wss() {
        assert_eq!(
            ws_url("http://127.0.0.1:8080").ok().as_deref(),
            Some("ws://127.0.0.1:8080/ws/operator")
        );
        assert_eq!(
            ws_url("https://chat.example/desk/").ok().as_deref(),
            Some("wss://chat.example/desk/ws/operator")
        );
        assert!(ws_url("ftp://x").is_err());
        assert!(ws_url("localhost:8080").is_err());
        assert!(ws_url("http://").is_err());
    }
}
