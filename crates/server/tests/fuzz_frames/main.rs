//! Generated frames against the real sockets: every incoming frame type of the visitor and the
//! operator socket, with known and unknown fields holding any JSON (hostile strings, huge and
//! negative numbers, wrong types, nesting), plus text that is not JSON at all. Whatever comes
//! in, the server answers and keeps the socket (a ping sent after each frame gets its pong),
//! never panics, and stays within a bound of memory; afterwards a visitor can still chat and
//! the operator hears of it. A bounded number of cases (proptest), a few seconds in all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
mod shapes;

use std::cell::Cell;
use std::time::{Duration, Instant};

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{OperatorIn, OperatorOut, VisitorIn, VisitorOut};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use shapes::{Kind, OPERATOR, Shape, VISITOR};
use strum::VariantNames;

/// Cases per socket; the whole test stays within a few seconds.
const CASES: u32 = 1_000;

/// Strings that have broken parsers before: controls, escapes, bidi, huge numbers as text.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just("\u{1b}[2J\u{1b}]0;pwned\u{7}".to_owned()),
        Just("\u{202e}evil\u{200b}\u{0}".to_owned()),
        Just("9".repeat(40)),
        Just(String::new()),
        "[a-z]{0,12}".prop_map(|s| s),
    ]
}

/// Any JSON value, up to a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(nasty_string(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value of the field's kind most of the time, so frames get past the parser and reach
/// the code behind it; any JSON otherwise.
fn field_value(kind: Kind) -> BoxedStrategy<Value> {
    let plausible: BoxedStrategy<Value> = match kind {
        Kind::Id => "[a-z0-9-]{1,10}".prop_map(Value::String).boxed(),
        Kind::Text => nasty_string().prop_map(Value::String).boxed(),
        Kind::Int => prop_oneof![
            4 => (-2i64..30).prop_map(|n| json!(n)),
            1 => any::<i64>().prop_map(|n| json!(n)),
        ]
        .boxed(),
        Kind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Kind::Status => prop_oneof![
            Just(json!("online")),
            Just(json!("away")),
            Just(json!("gone"))
        ]
        .boxed(),
        Kind::Rating => {
            prop_oneof![Just(json!("good")), Just(json!("bad")), Just(json!("meh"))].boxed()
        }
        Kind::Form => proptest::collection::btree_map(
            prop_oneof![
                Just("name".to_owned()),
                Just("email".to_owned()),
                Just("extra".to_owned()),
                nasty_string()
            ],
            prop_oneof![
                nasty_string().prop_map(Value::String),
                proptest::collection::btree_map(nasty_string(), nasty_string(), 0..4)
                    .prop_map(|m| json!(m)),
            ],
            0..5,
        )
        .prop_map(|m| Value::Object(m.into_iter().collect()))
        .boxed(),
    };
    prop_oneof![5 => plausible, 1 => json_value()].boxed()
}

/// One frame of `shape`: each field kept or dropped (required ones mostly kept), maybe an
/// unknown field, maybe another version.
fn shaped(shape: Shape) -> impl Strategy<Value = String> {
    let (tag, fields) = shape;
    let fields: Vec<_> = fields
        .iter()
        .map(|&(name, kind, required)| {
            let keep = if required { 0.95 } else { 0.5 };
            (
                Just(name),
                proptest::bool::weighted(keep),
                field_value(kind),
            )
        })
        .collect();
    let version = prop_oneof![12 => Just(json!(1)), 1 => json_value()];
    let stray = proptest::option::weighted(0.1, (nasty_string(), json_value()));
    (fields, version, stray).prop_map(move |(fields, v, stray)| {
        let mut map = Map::new();
        map.insert("v".into(), v);
        map.insert("type".into(), json!(tag));
        for (name, keep, value) in fields {
            if keep {
                map.insert(name.into(), value);
            }
        }
        if let Some((name, value)) = stray {
            map.insert(name, value);
        }
        Value::Object(map).to_string()
    })
}

/// A frame of one of `shapes`, or something that is not one: another type tag, JSON that is
/// no object, text that is no JSON.
fn frame(shapes: &'static [Shape]) -> impl Strategy<Value = String> {
    let shaped = proptest::sample::select(shapes).prop_flat_map(shaped);
    prop_oneof![
        12 => shaped,
        1 => json_value().prop_map(|v| json!({"v": 1, "type": v}).to_string()),
        1 => json_value().prop_map(|v| v.to_string()),
        1 => any::<String>(),
    ]
}

