//! The quiet-chats pass over a real SQLite file: it looks at a window of the active chats whose
//! visitor is gone at a time, so many chats whose visitor's question waits cannot make one pass
//! long, and a due chat past the first window still closes, a pass later per window.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rusqlite::params;

use super::quiet_close::{QuietClose, WINDOW};
use super::test_store::temp_store;
use super::{Cmd, Reply, now_ms};

/// Active chat `id` of visitor `id`, started and taken at `started`, its visitor gone since
/// `gone`.
fn gone_chat(conn: &rusqlite::Connection, id: i64, started: i64, gone: i64) {
    conn.execute(
        "INSERT INTO visitors (id, token_hash, first_seen, last_seen) VALUES (?1, ?1, ?2, ?3)",
        params![id, started, gone],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO chats (id, visitor_id, status, created_at, accepted_at, visitor_gone_at)
         VALUES (?1, ?1, 'active', ?2, ?2, ?3)",
        params![id, started, gone],
    )
    .unwrap();
}

#[tokio::test]
async fn a_pass_looks_at_one_window_and_a_due_chat_past_it_closes_a_window_later() {
    let (_dir, path, store) = temp_store().await;
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let hour_ago = now_ms() - 3_600_000;
    // Two and a half windows of chats whose visitor left an hour ago with a question that
    // waits for its answer, and last one whose visitor had the answer.
    let waiting = i64::from(WINDOW) * 5 / 2;
    let answered = waiting + 1;
    let tx = conn.transaction().unwrap();
    for id in 1..=answered {
        gone_chat(&tx, id, hour_ago, hour_ago);
        let author = if id == answered {
            "operator"
        } else {
            "visitor"
        };
        tx.execute(
            "INSERT INTO messages (chat_id, seq, ts, author_role, kind, body)
             VALUES (?1, 0, ?2, ?3, 'text', 'Когда доставка?')",
            params![id, hour_ago, author],
        )
        .unwrap();
    }
    tx.commit().unwrap();

    let status = |id: i64| -> String {
        conn.query_row("SELECT status FROM chats WHERE id = ?", [id], |r| r.get(0))
            .unwrap()
    };
    let mut after_id = 0;
    let mut cursors = Vec::new();
    for _ in 0..4 {
        let rule = QuietClose {
            after_ms: 60_000,
            up_since: 0,
            after_id,
        };
        match store.run(Cmd::CloseQuiet(rule)).await.unwrap() {
            Reply::Id(next) => after_id = next,
            other => panic!("{other:?}"),
        }
        cursors.push((after_id, status(answered)));
    }
    let window = i64::from(WINDOW);
    let active = || "active".to_owned();
    assert_eq!(
        cursors,
        [
            (window, active()),
            (2 * window, active()),
            // The last window is the short one: its due chat closes.
            (answered, "closed".to_owned()),
            // Past the last chat the pass starts again from the first.
            (window, "closed".to_owned()),
        ]
    );
    let open: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM chats WHERE status = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, waiting, "the visitors' questions wait");
    store.close().await;
}

/// A chat the server closed as quiet ends, for statistics, when it went quiet: its duration
/// does not grow by the `close_after_left_secs` it then waited.
#[tokio::test]
async fn a_quiet_chat_ends_when_it_went_quiet_for_statistics() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    // The operator who answered needs no account here.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    let minute = 60_000;
    let now = now_ms();
    let (started, gone, answered) = (now - 70 * minute, now - 65 * minute, now - 60 * minute);
    gone_chat(&conn, 1, started, gone);
    let lines = [
        (1, started, "visitor", None),
        (2, answered, "operator", Some(7)),
    ];
    for (seq, ts, author, operator) in lines {
        conn.execute(
            "INSERT INTO messages (chat_id, seq, ts, author_role, operator_id, kind, body)
             VALUES (1, ?1, ?2, ?3, ?4, 'text', 'Добрый день')",
            params![seq, ts, author, operator],
        )
        .unwrap();
    }
    let rule = QuietClose {
        after_ms: 30 * minute,
        up_since: 0,
        after_id: 0,
    };
    store.run(Cmd::CloseQuiet(rule)).await.unwrap();
    let (chats, messages) = super::stats::chats_with_messages(
        &conn,
        "SELECT id FROM chats WHERE id BETWEEN ?1 AND ?2",
        1,
        1,
    )
    .unwrap();
    let facts = crate::stats::chats::all_facts(&chats, &messages);
    assert_eq!(facts[0].duration_ms, Some(10 * minute), "{facts:?}");
    let closed_at: i64 = conn
        .query_row("SELECT closed_at FROM chats WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        closed_at >= now,
        "the close itself is dated when it happened"
    );
    store.close().await;
}
