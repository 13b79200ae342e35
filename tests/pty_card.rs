//! The visitor card in the real binary (80x24 pty, real server, real visitor socket): it shows
//! the page the visitor is on and follows them as they navigate.

mod common;

use common::{Setup, Visitor};
use frontdesk_protocol::VisitorIn;

const ENTER: &str = "\r";
const F2: &str = "\x1bOQ";

fn page_view(id: &str, path: &str, title: &str) -> VisitorIn {
    VisitorIn::PageView {
        id: id.into(),
        url: format!("https://shop.example/{path}"),
        title: Some(title.into()),
        referrer: Some("https://yandex.ru/search/?text=чайник".into()),
        search_query: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_shows_the_current_page_and_follows_navigation() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor
        .command(page_view("p1", "catalog", "Каталог чайников"), "p1")
        .await;
    visitor.start_chat("Добрый день!").await;
    console.wait_text("Добрый день!").await;

    console.keys(ENTER);
    console.wait_text("Анна joined").await;
    console.keys(F2);
    let screen = console.wait_text("Каталог чайников").await;
    assert!(screen.contains("Now on"), "{screen}");
    assert!(screen.contains("Searched for: чайник"), "{screen}");

    visitor
        .command(page_view("p2", "delivery", "Доставка и оплата"), "p2")
        .await;
    let screen = console.wait_text("Доставка и оплата").await;
    assert!(
        screen.contains("Before that"),
        "the trail keeps the earlier page: {screen}"
    );

    // F2 again: back to the dialog.
    console.keys(F2);
    console
        .wait_for("the dialog again", |s| {
            !s.contains("Now on") && s.contains("Добрый день!")
        })
        .await;
}