/// Resident memory of this process (the server runs in it), in bytes.
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    })
}

#[test]
fn generated_frames_never_break_either_socket() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(TestServer::start_with(|c| {
        // Throttling would answer most frames with `rate_limited` and test little else.
        c.limits.raise_rates(10_000);
    }));
    let token = rt.block_on(server.operator_token("fuzz"));
    let visitor = tokio::sync::Mutex::new(rt.block_on(Visitor::join(&server, None)).0);
    let operator = tokio::sync::Mutex::new(rt.block_on(async {
        let mut op = Operator::connect(&server.url("/ws/operator")).await;
        op.send(&OperatorIn::Hello {
            token: token.clone(),
            since: None,
            pack_ms: None,
        })
        .await;
        op
    }));
    let started = Instant::now();
    let before = rss();
    // Frames the server took as commands (acknowledged) and refused with an error frame: both
    // must happen, or the generator is not reaching the code behind the parser.
    let (acked, refused) = (Cell::new(0u32), Cell::new(0u32));

    runner()
        .run(&frame(VISITOR), |text| {
            rt.block_on(async {
                let mut v = visitor.lock().await;
                v.send_raw(&text).await;
                v.send_raw(r#"{"v":1,"type":"ping"}"#).await;
                let alive = v
                    .until_or_closed(|f| {
                        match f {
                            VisitorOut::Ack { .. } => acked.set(acked.get() + 1),
                            VisitorOut::Error { .. } => refused.set(refused.get() + 1),
                            _ => {}
                        }
                        matches!(f, VisitorOut::Pong).then_some(())
                    })
                    .await;
                prop_assert!(alive.is_some(), "the visitor socket ended after {text:?}");
                Ok(())
            })
        })
        .unwrap();
    runner()
        .run(&frame(OPERATOR), |text| {
            rt.block_on(async {
                let mut op = operator.lock().await;
                op.send_raw(&text).await;
                op.send_raw(r#"{"v":1,"type":"ping"}"#).await;
                let alive = op
                    .until_or_closed(|f| {
                        match f {
                            OperatorOut::Ack { .. } => acked.set(acked.get() + 1),
                            OperatorOut::Error { .. } => refused.set(refused.get() + 1),
                            _ => {}
                        }
                        matches!(f, OperatorOut::Pong).then_some(())
                    })
                    .await;
                prop_assert!(alive.is_some(), "the operator socket ended after {text:?}");
                Ok(())
            })
        })
        .unwrap();

    eprintln!("acknowledged {}, refused {}", acked.get(), refused.get());
    assert!(
        acked.get() >= CASES / 20 && refused.get() >= CASES / 2,
        "acknowledged {}, refused {}",
        acked.get(),
        refused.get()
    );
    let grown = rss().saturating_sub(before);
    assert!(
        grown < 128 << 20,
        "memory grew by {} MiB over {} frames",
        grown >> 20,
        2 * CASES
    );
    // Still serving: a new visitor chats and the operator hears of it.
    rt.block_on(async {
        let (mut fresh, _) = Visitor::join(&server, None).await;
        fresh
            .send(&VisitorIn::StartChat {
                id: "after".into(),
                text: Some("after the storm".into()),
                department: None,
            })
            .await;
        fresh
            .until(|f| matches!(f, VisitorOut::Ack { id, .. } if id == "after").then_some(()))
            .await;
        let mut op = operator.lock().await;
        op.until(|f| {
            let text = frontdesk_protocol::encode(f);
            text.contains("after the storm").then_some(())
        })
        .await;
    });
    eprintln!(
        "{} generated frames in {:.1} s",
        2 * CASES,
        started.elapsed().as_secs_f64()
    );
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn every_frame_type_of_both_sockets_is_generated() {
    let names = |shapes: &[Shape]| shapes.iter().map(|s| s.0).collect::<Vec<_>>();
    assert_eq!(names(VISITOR), VisitorIn::VARIANTS);
    assert_eq!(names(OPERATOR), OperatorIn::VARIANTS);
}
