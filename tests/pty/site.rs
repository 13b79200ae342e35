//! "On the site now" in the real binary against the real server: F5 lists a visitor on the
//! site, the row follows them to the next page, Enter opens their card with the browser and
//! the pages they saw, and Alt-I with a text invites them (the visitor's socket gets the
//! invitation).

use frontdesk_protocol::{VisitorIn, VisitorOut};

use crate::common::{Setup, Visitor};
use crate::keys::ENTER;

const ALT_I: &str = "\x1bi";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

const F5: &str = "\x1b[15~";

async fn open_page(visitor: &mut Visitor, id: &str, url: &str, title: &str) {
    let page = VisitorIn::PageView {
        id: id.into(),
        url: url.into(),
        title: Some(title.into()),
        referrer: None,
        search_query: None,
    };
    visitor.command(page, id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f5_lists_a_visitor_follows_their_pages_and_invites_them() {
    let setup = Setup::start().await;
    let mut anna = setup.console_sized(24, 100);
    anna.wait_text("online").await;
    let (mut visitor, _) =
        Visitor::join_with_agent(&setup.server.http_url(), None, Some(FIREFOX)).await;
    open_page(&mut visitor, "p-1", "https://shop.example/shoes", "Кеды").await;

    anna.keys(F5);
    anna.wait_for("the visitor on the shoes page", |s| {
        s.contains("On the site now: 1") && s.lines().any(|l| l.contains("Кеды"))
    })
    .await;
    open_page(&mut visitor, "p-2", "https://shop.example/cart", "Корзина").await;
    anna.wait_for("the row on the cart page", |s| {
        s.lines()
            .any(|l| l.contains("Корзина") && l.contains(" 2 "))
            && !s.contains("Кеды")
    })
    .await;

    // The card: what the row leaves out, from the server.
    anna.keys(ENTER);
    anna.wait_for("the card with the browser and both pages", |s| {
        s.contains("Browser: Firefox") && s.contains("Latest pages:") && s.contains("Кеды")
    })
    .await;
    anna.keys("\x1b");
    anna.wait_for("the card closed, the view still open", |s| {
        !s.contains("Browser:") && s.contains("On the site now")
    })
    .await;

    anna.keys(ALT_I);
    anna.wait_text("Invitation: ").await;
    anna.keys("Помочь с размером?");
    anna.keys(ENTER);
    let got = visitor
        .recv_until(|f| matches!(f, VisitorOut::Invitation { .. }))
        .await;
    let VisitorOut::Invitation {
        text,
        operator_name,
        ..
    } = got
    else {
        unreachable!()
    };
    assert_eq!(text, "Помочь с размером?");
    assert!(!operator_name.is_empty());
    anna.wait_for("the row marked invited", |s| {
        s.lines()
            .any(|l| l.contains("Корзина") && l.contains("invited"))
    })
    .await;
    anna.keys("\x1b");
    anna.wait_for("the view closed", |s| !s.contains("On the site now"))
        .await;
}
