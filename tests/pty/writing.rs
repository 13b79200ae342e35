//! The standards assistant in the real binary: the pane's countdown and the offered greeting,
//! the dictionaries loaded in the background, a misspelt word marked with the reason under
//! the reply box, the suggestion key fixing it, a word added to the operator's own list, and
//! Enter still sending at once; a dictionaries folder without dictionaries said on the status
//! line and in the log, the rules working without it.

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_dictionaries_are_said_and_logged_and_the_rules_still_work() {
    let setup = Setup::start().await;
    let empty = setup.dir.path().join("no-dictionaries");
    std::fs::create_dir_all(&empty).expect("an empty folder");
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    let config = format!(
        "[writing]\ndictionaries = {:?}\n",
        empty.display().to_string()
    );
    std::fs::write(setup.config_dir().join("config.toml"), config).expect("config.toml");
    let mut console = setup.console_sized(30, 160);
    console
        .wait_text("Spell checking is off (the writing rules still work): ")
        .await;
    let log_file = setup.data_dir().join("frontdesk.log");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let log = std::fs::read_to_string(&log_file).unwrap_or_default();
        if log.contains("spell checking is off") && log.contains("ru_RU.aff") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not in the log:\n{log}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Можно оплатить картой?").await;
    console.wait_text("Можно оплатить").await;
    take_selected_chat(&mut console).await;
    console.keys("Да, щас");
    console
        .wait_for("the slang marked without the dictionaries", |s| {
            s.contains("«щас» → «сейчас» · Alt-; · slang")
        })
        .await;
}
