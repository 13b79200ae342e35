//! A line that starts with `/` is a canned-reply shortcut, never text sent by accident:
//! `/def` + Enter sends the reply the popup offers, an unknown `/word` is held with a notice,
//! and `//` sends a real slash line; the same keys pressed in the Russian layout (`.вуа`) work
//! too. The real binary in a pty against the real server.

use crate::common::Setup;
use crate::keys::{BACKSPACE, ENTER};
use crate::support::{
    named_visitor_writes, next_operator_text, take_selected_chat, visitor_chat_taken,
};

/// The short part of the shipped `defective` reply (shortcut `/defect`), in Russian.
const DEFECT: &str = "Приношу искренние извинения за то, что товар оказался с браком. Такого не должно было случиться.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_prefix_sends_the_completion_and_only_double_slash_sends_a_slash() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let mut visitor = named_visitor_writes(&setup, "Ольга", "Чайник сломался").await;
    console.wait_text("Чайник сломался").await;
    take_selected_chat(&mut console).await;

    // A word no reply starts with is held back, with a notice saying how to send it.
    console.keys("/zzz");
    console.wait_text("/zzz").await;
    console.keys(ENTER);
    console
        .wait_for("a notice that nothing was sent", |s| {
            s.contains("start with //")
        })
        .await;
    console.keys(&BACKSPACE.repeat(4));
    // A real slash line, escaped: the visitor gets one slash. (Had `/zzz` gone out, it would
    // arrive first.)
    console.keys("//catalog/kettles");
    console.wait_text("//catalog/kettles").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut visitor).await, "/catalog/kettles");

    // The popup offers /defect for /def; Enter takes it.
    console.keys("/def");
    console.wait_text("/defect").await;
    console.keys(ENTER);
    assert_eq!(
        next_operator_text(&mut visitor).await,
        DEFECT,
        "the completion went out, not the prefix"
    );
}

/// With the keyboard in the Russian layout the `/` key types `.` and `def` types `вуа`: the
/// popup offers /defect all the same and Enter sends it, without a layout switch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shortcut_typed_in_the_russian_layout_sends_its_reply() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Чайник сломался").await;
    console.keys(".вуа");
    console.wait_text("/defect").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut visitor).await, DEFECT);
}
