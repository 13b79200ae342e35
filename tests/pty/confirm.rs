//! Work is not lost by one key: Ctrl-W asks before closing a chat, Ctrl-Q asks before quitting
//! with chats open or drafts unsent, and a draft comes back after a restart. The real binary
//! in a pty against the real server, the visitor on a real WebSocket.

use frontdesk_protocol::{SystemEvent, VisitorOut};

use crate::common::Setup;
use crate::keys::{CTRL_Q, CTRL_W, TAB};
use crate::support::visitor_chat_taken;

const DRAFT: &str = "Черновик ответа про доставку";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_and_quitting_ask_first_and_a_draft_survives_a_restart() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Здравствуйте").await;

    // Ctrl-W asks, saying her hello has no answer yet; n keeps the chat.
    console.keys(CTRL_W);
    console
        .wait_text("Close the chat with Ольга unanswered?")
        .await;
    console.keys("n");
    console
        .wait_for("the question gone, the chat still mine", |s| {
            !s.contains("Close the chat") && s.contains("mine 1")
        })
        .await;

    // A draft, not sent; Ctrl-Q asks and counts it; y quits.
    console.keys(DRAFT);
    console.wait_text(DRAFT).await;
    console.keys(CTRL_Q);
    console
        .wait_for("the quit question", |s| {
            s.contains("Quit?") && s.contains("drafts: 1") && s.contains("y quit")
        })
        .await;
    console.keys("y");
    assert!(console.wait_exit().await.success());

    // Next start: the chat is back in its pane with the draft in the reply box.
    let mut console = setup.console();
    console
        .wait_for("the draft back in Olga's reply box", |s| {
            s.contains(DRAFT) && s.contains("Reply to Ольга")
        })
        .await;

    // Ctrl-W, y: the chat closes for real.
    console.keys(TAB);
    console.keys(CTRL_W);
    console
        .wait_text("Close the chat with Ольга unanswered?")
        .await;
    console.keys("y");
    visitor
        .recv_until(|f| {
            matches!(
                f,
                VisitorOut::System {
                    event: SystemEvent::Closed,
                    ..
                }
            )
        })
        .await;
    // The draft is still unsent: quitting asks again, and the same key twice says yes.
    console.keys(CTRL_Q);
    console.wait_text("Quit?").await;
    console.keys(CTRL_Q);
    assert!(console.wait_exit().await.success());
}
