//! The statements run for every stored message stay cheap: SQLite plans them without a
//! temporary table (an `IN (...)` list in a CHECK made two per message), and the schema
//! changes made for it (0017, 0018) keep every message and remembered command id stored before
//! them. Real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use super::apply::REMEMBER_COMMAND;
use super::apply_visitor::TRIM_PAGE_VIEWS;
use super::emit::INSERT_EVENT;
use super::lifecycle::INSERT_MESSAGE;
use super::prune::{CUT_CHATS_CREATED, PRUNE_COMMANDS, PRUNE_EVENTS, STEP_END};
use super::test_store::{open_store, temp_store};

/// The opcodes SQLite compiles `sql` to.
fn opcodes(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut statement = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
    let mut rows = statement.raw_query();
    let mut ops = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        ops.push(row.get::<_, String>(1).unwrap());
    }
    ops
}

#[tokio::test]
async fn the_statements_of_every_message_build_no_temporary_table() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [INSERT_MESSAGE, INSERT_EVENT, REMEMBER_COMMAND] {
        let ops = opcodes(&conn, sql);
        assert!(
            ops.iter().any(|op| op == "Insert" || op == "IdxInsert"),
            "{sql}: {ops:?}"
        );
        assert!(
            !ops.iter().any(|op| op == "OpenEphemeral"),
            "{sql}: {ops:?}"
        );
    }
    store.close().await;
}

/// Trimming a visitor's page views on every page view goes by the `(visitor_id, id)` index
/// both for the cut-off and for the rows it deletes: never a scan of the table.
#[tokio::test]
async fn the_page_view_trim_walks_the_visitors_index_only() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {TRIM_PAGE_VIEWS}"))
        .unwrap();
    let plan: Vec<String> = statement
        .query_map([1_i64, 99], |row| row.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // A search for the cut-off and one for the rows before it; no step scans.
    let searches: Vec<&String> = plan.iter().filter(|s| s.starts_with("SEARCH")).collect();
    assert_eq!(searches.len(), 2, "{plan:?}");
    assert!(
        searches
            .iter()
            .all(|s| s.contains("USING COVERING INDEX page_views_visitor")),
        "{plan:?}"
    );
    assert!(!plan.iter().any(|s| s.starts_with("SCAN")), "{plan:?}");
    store.close().await;
}

