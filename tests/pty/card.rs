//! The visitor card in the real binary (80x24 pty, real server, real visitor socket): it shows
//! the page the visitor is on and follows them as they navigate; the pane says when the visitor
//! left and when a quiet chat will close by itself.

use frontdesk_protocol::VisitorIn;

use crate::common::{Setup, Visitor};
use crate::keys::{ALT_O, ENTER, F2};
use crate::support::take_selected_chat;

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
    // Wide enough for the whole card beside the dialog (at 80 columns it is a strip above).
    let mut console = setup.console_sized(40, 140);
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor
        .command(page_view("p1", "catalog", "Каталог чайников"), "p1")
        .await;
    visitor.start_chat("Добрый день!").await;
    console.wait_text("Добрый день!").await;

    take_selected_chat(&mut console).await;
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

/// What the demo's returning visitor showed, now told straight: a visitor who chatted, got an
/// answer, and writes again in the same visit, with their city typed into the form and no
/// city known from their address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_counts_visits_honestly_shows_one_city_and_opens_the_answered_earlier_chat() {
    let setup = Setup::start().await;
    let mut console = setup.console_sized(40, 120);
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    let mut fields = frontdesk_protocol::PrechatFields {
        name: Some("Марина".into()),
        ..Default::default()
    };
    fields.extra.insert("city".into(), "Казань".into());
    visitor
        .command(
            VisitorIn::Prechat {
                id: "f1".into(),
                fields,
            },
            "f1",
        )
        .await;
    visitor.start_chat("Блендер Vita 300 есть?").await;
    console.wait_text("Блендер Vita 300 есть?").await;
    take_selected_chat(&mut console).await;
    console.keys("Есть, четыре штуки.");
    console.keys(ENTER);
    visitor.gets_operator_text("Есть, четыре штуки.").await;
    visitor
        .command(VisitorIn::CloseChat { id: "c1".into() }, "c1")
        .await;
    let again = VisitorIn::StartChat {
        id: "sc-2".into(),
        text: Some("Снова я: где мой заказ?".into()),
        department: None,
    };
    visitor.command(again, "sc-2").await;

    // The next morning's console: the new chat waits first in the list.
    drop(console);
    let mut console = setup.console_sized(40, 120);
    console.wait_text("Снова я").await;
    take_selected_chat(&mut console).await;
    console.keys(F2);
    let screen = console.wait_text("Earlier chats").await;
    assert!(
        screen.contains("first visit · 2 chats") && !screen.contains("returning"),
        "two chats in one visit: {screen}"
    );
    assert!(screen.contains("City: Казань (from the form)"), "{screen}");
    assert!(
        !screen.contains("City: unknown") && !screen.contains("city: Казань"),
        "one city: {screen}"
    );

    console.keys(ALT_O);
    let screen = console
        .wait_for("the earlier chat, read-only", |s| {
            s.contains("read-only") && s.contains("Марина: Блендер Vita 300 есть?")
        })
        .await;
    assert!(
        screen.contains("Анна: Есть, четыре штуки."),
        "the operator's answer in the earlier chat: {screen}"
    );
}

/// The visitor closes the site mid-chat: the real console, told by the real server, says so
/// in the pane's title (and, as this server mails answers and the visitor gave an e-mail, that
/// an answer goes there too), the card and a dialog line; when they open the site again, the
/// title and the card say nothing more and the dialog says they are back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pane_says_when_the_visitor_leaves_the_site_and_comes_back() {
    let setup = Setup::start_with(|c| {
        c.site.linger_secs = 0;
        // Mail set up (nothing is answered here, so nothing is sent).
        c.mail.host = "127.0.0.1".into();
        c.mail.from = "shop@example.ru".into();
    })
    .await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let (mut visitor, welcome) = Visitor::join(&setup.server.http_url(), None).await;
    let frontdesk_protocol::VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    visitor
        .command(page_view("p1", "catalog", "Каталог чайников"), "p1")
        .await;
    let fields = frontdesk_protocol::PrechatFields {
        email: Some("olga@example.ru".into()),
        ..Default::default()
    };
    let form = VisitorIn::Prechat {
        id: "f1".into(),
        fields,
    };
    visitor.command(form, "f1").await;
    visitor.start_chat("Есть со свистком?").await;
    console.wait_text("Есть со свистком?").await;
    take_selected_chat(&mut console).await;
    console.keys(F2);
    console.wait_text("Now on").await;

    drop(visitor);
    let screen = console.wait_text("left the site: answers by e-mail").await;
    assert!(screen.contains("Last page"), "{screen}");
    assert!(screen.contains("the visitor left the site"), "{screen}");

    let (_back, _) = Visitor::join(&setup.server.http_url(), Some(token)).await;
    console
        .wait_for("the visitor back on the site", |s| {
            !s.contains("left the site: answers")
                && s.contains("Now on")
                && s.contains("the visitor is back on the site")
        })
        .await;
}

/// An answered chat whose visitor closes the site will close by itself after the server's
/// quiet time (`[presence] close_after_left_secs`, here the default half hour): the pane's
/// title says when, about half an hour from now on the operator's clock; with the visitor back
/// it says nothing of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pane_says_when_a_quiet_chat_will_close_by_itself() {
    let setup = Setup::start_with(|c| c.site.linger_secs = 0).await;
    let mut console = setup.console_sized(30, 120);
    console.wait_text("online").await;
    let (mut visitor, welcome) = Visitor::join(&setup.server.http_url(), None).await;
    let frontdesk_protocol::VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    visitor.start_chat("Есть со свистком?").await;
    console.wait_text("Есть со свистком?").await;
    take_selected_chat(&mut console).await;
    console.keys("Есть, три модели.");
    console.keys(ENTER);
    console.wait_text("✓ Анна: Есть, три модели.").await;

    let left = jiff::Zoned::now();
    drop(visitor);
    let screen = console.wait_text(", closes at ").await;
    let title = screen
        .lines()
        .find(|l| l.contains(", closes at "))
        .unwrap_or_default();
    let said = title.split(", closes at ").nth(1).unwrap_or_default();
    // Within a minute of half an hour after the visitor left (the clock may turn meanwhile),
    // with the date before the time when that falls on another day than the one seen.
    let today = jiff::Zoned::now().date();
    let near: Vec<String> = [29, 30, 31]
        .iter()
        .map(|m| {
            let at = left
                .checked_add(jiff::SignedDuration::from_mins(*m))
                .expect("time");
            let format = if at.date() == today {
                "%H:%M "
            } else if at.year() == today.year() {
                "%d.%m %H:%M "
            } else {
                "%d.%m.%y %H:%M "
            };
            at.strftime(format).to_string()
        })
        .collect();
    assert!(
        near.iter().any(|n| said.starts_with(n.as_str())),
        "{said} not near {near:?}: {title}"
    );

    let (_back, _) = Visitor::join(&setup.server.http_url(), Some(token)).await;
    console
        .wait_for("the visitor back, no closing time", |s| {
            !s.contains("closes at") && s.contains("the visitor is back on the site")
        })
        .await;
}
