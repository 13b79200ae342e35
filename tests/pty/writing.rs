//! The standards assistant in the real binary: the pane's countdown and the offered greeting,
//! the dictionaries loaded in the background, a misspelt word marked with the reason under
//! the reply box, the suggestion key fixing it, a word added to the operator's own list, and
//! Enter still sending at once.

use crate::common::{Setup, Visitor};
use crate::keys::ENTER;
use crate::support::take_selected_chat;

const ALT_SEMICOLON: &str = "\x1b;";
const ALT_QUOTE: &str = "\x1b'";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misspelt_word_is_marked_fixed_by_a_key_and_a_word_can_be_added() {
    let setup = Setup::start().await;
    let mut console = setup.console_sized(30, 120);
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Можно оплатить картой?").await;
    console.wait_text("Можно оплатить").await;
    take_selected_chat(&mut console).await;
    // Nobody has answered: the pane counts down to the one-minute answer, and the empty reply
    // box offers the greeting (a key puts it in; it is never sent by itself).
    console
        .wait_for("the countdown and the offered greeting", |s| {
            s.contains("· answer in 0:") && s.contains("Alt-; puts in: ")
        })
        .await;

    console.keys("Да, Фронтдеск принимает карты, пожалуста");
    console
        .wait_for(
            "the word at the cursor marked, the reason under the box",
            |s| s.contains("«пожалуста» · Alt-; · not in the dictionary"),
        )
        .await;
    console.keys(ALT_SEMICOLON);
    console
        .wait_for("the first suggestion in its place", |s| {
            s.contains("карты, пожалуйста") && !s.contains("«пожалуста»")
        })
        .await;

    // The product name is not in any dictionary: added from the console, it is unmarked now
    // and kept in the operator's own list.
    for _ in 0.." принимает карты, пожалуйста".chars().count() {
        console.keys("\x1b[D");
    }
    console
        .wait_for("the product name at the cursor", |s| {
            s.contains("«Фронтдеск» · Alt-; · not in the dictionary")
        })
        .await;
    console.keys(ALT_QUOTE);
    console
        .wait_for("the word added", |s| {
            s.contains("«Фронтдеск» added to your words")
        })
        .await;
    let words = std::fs::read_to_string(setup.config_dir().join("words.txt"))
        .expect("the operator's own words");
    assert_eq!(words, "Фронтдеск\n");

    // Enter sends what is there (the end punctuation rule only marks).
    console.keys(ENTER);
    visitor
        .gets_operator_text("Да, Фронтдеск принимает карты, пожалуйста")
        .await;
}
