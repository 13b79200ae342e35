//! What grows without end does not stay for ever: past the replay window the event log keeps
//! only what statistics read, and command ids are forgotten after `command_memory_days`. Real server, its own maintenance timer, the real SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::common;

use common::{Operator, TestServer, Visitor, WAIT};
use frontdesk_protocol::rest::EventSeqAt;
use frontdesk_protocol::{OperatorOut, PrechatFields, VisitorIn, VisitorOut};
use sqlx::Connection;

const WINDOW: u64 = 10;

/// Every stored event as (seq, ts, kind), oldest first.
async fn events(server: &TestServer) -> Vec<(i64, i64, String)> {
    let mut db = server.db().await;
    let rows = sqlx::query_as("SELECT seq, ts, kind FROM events ORDER BY seq")
        .fetch_all(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    rows
}

/// The one value `sql` reads.
async fn scalar<T>(server: &TestServer, sql: &'static str) -> T
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    let mut db = server.db().await;
    let value = sqlx::query_scalar(sql).fetch_one(&mut db).await.unwrap();
    db.close().await.unwrap();
    value
}

/// Polls until `done` holds for the stored events (the maintenance timer runs every 50 ms).
async fn events_once(
    server: &TestServer,
    done: impl Fn(&[(i64, i64, String)]) -> bool,
) -> Vec<(i64, i64, String)> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows = events(server).await;
        if done(&rows) {
            return rows;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never pruned: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The kinds read past the replay window (statistics, chat summaries, the search index).
fn read_later(kind: &str) -> bool {
    ["chat_created", "chat_closed", "operator_status_changed"].contains(&kind)
}

#[tokio::test]
async fn past_the_replay_window_the_event_log_keeps_what_statistics_read() {
    let server = TestServer::start_with(|c| {
        c.limits.raise_rates(10_000);
        c.storage.replay_window = WINDOW;
        c.storage.checkpoint_interval_ms = 50;
    })
    .await;
    let (mut v, _) = Visitor::join(&server, None).await;
    // Chats with browsing and card changes between their messages, each a millisecond or more
    // apart so every event has a time of its own to look up.
    for round in 0..4 {
        v.say(&format!("m-{round}"), &format!("message {round}"))
            .await;
        for n in 0..8 {
            let url = format!("https://shop.example/{round}/{n}");
            v.open_page(&format!("p-{round}-{n}"), &url, None).await;
        }
        let fields = PrechatFields {
            name: Some(format!("Гость {round}")),
            ..PrechatFields::default()
        };
        let id = format!("f-{round}");
        v.send_and_ack(
            &id,
            VisitorIn::Prechat {
                id: id.clone(),
                fields,
            },
        )
        .await;
        let id = format!("c-{round}");
        v.send_and_ack(&id, VisitorIn::CloseChat { id: id.clone() })
            .await;
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    let before = events(&server).await;
    let head = before.last().unwrap().0;
    let through = head - i64::try_from(WINDOW).unwrap();
    let after = events_once(&server, |rows| {
        !rows
            .iter()
            .any(|(seq, _, kind)| *seq <= through && !read_later(kind))
    })
    .await;
    // Exactly the rest below the window went; what statistics read stays, all four chats'.
    let kept: Vec<_> = before
        .iter()
        .filter(|(seq, _, kind)| *seq > through || read_later(kind))
        .cloned()
        .collect();
    assert_eq!(after, kept);
    for kind in ["chat_created", "chat_closed"] {
        assert_eq!(after.iter().filter(|e| e.2 == kind).count(), 4, "{after:?}");
    }
    // Messages were stored below the window (their events are gone; the prune may have run
    // before `before` was read, so the messages themselves say where their events were).
    let mut db = server.db().await;
    let below: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE seq <= ?")
        .bind(through)
        .fetch_one(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    assert!(below > 0, "the run must put messages below the window");
    // The chats opened below it keep no text of the visitor's (they were opened by "Гость").
    let mut db = server.db().await;
    let named: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM events WHERE seq <= ? AND kind = 'chat_created'
           AND (payload LIKE '%Гость%' OR payload ->> '$.chat.status' IS NULL)",
    )
    .bind(through)
    .fetch_one(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();
    assert_eq!(named, 0);
    // The history is not the event log: every message, page and the newest name stay.
    assert_eq!(
        scalar::<i64>(&server, "SELECT COUNT(*) FROM messages").await,
        4
    );
    assert_eq!(
        scalar::<i64>(&server, "SELECT COUNT(*) FROM page_views").await,
        32
    );
    let name: String = scalar(&server, "SELECT name FROM visitors").await;
    assert_eq!(name, "Гость 3");

    // The first event at or after a moment skips the gaps the prune left.
    let token = server.operator_token("anna").await;
    for &(_, ts, _) in &after {
        let url = format!("{}/api/events/seq?at={ts}", server.server.http_url());
        let got: EventSeqAt = reqwest::Client::new()
            .get(url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let want = after.iter().find(|e| e.1 >= ts).map(|e| e.0);
        assert_eq!(got.seq.map(|s| i64::try_from(s).unwrap()), want, "at {ts}");
    }

    // A console resuming inside the window still gets every event after its cursor.
    let since = u64::try_from(head).unwrap() - 4;
    let mut op = Operator::join(&server, &token, Some(since)).await;
    let welcome = op
        .until(|f| match f {
            OperatorOut::Welcome { resumed, .. } => Some(*resumed),
            _ => None,
        })
        .await;
    assert!(welcome, "a cursor inside the window resumes");
    let mut replayed = Vec::new();
    while replayed.last().is_none_or(|s| *s < head) {
        replayed.push(
            op.until(|f| match f {
                OperatorOut::Event { seq, .. } => Some(i64::try_from(*seq).unwrap()),
                _ => None,
            })
            .await,
        );
    }
    assert_eq!(replayed[..4], [head - 3, head - 2, head - 1, head]);
    server.server.shutdown().await;
}

/// With no replay window at all the newest event still stays: the writer starts from the
/// newest stored seq after a restart, and must not hand one out twice.
#[tokio::test]
async fn the_newest_event_stays_whatever_the_window() {
    let server = TestServer::start_with(|c| {
        c.limits.raise_rates(10_000);
        c.storage.replay_window = 0;
        c.storage.checkpoint_interval_ms = 50;
    })
    .await;
    let (mut v, _) = Visitor::join(&server, None).await;
    for n in 0..5 {
        v.open_page(
            &format!("p-{n}"),
            &format!("https://shop.example/{n}"),
            None,
        )
        .await;
    }
    let head = events(&server).await.last().unwrap().0;
    let after = events_once(&server, |rows| rows.len() == 1).await;
    assert_eq!(after[0].0, head, "{after:?}");
    // A while later (several maintenance passes) it is still there.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(events(&server).await, after);
    server.server.shutdown().await;
}

#[tokio::test]
async fn command_ids_are_forgotten_after_the_memory_days() {
    let server = TestServer::start_with(|c| {
        c.storage.command_memory_days = 1;
        c.storage.checkpoint_interval_ms = 50;
    })
    .await;
    let (mut v, _) = Visitor::join(&server, None).await;
    let first = v.say("m-1", "где мой заказ?").await;
    let VisitorOut::Ack { message_id, .. } = first else {
        panic!("{first:?}")
    };
    // Sent again within the memory: answered as before, stored once.
    assert_eq!(v.say("m-1", "где мой заказ?").await, first);
    // Two days pass for that command id; a newer one stays remembered.
    server
        .execute("UPDATE commands SET ts = ts - 2 * 86400000 WHERE client_id = 'm-1'")
        .await;
    v.say("m-2", "номер 1234").await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while scalar::<i64>(
        &server,
        "SELECT COUNT(*) FROM commands WHERE client_id = 'm-1'",
    )
    .await
        > 0
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "m-1 never forgotten"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        scalar::<i64>(
            &server,
            "SELECT COUNT(*) FROM commands WHERE client_id = 'm-2'"
        )
        .await,
        1
    );
    // Forgotten: the same id now stores a new message.
    let again = v.say("m-1", "где мой заказ?").await;
    let VisitorOut::Ack {
        message_id: again_id,
        ..
    } = again
    else {
        panic!("{again:?}")
    };
    assert_ne!(again_id, message_id);
    assert_eq!(
        scalar::<i64>(&server, "SELECT COUNT(*) FROM messages").await,
        3
    );
    server.server.shutdown().await;
}

/// A visitor picks how big the events about it are: twenty page views with every field at
/// its bound made each chat it opened and each card change carry ~96 KiB of pages, stored
/// with the event. The pages in an event fit the snapshot's budget instead, newest kept.
#[tokio::test]
async fn the_pages_an_event_carries_are_bounded() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    let long =
        |n: usize, c: char| format!("https://shop.example/{n:02}/{}", c.to_string().repeat(2000));
    for n in 0..20 {
        let id = format!("p-{n}");
        let frame = VisitorIn::PageView {
            id: id.clone(),
            url: long(n, 'u'),
            title: Some("т".repeat(300)),
            referrer: Some(long(n, 'r')),
            search_query: Some("q".repeat(300)),
        };
        v.send_and_ack(&id, frame).await;
    }
    let fields = PrechatFields {
        name: Some("Ольга".into()),
        ..PrechatFields::default()
    };
    v.send_and_ack(
        "f",
        VisitorIn::Prechat {
            id: "f".into(),
            fields,
        },
    )
    .await;
    v.say("m", "здравствуйте").await;
    let mut db = server.db().await;
    let sizes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, length(CAST(payload AS BLOB)) FROM events
         WHERE kind IN ('visitor_updated', 'chat_created') ORDER BY seq",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    let newest: String = sqlx::query_scalar(
        "SELECT payload ->> '$.visitor.pages[#-1].url' FROM events WHERE kind = 'chat_created'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    for (kind, bytes) in &sizes {
        assert!(*bytes < 16 * 1024, "{kind}: {bytes} bytes");
    }
    assert_eq!(newest, long(19, 'u'), "the newest page stays");
    server.server.shutdown().await;
}
