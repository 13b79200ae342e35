//! Password guessing over the real REST endpoint: a few free failures per account and per
//! client address, then `429` with `Retry-After` (the password is not even checked), and an
//! unknown account costs the same argon2 work as a known one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::TestServer;
use frontdesk_protocol::rest::{ErrorBody, LoginRequest};
use frontdesk_protocol::{ErrorCode, OperatorRole};
use frontdesk_server::Config;
use reqwest::StatusCode;

const RIGHT: &str = "верный пароль";

/// What one login attempt got: the status and, for 429, the `Retry-After` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Got {
    Ok,
    Refused,
    Wait(u64),
}

async fn attempt(server: &TestServer, name: &str, password: &str, ip: Option<&str>) -> Got {
    let mut req = reqwest::Client::new()
        .post(format!("{}/api/login", server.server.http_url()))
        .json(&LoginRequest {
            name: name.into(),
            password: password.into(),
        });
    if let Some(ip) = ip {
        req = req.header("X-Real-IP", ip);
    }
    let res = req.send().await.unwrap();
    match res.status() {
        StatusCode::OK => Got::Ok,
        StatusCode::UNAUTHORIZED => Got::Refused,
        StatusCode::TOO_MANY_REQUESTS => {
            let secs = res
                .headers()
                .get("retry-after")
                .expect("429 carries Retry-After")
                .to_str()
                .unwrap()
                .parse()
                .expect("Retry-After in whole seconds");
            let body: ErrorBody = res.json().await.unwrap();
            assert_eq!(body.code, ErrorCode::RateLimited);
            Got::Wait(secs)
        }
        other => panic!("unexpected status {other}"),
    }
}

async fn server(tweak: impl FnOnce(&mut Config)) -> TestServer {
    let server = TestServer::start_with(|c| {
        c.proxy.client_ip = Some("X-Real-IP".into());
        c.login.backoff_first_secs = 1;
        tweak(c);
    })
    .await;
    for name in ["anna", "boris"] {
        server
            .server
            .add_operator(name, name, RIGHT, OperatorRole::Operator)
            .await
            .unwrap();
    }
    server
}

#[tokio::test]
async fn wrong_passwords_get_401_then_429_and_even_the_right_one_waits() {
    let server = server(|c| {
        c.login.free_failures_per_account = 3;
        c.login.free_failures_per_ip = 100;
    })
    .await;
    // Three free failures, and a fourth that starts the wait.
    for _ in 0..4 {
        assert_eq!(attempt(&server, "anna", "guess", None).await, Got::Refused);
    }
    let Got::Wait(secs) = attempt(&server, "anna", "guess", None).await else {
        panic!("the fifth guess in a row is not even checked")
    };
    assert!((1..=2).contains(&secs), "Retry-After {secs}");
    // The right password does not get through while the account waits: otherwise the
    // throttle would let a guesser tell a right guess by its answer.
    assert!(matches!(
        attempt(&server, "anna", RIGHT, None).await,
        Got::Wait(_)
    ));

    // Waiting out the Retry-After is the point here, so this one is a real wait (the
    // backoff is set in whole seconds, 1 s the shortest).
    tokio::time::sleep(Duration::from_millis(secs * 1000 + 200)).await;
    assert_eq!(attempt(&server, "anna", RIGHT, None).await, Got::Ok);
    // A success forgets the account's failures: three free ones again.
    for _ in 0..3 {
        assert_eq!(attempt(&server, "anna", "guess", None).await, Got::Refused);
    }
    assert_eq!(attempt(&server, "anna", RIGHT, None).await, Got::Ok);
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_throttled_account_or_address_does_not_lock_out_the_others() {
    let server = server(|c| {
        c.login.free_failures_per_account = 3;
        c.login.free_failures_per_ip = 6;
    })
    .await;
    let guesser = Some("203.0.113.7");
    for _ in 0..4 {
        assert_eq!(
            attempt(&server, "anna", "guess", guesser).await,
            Got::Refused
        );
    }
    assert!(matches!(
        attempt(&server, "anna", "guess", guesser).await,
        Got::Wait(_)
    ));
    // The account waits, from any address…
    assert!(matches!(
        attempt(&server, "anna", RIGHT, Some("198.51.100.1")).await,
        Got::Wait(_)
    ));
    // …but another account does not, from another address or from the same one.
    assert_eq!(
        attempt(&server, "boris", RIGHT, Some("198.51.100.2")).await,
        Got::Ok
    );
    assert_eq!(attempt(&server, "boris", RIGHT, guesser).await, Got::Ok);

    // One address trying many names is held back by its own count (4 so far, 6 free).
    for name in ["u1", "u2", "u3"] {
        assert_eq!(attempt(&server, name, "guess", guesser).await, Got::Refused);
    }
    assert!(matches!(
        attempt(&server, "u4", "guess", guesser).await,
        Got::Wait(_)
    ));
    assert!(matches!(
        attempt(&server, "boris", RIGHT, guesser).await,
        Got::Wait(_)
    ));
    assert_eq!(
        attempt(&server, "boris", RIGHT, Some("198.51.100.3")).await,
        Got::Ok
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn an_unknown_account_is_throttled_like_a_known_one() {
    let server = server(|c| {
        c.login.free_failures_per_account = 3;
        c.login.free_failures_per_ip = 100;
    })
    .await;
    for name in ["anna", "nobody"] {
        for _ in 0..4 {
            assert_eq!(attempt(&server, name, "guess", None).await, Got::Refused);
        }
        assert!(
            matches!(attempt(&server, name, "guess", None).await, Got::Wait(_)),
            "{name}: the answers must not tell which names exist"
        );
    }
    server.server.shutdown().await;
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test]
async fn an_unknown_account_takes_as_long_as_a_wrong_password() {
    let server = server(|c| {
        c.login.free_failures_per_account = 100;
        c.login.free_failures_per_ip = 100;
    })
    .await;
    // Warm up both paths (connection, the dummy hash made once).
    attempt(&server, "anna", "guess", None).await;
    attempt(&server, "nobody-0", "guess", None).await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 1..=7 {
        let start = Instant::now();
        assert_eq!(attempt(&server, "anna", "guess", None).await, Got::Refused);
        known.push(start.elapsed());
        let start = Instant::now();
        let name = format!("nobody-{i}");
        assert_eq!(attempt(&server, &name, "guess", None).await, Got::Refused);
        unknown.push(start.elapsed());
    }
    let (known, unknown) = (median(known), median(unknown));
    // Argon2 takes tens of milliseconds; a lookup that found nobody and stopped would answer
    // in about one. The bound is loose on purpose: the machine may be busy.
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    assert!(
        (0.3..3.0).contains(&ratio),
        "unknown {unknown:?} vs wrong password {known:?}"
    );
    server.server.shutdown().await;
}