/// The once-a-second look for chats gone quiet reads a window of the active chats whose
/// visitor is gone through `chats_gone`, and each one's last messages through
/// `messages_chat`: never a scan of a table, never a sort.
#[tokio::test]
async fn the_quiet_chats_pass_reads_a_window_through_indexes() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    let plan = |sql: &str| -> Vec<String> {
        let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let count = statement.parameter_count();
        let params = rusqlite::params_from_iter(std::iter::repeat_n(1_i64, count));
        statement
            .query_map(params, |row| row.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let window = plan(super::quiet_close::WINDOW_SQL);
    assert!(
        window
            .iter()
            .any(|s| s.contains("USING INDEX chats_gone (id>?)")),
        "{window:?}"
    );
    let due = plan(&super::quiet_close::due_chats_sql());
    assert!(
        due.iter()
            .any(|s| s.starts_with("SEARCH chats USING INDEX chats_gone")),
        "{due:?}"
    );
    // The last line and the last visible one (the first again for the rows it returns).
    let messages: Vec<&String> = due.iter().filter(|s| s.contains(" m ")).collect();
    assert!(
        messages.len() >= 2 && messages.iter().all(|s| s.contains("messages_chat")),
        "{due:?}"
    );
    for step in window.iter().chain(&due) {
        assert!(
            !step.starts_with("SCAN") && !step.contains("TEMP B-TREE"),
            "{window:?} {due:?}"
        );
    }
    store.close().await;
}

/// The prune's deletes read only what they may delete: a range of the event log's primary
/// key, and the first rows of `commands` in rowid order (no sort, no index scan).
#[tokio::test]
async fn the_prune_walks_primary_keys_only() {
    let (_dir, path, store) = temp_store().await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    let plan = |sql: &str| -> Vec<String> {
        let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let values = [1_i64, 99, 5, 7];
        let params = rusqlite::params_from_iter(&values[..statement.parameter_count()]);
        statement
            .query_map(params, |row| row.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for sql in [PRUNE_EVENTS, CUT_CHATS_CREATED] {
        let events = plan(sql);
        assert_eq!(
            events,
            ["SEARCH events USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"],
            "{events:?}"
        );
    }
    // The step's end: the same range walk, streamed through the window sums (no sort).
    let end = plan(STEP_END);
    assert!(
        end.contains(&"SEARCH events USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)".to_owned()),
        "{end:?}"
    );
    assert!(
        !end.iter()
            .any(|s| s.contains("SCAN events") || s.contains("TEMP B-TREE")),
        "{end:?}"
    );
    let commands = plan(PRUNE_COMMANDS);
    assert!(
        commands.contains(&"SEARCH commands USING INTEGER PRIMARY KEY (rowid=?)".to_owned()),
        "{commands:?}"
    );
    let scans: Vec<&String> = commands.iter().filter(|s| s.contains("SCAN")).collect();
    assert_eq!(scans, ["SCAN commands"], "{commands:?}");
    assert!(
        !commands.iter().any(|s| s.contains("TEMP B-TREE")),
        "{commands:?}"
    );
    store.close().await;
}

#[tokio::test]
async fn messages_and_command_ids_stored_before_the_rebuilds_are_kept_and_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    {
        let mut conn = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::migrate!("./migrations")
            .run_to(16, &mut conn)
            .await
            .unwrap();
        sqlx::raw_sql(
            "INSERT INTO visitors (id, token_hash, first_seen, last_seen) VALUES (1, 'h', 1, 1);
             INSERT INTO operators (id, name, display_name, password_hash, created_at)
                 VALUES (7, 'anna', 'Анна', 'x', 1);
             INSERT INTO chats (id, visitor_id, status, created_at) VALUES (3, 1, 'active', 1);
             INSERT INTO messages (id, chat_id, seq, ts, author_role, operator_id, kind, body,
                                   client_id, attachment_id, for_operator_id) VALUES
                 (10, 3, 1, 100, 'visitor', NULL, 'text', 'Здравствуйте', 'c1', NULL, NULL),
                 (11, 3, 2, 200, 'operator', 7, 'note', 'проверю', 'c2', NULL, NULL),
                 (12, 3, 3, 300, 'operator', 7, 'whisper', 'ask about the order', NULL, NULL, 7),
                 (13, 3, 4, 400, 'system', NULL, 'text', 'chat closed', NULL, 5, NULL);
             INSERT INTO commands (actor, client_id, body_hash, response, ts) VALUES
                 ('v:1', 'c1', 'aa', '{\"seq\":1}', 100),
                 ('o:7', 'c2', 'bb', '{\"seq\":2}', 200);",
        )
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let store = open_store(&path).await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT id, chat_id, seq, ts, author_role, operator_id, kind, body, client_id,
                    attachment_id, for_operator_id FROM messages ORDER BY id",
        )
        .unwrap();
    type Row = (
        i64,
        i64,
        i64,
        i64,
        String,
        Option<i64>,
        String,
        String,
        Option<String>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = statement
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let text = |s: &str| s.to_owned();
    assert_eq!(
        rows,
        vec![
            (
                10,
                3,
                1,
                100,
                text("visitor"),
                None,
                text("text"),
                text("Здравствуйте"),
                Some(text("c1")),
                None,
                None
            ),
            (
                11,
                3,
                2,
                200,
                text("operator"),
                Some(7),
                text("note"),
                text("проверю"),
                Some(text("c2")),
                None,
                None
            ),
            (
                12,
                3,
                3,
                300,
                text("operator"),
                Some(7),
                text("whisper"),
                text("ask about the order"),
                None,
                None,
                Some(7)
            ),
            (
                13,
                3,
                4,
                400,
                text("system"),
                None,
                text("text"),
                text("chat closed"),
                None,
                Some(5),
                None
            ),
        ]
    );
    let index: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name = 'messages_chat'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 1);
    let remembered: Vec<(String, String, String, String, i64)> = conn
        .prepare("SELECT actor, client_id, body_hash, response, ts FROM commands ORDER BY ts")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        remembered,
        [
            (
                text("v:1"),
                text("c1"),
                text("aa"),
                text(r#"{"seq":1}"#),
                100
            ),
            (
                text("o:7"),
                text("c2"),
                text("bb"),
                text(r#"{"seq":2}"#),
                200
            ),
        ]
    );
    // A command id is still remembered once per actor.
    let again = conn.execute(
        "INSERT INTO commands (actor, client_id, body_hash, response, ts)
         VALUES ('v:1', 'c1', 'cc', '{}', 300)",
        [],
    );
    assert!(super::sql::is_unique_violation(&again.unwrap_err()));
    for (role, kind) in [("robot", "text"), ("visitor", "shout")] {
        let refused = conn.execute(
            "INSERT INTO messages (chat_id, seq, ts, author_role, kind, body) VALUES (3, 9, 9, ?, ?, 'x')",
            [role, kind],
        );
        let error = refused
            .expect_err("an unknown role or kind is refused")
            .to_string();
        assert!(error.contains("CHECK constraint failed"), "{error}");
    }
    store.close().await;
}
