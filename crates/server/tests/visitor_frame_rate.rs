//! A visitor's socket cannot set the server's pace: pings, live drafts and malformed frames
//! are not commands, so the message limit does not count them, yet each one costs the server
//! a read, a parse and often an answer. Every frame a visitor sends takes one of
//! `visitor_frames_per_sec` (bursts of twice as many); past that the server stops reading the
//! socket until one is back: the sender is slowed, not cut off, and nothing it sent is lost.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::{TestServer, Visitor};
use frontdesk_protocol::{VisitorIn, VisitorOut};

const PER_SEC: u32 = 20;

#[tokio::test]
async fn frames_past_the_rate_are_read_at_that_rate_and_each_is_answered() {
    let server = TestServer::start_with(|c| c.limits.visitor_frames_per_sec = PER_SEC).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    // Twice the burst of frames that each get an answer (pings, malformed JSON), with live
    // drafts among them, which get none: all sent at once.
    let answered = 4 * PER_SEC as usize;
    let start = Instant::now();
    for n in 0..answered {
        let frame = if n % 2 == 0 {
            r#"{"v":1,"type":"ping"}"#
        } else {
            "{not json"
        };
        v.send_raw(frame).await;
        if n % 8 == 0 {
            v.send(&VisitorIn::Typing {
                draft: format!("черновик {n}"),
            })
            .await;
        }
    }
    let (mut pongs, mut errors) = (0, 0);
    while pongs + errors < answered {
        match v.recv().await {
            VisitorOut::Pong => pongs += 1,
            VisitorOut::Error { .. } => errors += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((pongs, errors), (answered / 2, answered / 2));
    // The burst (plus `hello`'s share) goes at once; the rest, over half of them, at the rate:
    // a lower bound only, so a slow machine cannot fail it.
    let drafts = answered.div_ceil(8);
    let paced = answered + drafts - 2 * PER_SEC as usize - 1;
    let least = Duration::from_secs_f64(paced as f64 / f64::from(PER_SEC) * 0.9);
    assert!(
        start.elapsed() >= least,
        "{answered} answers in {:?}: the frames were not paced (at least {least:?})",
        start.elapsed()
    );
    // Slowed, not cut off: the socket still takes a message.
    assert!(matches!(
        v.say("after", "Всё ещё здесь").await,
        VisitorOut::Ack { .. }
    ));
    server.server.shutdown().await;
}
