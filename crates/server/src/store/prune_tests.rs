//! A prune step's bounds on a real store file: it deletes at most `EVENT_ROWS` events and
//! looks at most `EVENT_WINDOW` seqs, says when more is due, and leaves what statistics read.
#![allow(clippy::unwrap_used)]

use super::prune::{EVENT_ROWS, EVENT_WINDOW, Order, Pruned};
use super::test_store::temp_store;
use super::{Cmd, Reply, Store};

/// `rows` events: every third a chat closed (statistics read it), the rest page views.
fn add_events(path: &std::path::Path, rows: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO events (seq, ts, kind, payload)
         SELECT i, i, CASE WHEN i % 3 = 0 THEN 'chat_closed' ELSE 'page_viewed' END, '{}'
         FROM n",
        [rows],
    )
    .unwrap();
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

async fn step(store: &Store, through: u64) -> Pruned {
    let order = Order {
        events_through: through,
        commands_before: None,
    };
    match store.run(Cmd::Prune(order)).await.unwrap() {
        Reply::Pruned(done) => done,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_step_deletes_a_bounded_number_of_events_and_says_more_is_due() {
    let (_dir, path, store) = temp_store().await;
    add_events(&path, 3_000);
    let page_views = "SELECT COUNT(*) FROM events WHERE kind = 'page_viewed'";
    assert_eq!(count(&path, page_views), 2_000);

    // Through 2,400: the first step stops at its row bound, well inside the window.
    let first = step(&store, 2_400).await;
    assert_eq!((first.events, first.behind), (500, true));
    // 500 page views are the seqs up to 750 (two of every three).
    let progress = "SELECT event_seq FROM prune_progress";
    assert_eq!(count(&path, progress), 749);
    let mut total = first.events;
    let mut steps = 1;
    loop {
        let next = step(&store, 2_400).await;
        total += next.events;
        steps += 1;
        assert!(next.events <= u64::try_from(EVENT_ROWS).unwrap());
        if !next.behind {
            break;
        }
    }
    assert_eq!((total, steps), (1_600, 4));
    assert_eq!(count(&path, progress), 2_400);
    // Nothing above the bound went, and no closed chat at all.
    let kept = "SELECT COUNT(*) FROM events WHERE kind = 'page_viewed' AND seq > 2400";
    assert_eq!(count(&path, kept), 400);
    let closed = "SELECT COUNT(*) FROM events WHERE kind = 'chat_closed'";
    assert_eq!(count(&path, closed), 1_000);
    // Caught up: a step does nothing and says so.
    assert_eq!(step(&store, 2_400).await, Pruned::default());
    store.close().await;
}

#[tokio::test]
async fn a_step_looks_at_one_window_of_seqs() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    // Status changes only for more than a window, then one message.
    let last = EVENT_WINDOW + 10;
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO events (seq, ts, kind, payload)
         SELECT i, i,
                CASE WHEN i = ?1 THEN 'message_posted' ELSE 'operator_status_changed' END, '{}'
         FROM n",
        [last],
    )
    .unwrap();
    let through = u64::try_from(last).unwrap();
    let first = step(&store, through).await;
    assert_eq!((first.events, first.behind), (0, true));
    assert_eq!(
        count(&path, "SELECT event_seq FROM prune_progress"),
        EVENT_WINDOW
    );
    let second = step(&store, through).await;
    assert_eq!((second.events, second.behind), (1, false));
    store.close().await;
}

#[tokio::test]
async fn a_step_stops_at_a_megabyte_of_payloads() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    // Twenty messages of 200,000 bytes each: the sixth passes the step's bytes.
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
         INSERT INTO events (seq, ts, kind, payload)
         SELECT i, i, 'message_posted', printf('%.*c', 200000, 'x') FROM n",
        [],
    )
    .unwrap();
    const { assert!(200_000 * 6 > super::prune::EVENT_BYTES && 200_000 * 5 < super::prune::EVENT_BYTES) };
    let first = step(&store, 20).await;
    assert_eq!((first.events, first.behind), (6, true));
    assert_eq!(count(&path, "SELECT event_seq FROM prune_progress"), 6);
    store.close().await;
}

#[tokio::test]
async fn a_chat_opened_past_the_window_keeps_what_statistics_read_and_not_the_visitors_text() {
    use frontdesk_protocol::{
        Chat, ChatStatus, EventBody, PageView, PrechatFields, VisitorProfile,
    };
    let (_dir, path, store) = temp_store().await;
    let chat = Chat {
        id: 7,
        visitor_id: 42,
        status: ChatStatus::Offline,
        operator_id: None,
        department: Some("sales".into()),
        created_at: 1_000,
        accepted_at: None,
        closed_at: None,
        queued_at: None,
    };
    let visitor = VisitorProfile {
        id: 42,
        fields: PrechatFields {
            name: Some("Ольга".into()),
            email: Some("olga@example.com".into()),
            ..PrechatFields::default()
        },
        pages: vec![PageView {
            url: "https://shop.example/cart".into(),
            title: Some("Корзина".into()),
            referrer: None,
            search_query: None,
            ts: 900,
        }],
        user_agent: Some("Mozilla/5.0".into()),
        city: Some("Казань".into()),
        visits: 3,
        chats: 2,
        first_seen: 100,
        last_seen: 1_000,
        ..VisitorProfile::default()
    };
    let body = EventBody::ChatCreated {
        chat: chat.clone(),
        visitor: visitor.clone(),
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO events (seq, ts, kind, chat_id, visitor_id, payload)
         VALUES (1, 1000, 'chat_created', 7, 42, ?1), (2, 1001, 'message_posted', 7, 42, '{}')",
        [serde_json::to_string(&body).unwrap()],
    )
    .unwrap();
    let done = step(&store, 2).await;
    assert_eq!((done.events, done.behind), (1, false));
    let payload: String = conn
        .query_row("SELECT payload FROM events WHERE seq = 1", [], |r| r.get(0))
        .unwrap();
    let EventBody::ChatCreated {
        chat: kept,
        visitor: cut,
    } = serde_json::from_str(&payload).unwrap()
    else {
        panic!("{payload}")
    };
    assert_eq!(kept, chat);
    let ids_and_counts = VisitorProfile {
        id: 42,
        visits: 3,
        chats: 2,
        first_seen: 100,
        last_seen: 1_000,
        ..VisitorProfile::default()
    };
    assert_eq!(cut, ids_and_counts);
    assert!(
        !payload.contains("Ольга") && !payload.contains("shop.example"),
        "{payload}"
    );
    store.close().await;
}
