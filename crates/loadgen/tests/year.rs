//! The year generator's database is one the real server reads: a small year is generated
//! through the server's own schema, accounts, indexer and prune, then served, and its
//! statistics and search agree with what was generated.

use clap::Parser;
use frontdesk_loadgen::year::{self, LEAD, PASSWORD, YearArgs};
use frontdesk_protocol::rest::LoginResponse;
use frontdesk_protocol::search::SearchResults;
use frontdesk_protocol::stats::StatsReport;
use sqlx::ConnectOptions;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_year_is_served_with_its_statistics_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("year.db");
    let args = YearArgs::parse_from([
        "frontdesk-yearbench",
        "--db",
        db.to_str().unwrap(),
        "--chats",
        "1500",
        "--messages",
        "24000",
        "--operators",
        "6",
        "--departments",
        "3",
        "--days",
        "21",
        // A window far shorter than the year, so the prune runs and the statistics below
        // are those of what it leaves.
        "--replay-window",
        "1000",
    ]);
    let report = year::run(args).await.unwrap();
    assert_eq!(report.size.chats, 1500);
    let messages = report.size.messages;
    assert!(
        (23_000..25_000).contains(&messages),
        "{messages} messages for 24,000 asked"
    );
    assert!(report.generated.is_some(), "a new file is generated");
    // The maintenance passes caught up: every closed chat has its statistics summary.
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&db)
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let (summed, closed): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM chat_facts),
                (SELECT COUNT(*) FROM chats WHERE status = 'closed')",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(closed > 1000 && summed == closed, "{summed} of {closed}");
    // The prune caught up too: past the window only what statistics read is left.
    let (head, left, read_later): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT MAX(seq) FROM events),
                (SELECT COUNT(*) FROM events WHERE seq <= (SELECT MAX(seq) FROM events) - 1000),
                (SELECT COUNT(*) FROM events WHERE seq <= (SELECT MAX(seq) FROM events) - 1000
                   AND kind IN ('chat_created', 'chat_closed', 'operator_status_changed'))",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(head > 20_000, "{head} events");
    assert!(
        left > 2_000 && left == read_later,
        "{left} left, {read_later} read later"
    );
    sqlx::Connection::close(conn).await.unwrap();

    let server = frontdesk_server::start(frontdesk_server::Config::local(&db))
        .await
        .unwrap();
    let url = format!("http://{}", server.addr);
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{url}/api/login"))
        .json(&serde_json::json!({ "name": LEAD, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    let now = frontdesk_server::store::now_ms();
    let stats: StatsReport = http
        .get(format!(
            "{url}/api/stats?since={}&until={now}&by=operator",
            now - 30 * 86_400_000
        ))
        .bearer_auth(&login.token)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    let t = &stats.total;
    assert_eq!(t.chats_started + t.offline_messages, 1500, "{t:?}");
    assert!(t.chats_missed > 0 && t.offline_messages > 0, "{t:?}");
    assert!(t.chats_answered > t.chats_started * 8 / 10, "{t:?}");
    assert_eq!(
        t.messages_from_visitors + t.messages_from_operators,
        messages as u64,
        "{t:?}"
    );
    assert!(
        t.online_ms > 0 && t.away_ms > 0,
        "shifts were stored: {t:?}"
    );

    // The indexer ran to the end: a stem finds its inflected forms.
    let found: SearchResults = http
        .get(format!(
            "{url}/api/search?q=%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7&limit=100"
        ))
        .bearer_auth(&login.token)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        found.hits.iter().any(|h| h.snippet.contains("заказал")),
        "{:?}",
        found.hits.first()
    );
    server.shutdown().await;
}
