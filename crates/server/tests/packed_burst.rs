//! A packed burst that pauses is said to pause: an operator socket that asked for `pack_ms`
//! gets every message of the burst and then a `quiet` frame, soon after the last one; one that
//! did not ask gets no `quiet`. Real server, real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{OperatorOut, VisitorOut};

const MESSAGES: usize = 60;

#[tokio::test]
async fn a_packed_burst_ends_with_a_quiet_frame_after_its_last_message() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let token = server.operator_token("anna").await;
    let mut packed = Operator::join_packed(&server, &token, None, Some(40)).await;
    packed
        .until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    let mut plain = Operator::join_packed(&server, &token, None, None).await;
    plain
        .until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;

    let (mut visitor, _) = Visitor::join(&server, None).await;
    for i in 0..MESSAGES {
        let ack = visitor.say(&format!("m{i}"), &format!("{i}")).await;
        assert!(matches!(ack, VisitorOut::Ack { .. }), "{ack:?}");
    }

    // Every message, then `quiet` (a pause inside the burst may bring one earlier too; the
    // last frame of the burst is one).
    let mut texts = Vec::new();
    let mut last_was_quiet = false;
    while texts.len() < MESSAGES || !last_was_quiet {
        let frame = packed
            .try_recv(Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("no quiet after {} messages", texts.len()));
        if let Some((_, message)) = posted(&frame) {
            texts.push(message.text);
            last_was_quiet = false;
        } else if matches!(frame, OperatorOut::Quiet) {
            last_was_quiet = true;
        }
    }
    let expected: Vec<String> = (0..MESSAGES).map(|i| i.to_string()).collect();
    assert_eq!(texts, expected);
    // Nothing more comes: one `quiet` per pause.
    let after = packed.frames_within(Duration::from_millis(300)).await;
    assert!(
        !after.iter().any(|f| matches!(f, OperatorOut::Quiet)),
        "{after:?}"
    );

    // Without `pack_ms`: every message, and never `quiet`.
    let mut frames = Vec::new();
    while frames.iter().filter_map(posted).count() < MESSAGES {
        frames.push(plain.recv().await);
    }
    frames.extend(plain.frames_within(Duration::from_millis(300)).await);
    assert!(
        !frames.iter().any(|f| matches!(f, OperatorOut::Quiet)),
        "a client that did not ask for packing got quiet"
    );
}
