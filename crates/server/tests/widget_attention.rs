//! What brings a waiting visitor back to the chat (real widget in headless Chromium, real
//! server): in another tab, the operator's answers are counted in the page's title
//! (`tests/browser/tab_title.mjs`), and the title is the page's own again on return; and
//! the widget on a phone, on the keyboard, and when the server has no room for files. The
//! operator hears that an answer was read when the visitor had it in front of them, not
//! before (`tests/browser/seen.mjs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::browser::{finish, run_script};
use common::{Operator, TestServer};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, OperatorRole, Role};
use frontdesk_server::Config;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_counted_in_the_title_of_a_hidden_tab() {
    let server = TestServer::start().await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "tab_title.mjs");
    script.step("hidden").await;
    let chat_id = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::MessagePosted { message },
                ..
            } if message.author.role == Role::Visitor => Some(message.chat_id),
            _ => None,
        })
        .await;
    for (id, text) in [
        ("r-1", "Здравствуйте!"),
        ("r-2", "Да, курьером за два дня."),
    ] {
        op.send(&OperatorIn::Message {
            id: id.into(),
            chat_id,
            text: text.into(),
        })
        .await;
        op.answer(id).await.expect("the answer is stored");
    }
    script.go("answered").await;
    finish(child, script).await;
    server.server.shutdown().await;
}

/// The `seen` mark of the next `chat_seen` event.
async fn next_seen(op: &mut Operator) -> i64 {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::ChatSeen { message_id, .. },
            ..
        } => Some(*message_id),
        _ => None,
    })
    .await
}

/// Sends `text` into `chat_id` and returns the stored message's id.
async fn answer(op: &mut Operator, chat_id: i64, id: &str, text: &str) -> i64 {
    let message = OperatorIn::Message {
        id: id.into(),
        chat_id,
        text: text.into(),
    };
    op.posted_id(id, message).await
}

/// No `chat_seen` before the page view the script reports after an answer it has not seen.
async fn unseen_until_the_page_view(op: &mut Operator) {
    let frames = op
        .frames_until(|f| {
            matches!(f, OperatorOut::Event { event: EventBody::PageViewed { page, .. }, .. }
                if page.url.contains("?step="))
        })
        .await;
    let told = frames.iter().any(|f| {
        matches!(
            f,
            OperatorOut::Event {
                event: EventBody::ChatSeen { .. },
                ..
            }
        )
    });
    assert!(!told, "{frames:?}");
}

/// `tests/browser/seen.mjs`: read in the open window, told at once; arriving in a hidden tab, a
/// closed window or below where the visitor reads, told when they come back, open it or scroll
/// down to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_hears_an_answer_was_read_when_it_was() {
    let server = TestServer::start().await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (child, mut script) = run_script(&server, "seen.mjs");
    script.step("asked").await;
    let chat_id = op.next_chat_id().await;
    let first = answer(&mut op, chat_id, "r-1", "Да, есть.").await;
    script.go("answered").await;
    assert_eq!(next_seen(&mut op).await, first);

    script.step("hidden").await;
    let second = answer(&mut op, chat_id, "r-2", "Привезём завтра.").await;
    script.go("second").await;
    script.step("unseen-hidden").await;
    unseen_until_the_page_view(&mut op).await;
    script.go("back").await;
    assert_eq!(next_seen(&mut op).await, second);

    script.step("back").await;
    script.go("closing").await;
    script.step("closed").await;
    let third = answer(&mut op, chat_id, "r-3", "Оплата при получении.").await;
    script.go("third").await;
    script.step("unseen-closed").await;
    unseen_until_the_page_view(&mut op).await;
    script.go("open").await;
    assert_eq!(next_seen(&mut op).await, third);

    script.step("opened").await;
    script.go("scroll").await;
    script.step("scrolled-up").await;
    let fourth = answer(&mut op, chat_id, "r-4", "Могу ли ещё чем-то помочь?").await;
    script.go("fourth").await;
    script.step("unseen-scrolled").await;
    unseen_until_the_page_view(&mut op).await;
    script.go("down").await;
    assert_eq!(next_seen(&mut op).await, fourth);
    finish(child, script).await;
    server.server.shutdown().await;
}

/// The widget on a phone (`tests/browser/phone.mjs`): the open window fills the screen, its
/// fields do not make iOS zoom, and a question asked there is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_window_is_the_whole_screen() {
    with_an_operator_online("phone.mjs", |_| {}).await;
}

/// A server whose disk has no room for files (`tests/browser/no_room.mjs`): the widget says
/// so in the visitor's language instead of the server's words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_room_for_files_the_widget_says_so() {
    with_an_operator_online("no_room.mjs", |c| c.files.min_free_bytes = u64::MAX / 2).await;
}

/// Runs a browser script that needs no turns while an operator is online (so the widget
/// offers the pre-chat form, not the offline one).
async fn with_an_operator_online(script: &str, config: impl FnOnce(&mut Config)) {
    let server = TestServer::start_with(config).await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (_op, _) = Operator::in_sync(&server, &token).await;
    let (child, script) = run_script(&server, script);
    finish(child, script).await;
    server.server.shutdown().await;
}

/// The widget on the keyboard (`tests/browser/keyboard.mjs`): Enter on the launcher puts the
/// keys in the window, Escape closes it and gives them back, a reload steals none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_takes_and_gives_back_the_keys() {
    with_an_operator_online("keyboard.mjs", |_| {}).await;
}
