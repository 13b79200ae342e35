//! Keys as terminals send them in the awkward cases, in the real binary in a pty against the
//! real server. An Esc just before a key's sequence, both in one read (a quick Esc then F5 on
//! a slow link or a busy console, or a macOS terminal's Option+arrow): the key with Alt, never
//! its sequence's letters typed into the reply box and sent to the visitor. And Alt keys with
//! the keyboard in the Russian layout.

use crate::common::Setup;
use crate::keys::ENTER;
use crate::support::{next_operator_text, visitor_chat_taken};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_esc_before_a_function_key_or_arrow_in_one_write_types_nothing() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Здравствуйте").await;

    console.keys("Добрый");
    console.wait_text("Добрый").await;
    // Esc+F5 and Esc+Up, each pair in one write: Alt-F5 (unbound) and Alt-Up (the card's
    // earlier chats, none here).
    console.keys("\x1b\x1b[15~");
    console.keys("\x1b\x1b[A");
    console.keys(" день");
    console.wait_text("Добрый день").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut visitor).await, "Добрый день");
}

/// The keyboard in the Russian layout, as an operator writing in Russian has it: Alt-п is
/// Alt-G in its place and greets the visitor, without a layout switch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_keys_work_in_the_russian_layout() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Добрый день!").await;
    console.keys("\x1bп");
    let greeting = next_operator_text(&mut visitor).await;
    assert!(greeting.starts_with("Здравствуйте, Ольга!"), "{greeting}");
}

/// A shell's line keys in the reply box: Ctrl-U deletes what was typed (it was the editor's
/// undo, which took back one letter, and the rest went to the visitor with the next line),
/// Ctrl-Z brings it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_u_deletes_the_line_and_ctrl_z_brings_it_back() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Здравствуйте").await;
    console.keys("не знаю");
    console.wait_text("не знаю").await;
    console.keys("\x15Добрый");
    console.wait_text("│Добрый ").await;
    console.keys("\x15\x1a");
    console.keys(" день");
    console.wait_text("Добрый день").await;
    console.keys(ENTER);
    assert_eq!(next_operator_text(&mut visitor).await, "Добрый день");
}
