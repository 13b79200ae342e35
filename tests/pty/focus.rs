//! Focus is never ambiguous: the pane the operator picks with Alt-1 takes the keys, typed text
//! is never dropped, and a canned hotkey acts on the chat shown focused. The real binary in an
//! 80x24 pty against the real server, two visitors on real WebSockets.

use crate::common::Setup;
use crate::keys::{ALT_1, ALT_2, ALT_V, ALT_Y, ENTER, TAB};
use crate::support::{named_visitor_writes, next_operator_text, stored_replies};

/// The shipped closing reply (`send = true`) is bound to Alt-Y; the visitors write in Russian.
const CLOSING: &str = "Очень хорошо, что удалось Вам помочь! Могу ли я подсказать что-нибудь ещё?";

/// The reply box's title row: the line just above its text, at the bottom of the screen.
fn reply_title(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| l.contains("Reply"))
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_1_takes_the_keys_and_the_hotkey_answers_the_chat_shown_focused() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let mut olga = named_visitor_writes(&setup, "Ольга", "Когда доставка?").await;
    let mut maria = named_visitor_writes(&setup, "Мария", "Поменяйте адрес доставки").await;
    console.wait_text("Waiting (2)").await;

    // Olga's chat (waiting longest) opens in pane 1 and takes the keys.
    console.keys(ENTER);
    console
        .wait_for("Olga's chat open, her name on the reply box", |s| {
            s.contains("Анна joined") && reply_title(s).contains("Ольга")
        })
        .await;
    // A second pane, empty: the list takes the keys, and says where Enter opens.
    console.keys(ALT_V);
    console.wait_text("2 ").await;
    console.keys("k");
    console.keys(ENTER);
    console
        .wait_for("Maria's chat in pane 2, her name on the reply box", |s| {
            s.contains("Поменяйте адрес") && reply_title(s).contains("Мария")
        })
        .await;

    // Back to the list, then Alt-1: pane 1 is focused, and so are the keys.
    console.keys(TAB);
    console.keys(ALT_1);
    console
        .wait_for("the reply box answers Olga", |s| {
            reply_title(s).contains("Ольга")
        })
        .await;
    let reply = "Привезём завтра";
    console.keys(reply);
    console.wait_text(reply).await;
    console.keys(ENTER);
    olga.gets_operator_text(reply).await;

    // The closing hotkey goes to the chat shown focused: Olga's again.
    console.keys(ALT_Y);
    olga.gets_operator_text(CLOSING).await;

    assert_eq!(stored_replies(&setup, &olga).await, [reply, CLOSING]);
    assert!(
        stored_replies(&setup, &maria).await.is_empty(),
        "nothing went to Maria"
    );
    // Maria's socket saw no operator text either: a reply typed in her pane now is the
    // first she gets (her socket gets her chat's messages in the order they were stored).
    console.keys(ALT_2);
    console
        .wait_for("the reply box answers Maria", |s| {
            reply_title(s).contains("Мария")
        })
        .await;
    let to_maria = "Адрес поменяли";
    console.keys(to_maria);
    console.wait_text(to_maria).await;
    console.keys(ENTER);
    assert_eq!(
        next_operator_text(&mut maria).await,
        to_maria,
        "Maria got an operator message meant for Olga"
    );
}

/// Typing while the list has the keys lands in the reply box of the focused pane's chat
/// instead of being dropped; the box says whose chat it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_typed_in_the_list_goes_to_the_reply_box_not_nowhere() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let mut olga = named_visitor_writes(&setup, "Ольга", "Есть самовывоз?").await;
    console.wait_text("Waiting (1)").await;
    console.keys(ENTER);
    console
        .wait_for("Olga's chat open", |s| {
            s.contains("Анна joined") && reply_title(s).contains("Ольга")
        })
        .await;
    console.keys(TAB);
    // "Да" starts with a key the list does not use: the whole word reaches the box.
    let text = "Да, есть";
    console.keys(text);
    console.wait_text(text).await;
    console.keys(ENTER);
    olga.gets_operator_text(text).await;
}
