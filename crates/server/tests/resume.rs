//! Operator resume: nothing lost, nothing twice, in order; resync for a cursor out of range.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{OperatorOut, VisitorOut};
use tokio::sync::oneshot;

#[tokio::test]
async fn dropped_operator_resumes_with_exactly_the_missed_messages() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let token = server.operator_token("anna").await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    visitor.say("first", "before the drop").await;

    let mut op = Operator::join(&server, &token, None).await;
    let last_seq = op
        .until(|f| match f {
            OperatorOut::Snapshot { seq, .. } => Some(*seq),
            _ => None,
        })
        .await;
    op.ws.close(None).await.unwrap();
    drop(op);

    // The visitor writes while the operator is away and goes on while it comes back. The
    // operator's `hello` goes out once 100 messages are stored (those can only come back by
    // replay) and before the last 50 are written: it provably races the writing, whatever
    // the machine's speed.
    let (half_written, first_half) = oneshot::channel();
    let (hello_sent, go_on) = oneshot::channel::<()>();
    let writer = tokio::spawn(async move {
        write(&mut visitor, 0..100).await;
        half_written.send(()).unwrap();
        write(&mut visitor, 100..150).await;
        go_on.await.unwrap();
        write(&mut visitor, 150..200).await;
        visitor
    });
    first_half.await.unwrap();
    let mut op = Operator::join(&server, &token, Some(last_seq)).await;
    hello_sent.send(()).unwrap();
    let resumed = op
        .until(|f| match f {
            OperatorOut::Welcome { resumed, .. } => Some(*resumed),
            _ => None,
        })
        .await;
    assert!(resumed);
    let mut visitor = writer.await.unwrap();

    let mut texts = Vec::new();
    let mut seqs = Vec::new();
    while texts.len() < 200 {
        let (seq, message) = op.until(posted).await;
        texts.push(message.text);
        seqs.push(seq);
    }
    let expected: Vec<String> = (0..200).map(|i| format!("message {i}")).collect();
    assert_eq!(texts, expected);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "events out of order");
    nothing_more_before(&mut visitor, &mut op).await;
    server.server.shutdown().await;
}

#[tokio::test]
async fn cursor_outside_the_replay_window_gets_resync_and_snapshot() {
    let server = TestServer::start_with(|c| {
        c.storage.replay_window = 5;
        c.limits.raise_rates(10_000);
    })
    .await;
    let token = server.operator_token("anna").await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    for i in 0..10 {
        visitor.say(&format!("m{i}"), "x").await;
    }
    for since in [1, 1_000_000] {
        let mut op = Operator::join(&server, &token, Some(since)).await;
        let first = op.recv().await;
        assert!(
            matches!(first, OperatorOut::Welcome { resumed: false, .. }),
            "{first:?}"
        );
        let second = op.recv().await;
        assert!(matches!(second, OperatorOut::Resync { .. }), "{second:?}");
        let third = op.recv().await;
        let OperatorOut::Snapshot { chats, .. } = third else {
            panic!("{third:?}")
        };
        assert_eq!(chats[0].messages.len(), 10);
    }
    server.server.shutdown().await;
}

/// Asked to, the server packs live events of a burst into fewer writes: whatever the packing,
/// a live operator gets every message once, in `seq` order, without gaps.
#[tokio::test]
async fn a_burst_from_four_visitors_reaches_a_live_operator_whole_and_in_order() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let token = server.operator_token("anna").await;
    let mut op = Operator::join_packed(&server, &token, None, Some(40)).await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    let mut writers = Vec::new();
    for v in 0..4 {
        let (mut visitor, _) = Visitor::join(&server, None).await;
        writers.push(tokio::spawn(async move {
            for i in 0..100 {
                let ack = visitor.say(&format!("v{v}m{i}"), &format!("{v}:{i}")).await;
                assert!(matches!(ack, VisitorOut::Ack { .. }), "{ack:?}");
            }
            visitor
        }));
    }
    let mut seqs = Vec::new();
    let mut per_visitor = vec![Vec::new(); 4];
    while seqs.len() < 400 {
        let (seq, message) = op.until(posted).await;
        let (v, i) = message.text.split_once(':').unwrap();
        per_visitor[v.parse::<usize>().unwrap()].push(i.parse::<usize>().unwrap());
        seqs.push(seq);
    }
    let mut visitors = Vec::new();
    for writer in writers {
        visitors.push(writer.await.unwrap());
    }
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "events out of order");
    for texts in per_visitor {
        assert_eq!(texts, (0..100).collect::<Vec<_>>());
    }
    nothing_more_before(&mut visitors[0], &mut op).await;
    server.server.shutdown().await;
}

/// Writes `message {i}` for each `i`, one after another, each acknowledged.
async fn write(visitor: &mut Visitor, messages: std::ops::Range<usize>) {
    for i in messages {
        let ack = visitor.say(&format!("m{i}"), &format!("message {i}")).await;
        assert!(matches!(ack, VisitorOut::Ack { .. }), "{ack:?}");
    }
}

/// Nothing came twice: a message written after all the others is the next one the operator
/// gets. A late copy of an earlier event would come before it, since events go out in `seq`
/// order (which the callers check).
async fn nothing_more_before(visitor: &mut Visitor, op: &mut Operator) {
    let ack = visitor.say("last", "the last message").await;
    assert!(matches!(ack, VisitorOut::Ack { .. }), "{ack:?}");
    let (_, next) = op.until(posted).await;
    assert_eq!(next.text, "the last message", "a message came twice");
}
