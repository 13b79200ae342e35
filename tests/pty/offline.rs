//! A message left while nobody was online is answered from the console: it waits under its
//! own heading, Enter takes it, the reply is stored and the visitor finds it when they come
//! back. The real binary in a pty against the real server, the visitor on a real WebSocket.

use frontdesk_protocol::{Role, VisitorOut};

use crate::common::{Setup, Visitor};
use crate::keys::ENTER;
use crate::support::irina_leaves_a_message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_message_is_answered_from_the_console() {
    let setup = Setup::start().await;
    // Nobody is online: the visitor leaves a message and goes.
    let visitor = irina_leaves_a_message(&setup).await;
    let token = visitor.token.clone();
    drop(visitor);

    let mut console = setup.console();
    console
        .wait_for("the message under its heading", |s| {
            s.contains("Left a message (1)") && s.contains("Ирина")
        })
        .await;
    // It is the only chat, so it is selected: Enter opens and takes it.
    console.keys(ENTER);
    console
        .wait_for("taken: mine, the reply box names Irina", |s| {
            s.contains("mine 1") && s.contains("Reply to Ирина")
        })
        .await;
    let reply = "Да, в течение 14 дней";
    console.keys(reply);
    console.wait_text(reply).await;
    console.keys(ENTER);
    console.wait_text(&format!("✓ Анна: {reply}")).await;

    // The visitor comes back: the answer is in their chat.
    let (_back, welcome) = Visitor::join(&setup.server.http_url(), Some(token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        panic!("{welcome:?}");
    };
    assert!(
        messages
            .iter()
            .any(|m| m.author.role == Role::Operator && m.text == reply),
        "{messages:?}"
    );
    assert!(console.quit().await.success());
}
