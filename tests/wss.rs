//! `https://` and `wss://`: the console logs in and talks to the server through a TLS
//! terminator whose certificate comes from a private CA, trusted through `SSL_CERT_FILE`
//! (the convention the system trust store loaders honour).
#![allow(unsafe_code, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::{OPERATOR, PASSWORD, Visitor, WAIT};
use frontdesk::net::{self, NetEvent};
use frontdesk_protocol::{EventBody, OperatorOut, OperatorRole};
use frontdesk_server::Config;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A CA, and a certificate for `localhost` signed by it; the CA is written to `ca_pem`.
fn certificates(ca_pem: &std::path::Path) -> ServerConfig {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    std::fs::write(ca_pem, ca.pem()).unwrap();
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    let _ = tokio_rustls::rustls::crypto::aws_lc_rs::default_provider().install_default();
    ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap()
}

/// Terminates TLS on a free port and forwards the plain bytes to `backend`.
async fn tls_terminator(config: ServerConfig, backend: std::net::SocketAddr) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    port
}

#[tokio::test]
async fn login_over_https_and_chat_over_wss() {
    let dir = tempfile::tempdir().unwrap();
    let ca_pem = dir.path().join("ca.pem");
    let tls = certificates(&ca_pem);
    let other_ca = dir.path().join("other-ca.pem");
    let _ = certificates(&other_ca);

    let server = frontdesk_server::start(Config::local(dir.path().join("db.sqlite")))
        .await
        .unwrap();
    server
        .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
        .await
        .unwrap();
    let port = tls_terminator(tls, server.addr).await;
    let https = format!("https://localhost:{port}");

    // This test binary has a single test, so nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("SSL_CERT_FILE", &other_ca) };
    let refused = net::rest::login(&https, OPERATOR, PASSWORD).await;
    assert!(
        refused.is_err(),
        "a certificate from an untrusted CA was accepted"
    );

    unsafe { std::env::set_var("SSL_CERT_FILE", &ca_pem) };

    let answer = net::rest::login(&https, OPERATOR, PASSWORD)
        .await
        .expect("login over https");
    let ws_url = net::ws_url(&https).unwrap();
    assert!(ws_url.starts_with("wss://localhost:"), "{ws_url}");
    let mut handle = net::spawn(ws_url, answer.token);
    tokio::time::timeout(WAIT, async {
        loop {
            match handle.events.recv().await.expect("net task alive") {
                NetEvent::Frame(frame) if matches!(*frame, OperatorOut::Snapshot { .. }) => break,
                NetEvent::Disconnected { reason, .. } => panic!("wss connection failed: {reason}"),
                _ => {}
            }
        }
    })
    .await
    .expect("a snapshot over wss");

    let (mut visitor, _) = Visitor::join(&server.http_url(), None).await;
    visitor.start_chat("Через TLS всё доходит?").await;
    let text = tokio::time::timeout(WAIT, async {
        loop {
            match handle.events.recv().await.expect("net task alive") {
                NetEvent::Frame(frame) => {
                    if let OperatorOut::Event {
                        event: EventBody::MessagePosted { message },
                        ..
                    } = *frame
                    {
                        break message.text;
                    }
                }
                NetEvent::Disconnected { reason, .. } => panic!("wss connection failed: {reason}"),
                _ => {}
            }
        }
    })
    .await
    .expect("the visitor's message over wss");
    assert_eq!(text, "Через TLS всё доходит?");
    server.shutdown().await;
}
