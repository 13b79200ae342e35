//! Who is on the other end: the proxy's client-address header when one is configured (see
//! `[proxy]`), else the TCP peer. Rate limits, login throttling and the visitor card use it.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

use crate::config::ProxyHeaders;

/// The client's address. The first address of an `X-Forwarded-For` style list is the
/// client's; a header that is missing or unreadable falls back to the peer.
pub fn client_ip(headers: &HeaderMap, proxy: &ProxyHeaders, peer: SocketAddr) -> IpAddr {
    proxy
        .client_ip
        .as_deref()
        .and_then(|name| headers.get(name))
        .and_then(|value| value.to_str().ok())
        .and_then(|list| list.split(',').next()?.trim().parse().ok())
        .unwrap_or(peer.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxy_header_wins_only_when_configured_and_valid() {
        let peer = SocketAddr::from(([10, 0, 0, 1], 5000));
        let mut headers = HeaderMap::new();
        headers.insert("x-real-ip", "203.0.113.9, 10.0.0.2".parse().expect("value"));
        let none = ProxyHeaders::default();
        let proxy = ProxyHeaders {
            client_ip: Some("X-Real-IP".into()),
            ..ProxyHeaders::default()
        };
        assert_eq!(client_ip(&headers, &none, peer), peer.ip());
        assert_eq!(
            client_ip(&headers, &proxy, peer),
            IpAddr::from([203, 0, 113, 9])
        );
        headers.insert("x-real-ip", "not an address".parse().expect("value"));
        assert_eq!(client_ip(&headers, &proxy, peer), peer.ip());
    }
}
