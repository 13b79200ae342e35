//! A visitor who floods chats with the longest messages allowed cannot lock a console out: a
//! fresh console connects, lists the waiting chats and stays connected. The real binary in a
//! pty against the real server; the visitor writes over the real visitor socket.

use std::time::Duration;

use frontdesk_protocol::{VisitorIn, VisitorOut};
use tokio::time::Instant;

use crate::common::{Setup, Visitor};

/// The longest message allowed, in 4-byte characters.
fn long_text(n: usize) -> String {
    let head = format!("{n:04} ");
    format!("{head}{}", "😀".repeat(4000 - head.chars().count()))
}

/// One visitor writes `count` long messages as fast as the server takes them: ten at a time,
/// reading the answers between (a visitor who stops reading is disconnected).
async fn flood_chat(http: &str, count: usize) -> Visitor {
    let (mut visitor, _) = Visitor::join(http, None).await;
    for from in (0..count).step_by(10) {
        let to = count.min(from + 10);
        for n in from..to {
            let frame = VisitorIn::Message {
                id: format!("m-{n}"),
                text: long_text(n),
            };
            visitor.send(&frame).await;
        }
        for n in from..to {
            let id = format!("m-{n}");
            let got = visitor
                .recv_until(|f| {
                    matches!(f, VisitorOut::Ack { id: i, .. } | VisitorOut::Error { id: Some(i), .. } if *i == id)
                })
                .await;
            assert!(matches!(got, VisitorOut::Ack { .. }), "{got:?}");
        }
    }
    visitor
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_lists_chats_after_a_flood_of_long_messages() {
    // Fast rate limits so the flood takes a second; the frame limits stay at their defaults.
    let setup = Setup::start_with(|c| c.limits.raise_rates(10_000)).await;
    let http = setup.server.http_url();
    let mut visitors = Vec::new();
    for _ in 0..3 {
        visitors.push(flood_chat(&http, 100).await);
    }

    let mut console = setup.console();
    console
        .wait_for("the three chats waiting, in sync", |s| {
            s.contains("Waiting (3)") && s.contains("● online") && s.contains("waiting 3")
        })
        .await;
    // And it stays so: no reconnect, no moment of "offline" or "connecting". Staying
    // connected for a while is the point here, so this one watches the clock: 1.5 s of
    // screens, each checked.
    let until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < until {
        let screen = console.screen();
        assert!(
            screen.contains("● online") && screen.contains("Waiting (3)"),
            "the console lost its connection or its chats:\n{screen}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(console.quit().await.success());
}
