//! Two visitors at once, answered from two panes with keys only: the real binary in an 80x24
//! pty against the real server, each visitor on a real WebSocket.

use crate::common::{Console, Setup, Visitor};
use crate::keys::{ALT_1, ALT_N, ALT_V, ENTER};
use crate::support::{next_operator_text, stored_replies};

/// Replies short enough for one line of a pane at 80 columns (the author mark and
/// "15:22 ✓ Анна: " come first).
const O1: &str = "Завтра";
const O2: &str = "Даром";
const B1: &str = "3 left";
const B2: &str = "Reserve?";

/// Types a reply into the focused pane's box and sends it; waits until it shows as stored.
async fn answer(console: &mut Console, text: &str) {
    console.keys(text);
    console.wait_text(text).await;
    console.keys(ENTER);
    console
        .wait_for("the reply stored", |s| {
            s.lines().any(|l| l.contains(&format!("✓ Анна: {text}")))
        })
        .await;
}

/// Reads the visitor's socket until `last` arrives; returns every operator message on the way.
async fn operator_messages_until(visitor: &mut Visitor, last: &str) -> Vec<String> {
    let mut got = Vec::new();
    while got.last().is_none_or(|text| text != last) {
        got.push(next_operator_text(visitor).await);
    }
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_visitors_answered_from_two_panes_with_keys_only() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let (mut olga, _) = Visitor::join(&setup.server.http_url(), None).await;
    olga.start_chat("Есть доставка?").await;
    let (mut boris, _) = Visitor::join(&setup.server.http_url(), None).await;
    boris.start_chat("Kettle in stock?").await;
    console.wait_text("Kettle in stock?").await;
    console.wait_text("Waiting (2)").await;

    // The first chat in the list (Olga's, waiting longest) opens and is accepted.
    console.keys(ENTER);
    console
        .wait_for("Olga's chat open", |s| {
            s.contains("Анна joined") && s.contains("Есть доставка?")
        })
        .await;
    // Split: a second, empty pane beside it takes the focus, and the keys go to the list,
    // which says Enter opens into pane 2. Up to Boris's waiting chat, and open it there.
    console.keys(ALT_V);
    console.wait_text("Enter opens in pane 2").await;
    console.keys("k");
    console.keys(ENTER);
    let both = console
        .wait_for("both dialogs side by side", |s| {
            s.lines()
                .any(|l| l.contains("1 Visitor") && l.contains("2 Visitor"))
                && s.contains("Kettle in stock?")
                // The list's preview shows the text before the accept comes back: wait for it.
                && s.contains("Mine (2)")
        })
        .await;
    assert!(both.contains("Waiting (0)"), "nothing left waiting: {both}");

    answer(&mut console, B1).await;
    console.keys(ALT_1);
    answer(&mut console, O1).await;
    console.keys(ALT_N);
    answer(&mut console, B2).await;
    console.keys(ALT_1);
    answer(&mut console, O2).await;

    assert_eq!(operator_messages_until(&mut olga, O2).await, [O1, O2]);
    assert_eq!(operator_messages_until(&mut boris, B2).await, [B1, B2]);
    // And nothing else was stored in either chat.
    assert_eq!(stored_replies(&setup, &olga).await, [O1, O2]);
    assert_eq!(stored_replies(&setup, &boris).await, [B1, B2]);

    // The screen shows both dialogs side by side, every reply in its own pane.
    let screen = console.screen();
    let at = |text: &str| {
        screen
            .lines()
            .enumerate()
            .find_map(|(row, l)| l.find(text).map(|i| (row, l[..i].chars().count())))
            .unwrap_or_else(|| panic!("{text:?} on screen:\n{screen}"))
    };
    let (title_row, left) = at("1 Visitor");
    let (same_row, right) = at("2 Visitor");
    assert!(title_row == same_row && left < right, "{screen}");
    // Pane 2's border is the column before its title.
    let column = |reply: &str| at(&format!("✓ Анна: {reply}")).1;
    for reply in [O1, O2] {
        assert!(
            column(reply) < right - 1,
            "{reply} in the left pane:\n{screen}"
        );
    }
    for reply in [B1, B2] {
        assert!(
            column(reply) >= right,
            "{reply} in the right pane:\n{screen}"
        );
    }
    assert!(console.quit().await.success());
}
