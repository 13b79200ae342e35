//! A command the server refuses is explained in the console's own words (the frame's
//! `reason`), not the server's English with ids. The real binary in a pty against the real
//! server.

use crate::common::Setup;
use crate::keys::{ENTER, TAB};
use crate::support::{named_visitor_writes, visitor_chat_taken};

/// The server allows one active chat per operator; taking a second is refused, and the
/// status bar says why as the console words it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn taking_a_chat_past_the_limit_says_why_in_the_consoles_words() {
    let setup = Setup::start_with(|c| c.routing.max_chats = 1).await;
    let mut console = setup.console();
    let _first = visitor_chat_taken(&mut console, &setup, "Ольга", "Есть чайники?").await;
    let _second = named_visitor_writes(&setup, "Пётр", "А утюги?").await;
    console.wait_text("А утюги?").await;
    console.keys(TAB); // to the list, where the waiting chat is above mine
    console.keys("\x1b[A");
    console.keys(ENTER);
    console
        .wait_for("the refusal in the console's words", |s| {
            s.contains("as many active chats as allowed (1)")
        })
        .await;
    assert!(
        !console.screen().contains("the most allowed"),
        "the server's own sentence is for the log"
    );
}
