//! Finished chats are summed up off the write path (`chat_facts`, on the maintenance timer).
//! The answers must not depend on it: the same history served with and without the summaries
//! gives the same statistics and staffing, for every grouping, zone and reader.

use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};

use super::history::DAY;
use super::history::{History, history_with};
use super::{T0, get, report};

async fn db(h: &History) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(h.server.dir.path().join("frontdesk.db"))
        .read_only(true)
        .connect()
        .await
        .unwrap()
}

/// (summary rows, closed chats, summary watermark, head seq)
async fn progress(h: &History) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM chat_facts),
                (SELECT COUNT(*) FROM chats WHERE status = 'closed'),
                (SELECT event_seq FROM chat_facts_progress),
                (SELECT MAX(seq) FROM events)",
    )
    .fetch_one(&mut db(h).await)
    .await
    .unwrap()
}

#[tokio::test]
async fn summarized_chats_give_the_same_answers_as_their_messages() {
    // One server whose maintenance timer never comes round again after start, one whose
    // timer sums every closed chat up within moments.
    let raw = history_with(|c| c.storage.checkpoint_interval_ms = 3_600_000).await;
    let summed = history_with(|c| c.storage.checkpoint_interval_ms = 50).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (rows, closed, watermark, head) = progress(&summed).await;
        if watermark >= head {
            assert_eq!(rows, closed, "every closed chat has its summary row");
            assert!(rows >= 5, "the history closes five chats, found {rows}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "summaries never caught up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        progress(&raw).await.0,
        0,
        "the other server summed nothing up"
    );

    for by in ["operator", "department", "hour", "weekday"] {
        for tz in ["UTC", "Asia/Tokyo"] {
            let want = report(&raw, &raw.irina, by, tz).await;
            assert_eq!(
                report(&summed, &summed.irina, by, tz).await,
                want,
                "{by} {tz}"
            );
            // A plain operator's answer leaves other departments out of the summaries too.
            let want = report(&raw, &raw.anna, by, tz).await;
            assert_eq!(
                report(&summed, &summed.anna, by, tz).await,
                want,
                "anna {by} {tz}"
            );
        }
    }
    let staffing = format!("/api/staffing?since={T0}&until={}&tz=UTC", T0 + 7 * DAY);
    let (status, want) = get(&raw.server, &raw.irina, &staffing).await;
    assert_eq!(status, 200, "{want}");
    assert_eq!(get(&summed.server, &summed.irina, &staffing).await.1, want);
}
