//! The search across chats in the real binary against the real server: a visitor of the sales
//! department wrote «Я заказал диван» days ago (the chat closed, so the console does not hold
//! it); Анна, of sales, presses Ctrl-G, searches «заказ», sees the snippet — and not the
//! support department's chat that also says «заказ» — and Enter shows that dialog read-only
//! with the message marked.

use std::time::{Duration, Instant};

use frontdesk_protocol::OperatorRole;
use frontdesk_protocol::search::SearchResults;
use frontdesk_server::routing::Department;

use crate::common::{PASSWORD, Setup};
use crate::keys::{CTRL_G, ENTER};
use crate::support::closed_chat;

/// Searches as the holder of `token` until `query` finds something: the server indexes on
/// its maintenance timer.
async fn until_indexed(setup: &Setup, token: &str, query: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let path = format!("/api/search?q={}", frontdesk::net::rest::query_value(query));
    loop {
        let found: SearchResults =
            frontdesk::net::rest::get_json(&setup.server.http_url(), token, &path)
                .await
                .expect("search");
        if !found.hits.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "{query} never indexed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The chats closed two days ago: a console's snapshot carries only those of the last day.
async fn closed_two_days_ago(setup: &Setup) {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(setup.db_path())
        .busy_timeout(Duration::from_secs(5));
    let mut db = options.connect().await.expect("the database");
    let two_days = 2 * 24 * 3_600_000_i64;
    sqlx::query("UPDATE chats SET created_at = created_at - ?, closed_at = closed_at - ? WHERE status = 'closed'")
        .bind(two_days)
        .bind(two_days)
        .execute(&mut db)
        .await
        .expect("aged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_g_finds_a_past_chat_of_my_department_and_enter_shows_it_at_the_message() {
    let department = |key: &str, title: &str, who: &str| Department {
        key: key.into(),
        title: title.into(),
        operators: vec![who.into()],
    };
    let setup = Setup::start_with(|c| {
        c.storage.checkpoint_interval_ms = 50;
        c.routing.departments = vec![
            department("sales", "Продажи", "anna"),
            department("support", "Поддержка", "boris"),
        ];
    })
    .await;
    setup
        .server
        .add_operator("boris", "Борис", PASSWORD, OperatorRole::Operator)
        .await
        .expect("operator");
    let boris = frontdesk::net::rest::login(&setup.server.http_url(), "boris", PASSWORD)
        .await
        .expect("login");

    closed_chat(&setup, "Ольга", "sales", "Я заказал диван, где он?").await;
    closed_chat(&setup, "Пётр", "support", "Где мой заказ кресла?").await;
    closed_two_days_ago(&setup).await;
    // Both are indexed: Boris finds the support one, Анна the sales one.
    until_indexed(&setup, &boris.token, "кресла").await;
    until_indexed(&setup, &setup.token, "диван").await;

    let mut console = setup.console();
    console.wait_text("online").await;
    let screen = console.screen();
    assert!(
        !screen.contains("Ольга"),
        "not held by the console: {screen}"
    );

    console.keys(CTRL_G);
    console.wait_text("Search all chats").await;
    console.keys("заказ");
    console.keys(ENTER);
    let screen = console
        .wait_for("the hit of Анна's department", |s| {
            s.contains("1 found for «заказ»") && s.contains("Я заказал диван, где он?")
        })
        .await;
    assert!(screen.contains("Ольга"), "{screen}");
    assert!(
        !screen.contains("кресла") && !screen.contains("Пётр"),
        "another department's chat is not found: {screen}"
    );

    // Enter on the hit: the dialog, read-only, the hit word found by the dialog's search.
    console.keys(ENTER);
    let screen = console
        .wait_for("the found dialog", |s| {
            !s.contains("Search all chats")
                && s.contains("read-only")
                && s.contains("Я заказал диван, где он?")
                && s.contains("1/1")
        })
        .await;
    assert!(screen.contains("Ольга"), "{screen}");
    let hit = console.cell_of("заказал").expect("the hit word on screen");
    assert!(
        hit.inverse() || hit.bold() || hit.bgcolor() != vt100::Color::Default,
        "marked"
    );

    // Nothing typed there reaches the visitor.
    console.keys("ответ");
    console.keys(ENTER);
    console.wait_text("read-only, not sent").await;
}
