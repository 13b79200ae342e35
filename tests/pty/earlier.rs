//! A returning visitor's earlier chat, opened from the visitor card by keys in the real binary
//! (80x24 pty, real server, real visitor socket): it shows its old messages read-only, refuses
//! a reply, and can be searched.

use frontdesk_protocol::VisitorIn;

use crate::common::{Setup, Visitor};
use crate::keys::{ALT_O, CTRL_F, CTRL_N, ENTER, F2};
use crate::support::take_selected_chat;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_chat_opens_read_only_from_the_card() {
    let setup = Setup::start().await;
    // Yesterday's conversation, ended by the visitor; then they come back.
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Где мой заказ A-1043?").await;
    visitor.say("m1", "Оплачен вчера, номер a-1043").await;
    visitor
        .command(VisitorIn::CloseChat { id: "c1".into() }, "c1")
        .await;
    let again = VisitorIn::StartChat {
        id: "sc-2".into(),
        text: Some("Снова я: посылки нет".into()),
        department: None,
    };
    visitor.command(again, "sc-2").await;

    let mut console = setup.console();
    console.wait_text("Снова я").await;
    // Open (and accept) the waiting chat, then the card with the earlier chat listed.
    take_selected_chat(&mut console).await;
    console.keys(F2);
    console.wait_text("Earlier chats").await;
    console.keys(ALT_O);
    // At 80 columns the card is a strip over the dialog: F2 shows all of it, and again hides
    // it, to see the earlier chat.
    console.keys(F2);
    console.wait_text("F2 back to the dialog").await;
    console.keys(F2);
    let screen = console
        .wait_for("the earlier chat's old messages", |s| {
            s.contains("read-only") && s.contains("Оплачен вчера, номер a-1043")
        })
        .await;
    assert!(screen.contains("Где мой заказ A-1043?"), "{screen}");

    // The reply box does not send into it.
    console.keys("ответ");
    console.keys(ENTER);
    console.wait_text("read-only, not sent").await;

    // Search it: both messages hold the order number, in either case.
    console.keys(CTRL_F);
    console.keys("A-1043");
    console.wait_text("1/2").await;
    console.keys(ENTER);
    console.keys(CTRL_N);
    console.wait_text("2/2").await;
}
