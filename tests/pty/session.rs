//! The pane layout and the chats in it come back on the next start of the real binary.

use crate::common::{Setup, Visitor};
use crate::keys::{ALT_V, TAB};
use crate::support::take_selected_chat;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panes_are_restored_on_the_next_start() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let (mut olga, _) = Visitor::join(&setup.server.http_url(), None).await;
    olga.start_chat("Первый вопрос").await;
    let (mut boris, _) = Visitor::join(&setup.server.http_url(), None).await;
    boris.start_chat("Second question").await;
    console.wait_text("Second question").await;

    // Open the first chat, then split: the new pane shows the next chat in the list.
    take_selected_chat(&mut console).await;
    console.keys(TAB); // back to the list (a lone Esc followed by a key reads as Alt)
    console.keys("k"); // the waiting chat sits above ours now
    console.keys(ALT_V);
    let two = console
        .wait_for("two numbered panes", |s| {
            s.contains("1 Visitor") && s.contains("2 Visitor")
        })
        .await;
    assert!(
        two.contains("Первый вопрос") && two.contains("Second question"),
        "{two}"
    );
    assert!(console.quit().await.success());

    let again = setup.console();
    // The panes come back from the local cache before the socket is up, so wait for
    // "online" in the same screen rather than asserting it after the panes showed.
    again
        .wait_for("the same two panes, connected", |s| {
            s.contains("online")
                && s.contains("1 Visitor")
                && s.contains("2 Visitor")
                && s.contains("Первый вопрос")
                && s.contains("Second question")
        })
        .await;
}
