//! Connect to a complete snapshot with 1,000 open chats of 1,000 messages each. The database is
//! seeded with SQL straight into the real SQLite file before the server starts (the schema
//! comes from the server's own migrations), then the real server serves it on 127.0.0.1 and
//! the console's own network task (`frontdesk::net`) connects without `since`, as a fresh
//! console does. Measures connect → `welcome`, → first snapshot frame, → complete snapshot
//! (the `snapshot` frame, when the console reports itself in sync), and the time the console's
//! `update` takes to apply it. Results: docs/benchmarks.md.
//!
//! `cargo bench --bench snapshot`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use frontdesk::app::{Event, State, update};
use frontdesk::net::{self, NetEvent};
use frontdesk_protocol::{OperatorOut, OperatorRole};
use frontdesk_server::Config;
use sqlx::{Connection, Executor, SqliteConnection};

const CHATS: i64 = 1_000;
const PER_CHAT: i64 = 1_000;
const RUNS: usize = 10;
const T0: i64 = 1_795_000_000_000;

/// What visitors and operators write, short and long (the memory run's texts).
const TEXTS: [&str; 8] = [
    "Здравствуйте!",
    "Подскажите, пожалуйста, когда будет доставка в Казань?",
    "Hello, is the blue one in stock?",
    "Одну минуту, уточню у склада и сразу вернусь с ответом.",
    "Спасибо 👍",
    "Заказ 48213, оплатил картой вчера, а статус всё ещё «ожидает оплаты». Что делать?",
    "Sure, I have sent the tracking link to your e-mail.",
    "Да, размер M есть, могу забронировать для Вас до вечера.",
];

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    // The schema and the operator, by the server itself; then it stops.
    let server = frontdesk_server::start(Config::local(&db)).await.unwrap();
    server
        .add_operator("anna", "Анна", "pw", OperatorRole::Operator)
        .await
        .unwrap();
    server.shutdown().await;

    let started = Instant::now();
    seed(&db).await;
    let size = std::fs::metadata(&db).unwrap().len();
    println!(
        "seeded {CHATS} chats × {PER_CHAT} messages in {:.1} s (database {} MiB)",
        started.elapsed().as_secs_f64(),
        size >> 20
    );

    let server = frontdesk_server::start(Config::local(&db)).await.unwrap();
    let http = server.http_url();
    let token = net::rest::login(&http, "anna", "pw").await.unwrap().token;
    let url = net::ws_url(&http).unwrap();
    let mut runs = Vec::new();
    for run in 0..=RUNS {
        let got = connect(&url, &token).await;
        // The first run warms the page cache; it is not counted.
        if run > 0 {
            runs.push(got);
        }
    }
    server.shutdown().await;
    report(&runs);
}

/// Visitors with a 20-page trail, their active chats, and the messages, interleaved across the
/// chats as a day's arrive, visitor and operator in turn; one transaction.
async fn seed(db: &Path) {
    let mut conn = SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let texts = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| format!("WHEN {i} THEN '{t}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let statements = [
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CHATS})
             INSERT INTO visitors (id, token_hash, name, email, user_agent, language, city,
                                   visits, chats, first_seen, last_seen)
             SELECT i, 'bench-' || i, 'Ольга ' || i, 'olga' || i || '@example.ru',
                    'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
                    'ru-RU', 'Казань', 3, 1, {T0}, {T0} FROM n"
        ),
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {CHATS} * 20 - 1)
             INSERT INTO page_views (visitor_id, url, title, ts)
             SELECT i / 20 + 1, 'https://shop.example/catalog/' || (i % 20), 'Каталог ' || (i % 20),
                    {T0} + i FROM n"
        ),
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CHATS})
             INSERT INTO chats (id, visitor_id, status, operator_id, created_at, accepted_at)
             SELECT i, i, 'active', 1, {T0}, {T0} + 1000 FROM n"
        ),
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
                                     WHERE i < {CHATS} * {PER_CHAT} - 1)
             INSERT INTO messages (id, chat_id, seq, ts, author_role, operator_id, kind, body)
             SELECT i + 1, i % {CHATS} + 1, i + 1, {T0} + i,
                    CASE (i / {CHATS}) % 2 WHEN 0 THEN 'visitor' ELSE 'operator' END,
                    CASE (i / {CHATS}) % 2 WHEN 0 THEN NULL ELSE 1 END,
                    'text', CASE (i / {CHATS} + i) % 8 {texts} END FROM n"
        ),
        // The newest event, so `seq` numbers agree with the messages'.
        format!(
            "INSERT INTO events (seq, ts, kind, operator_id, payload)
             VALUES ({CHATS} * {PER_CHAT}, {T0}, 'operator_status_changed', 1,
                     '{{\"kind\":\"operator_status_changed\",\"operator_id\":1,\"status\":\"offline\"}}')"
        ),
    ];
    let mut tx = conn.begin().await.unwrap();
    for sql in statements {
        tx.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// One fresh console connection, timed.
struct Run {
    welcome: Duration,
    first_frame: Duration,
    complete: Duration,
    apply: Duration,
    frames: usize,
    chats: usize,
    messages: usize,
}

async fn connect(url: &str, token: &str) -> Run {
    let start = Instant::now();
    let mut handle = net::spawn(url.to_owned(), token.to_owned());
    let (mut welcome, mut first_frame) = (None, None);
    let mut frames = Vec::new();
    loop {
        match handle.events.recv().await.expect("the net task runs") {
            NetEvent::Frame(frame) => {
                match *frame {
                    OperatorOut::Welcome { .. } => welcome = Some(start.elapsed()),
                    OperatorOut::SnapshotPart { .. } | OperatorOut::Snapshot { .. } => {
                        first_frame.get_or_insert(start.elapsed());
                    }
                    _ => {}
                }
                frames.push(frame);
            }
            NetEvent::Synced => break,
            NetEvent::Disconnected { reason, .. } => panic!("disconnected: {reason}"),
            _ => {}
        }
    }
    let complete = start.elapsed();
    drop(handle);
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    let snapshot_frames = frames.len() - 1;
    let applying = Instant::now();
    for frame in frames {
        update(&mut state, Event::Frame(frame));
    }
    let apply = applying.elapsed();
    Run {
        welcome: welcome.expect("welcome"),
        first_frame: first_frame.expect("a snapshot frame"),
        complete,
        apply,
        frames: snapshot_frames,
        chats: state.chats.len(),
        messages: state.chats.values().map(|c| c.messages.len()).sum(),
    }
}

fn report(runs: &[Run]) {
    let first = &runs[0];
    println!(
        "snapshot: {} frames, {} chats, {} messages carried",
        first.frames, first.chats, first.messages
    );
    let line = |what: &str, pick: fn(&Run) -> Duration| {
        let mut ms: Vec<f64> = runs.iter().map(|r| pick(r).as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "{what:<32} median {:7.1} ms   min {:7.1} ms   max {:7.1} ms",
            ms[ms.len() / 2],
            ms[0],
            ms[ms.len() - 1]
        );
    };
    println!("{} runs:", runs.len());
    line("connect → welcome", |r| r.welcome);
    line("connect → first snapshot frame", |r| r.first_frame);
    line("connect → complete snapshot", |r| r.complete);
    line("console applies it (update)", |r| r.apply);
}
