//! Alt-J, the next chat to answer, in the real binary in a pty against the real server: with
//! nothing of the operator's waiting it selects the queue's longest wait without taking it;
//! with a visitor of theirs waiting it opens that chat, and the reply goes there.

use crate::common::Setup;
use crate::keys::ENTER;
use crate::support::{named_visitor_writes, next_operator_text, visitor_chat_taken};

const ALT_J: &str = "\x1bj";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_j_goes_to_the_chat_that_waits_for_an_answer() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut olga = visitor_chat_taken(&mut console, &setup, "Ольга", "Здравствуйте").await;
    console.keys("Добрый день!");
    console.wait_text("Добрый день!").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut olga).await, "Добрый день!");

    // Nothing of ours waits: the queue's chat is selected, not taken.
    let _boris = named_visitor_writes(&setup, "Борис", "Есть вопрос").await;
    console.wait_text("Есть вопрос").await;
    console.keys(ALT_J);
    console
        .wait_text("Enter takes the queue's longest wait")
        .await;
    console.wait_text("Waiting (1)").await;
    console.keys(ENTER);
    console.wait_text("Reply to Борис").await;

    // Ольга writes again: Alt-J opens her chat, and the next reply is hers.
    olga.say("m-2", "Вы тут?").await;
    console.wait_text("Вы тут?").await;
    console.keys(ALT_J);
    console.wait_text("Reply to Ольга").await;
    console.keys("Да, я здесь.");
    console.wait_text("Да, я здесь.").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut olga).await, "Да, я здесь.");
}
