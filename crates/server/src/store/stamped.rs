//! Finding a moment in a table whose key grows with its time, without an index on the time:
//! the one writer stamps `events.seq`/`ts` and `messages.id`/`ts` together in order, so a
//! binary search over the primary key takes a few dozen lookups instead of a scan (each index
//! on `ts` would cost the hot path a page write a commit).

use sqlx::SqliteConnection;

/// A table whose primary key grows with its `ts`.
#[derive(Debug, Clone, Copy)]
pub enum Stamped {
    Events,
    Messages,
}

impl Stamped {
    fn bounds(self) -> &'static str {
        match self {
            Self::Events => "SELECT MIN(seq), MAX(seq) FROM events",
            Self::Messages => "SELECT MIN(id), MAX(id) FROM messages",
        }
    }

    /// The first row at or after a key, and its time.
    fn probe(self) -> &'static str {
        match self {
            Self::Events => "SELECT seq, ts FROM events WHERE seq >= ? ORDER BY seq LIMIT 1",
            Self::Messages => "SELECT id, ts FROM messages WHERE id >= ? ORDER BY id LIMIT 1",
        }
    }
}

/// The key of the first row whose time is at or after `at` (ms), or `None` when all are
/// older. After the server's clock stepped back it is one of the keys that match. Run it in
/// a transaction so a commit in between cannot move the bounds.
pub async fn first_key_at(
    conn: &mut SqliteConnection,
    table: Stamped,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let (low, high): (Option<i64>, Option<i64>) =
        sqlx::query_as(table.bounds()).fetch_one(&mut *conn).await?;
    let (Some(mut low), Some(high)) = (low, high) else {
        return Ok(None);
    };
    // Invariant: every row below `low` is older than `at`; none from `end` on is. Keys have
    // gaps (pruned rows): a probe reads the first row at or after `mid`.
    let mut end = high + 1;
    while low < end {
        let mid = low + (end - low) / 2;
        let first: Option<(i64, i64)> = sqlx::query_as(table.probe())
            .bind(mid)
            .fetch_optional(&mut *conn)
            .await?;
        match first {
            Some((key, ts)) if ts < at => low = key + 1,
            _ => end = mid,
        }
    }
    let first: Option<(i64, i64)> = sqlx::query_as(table.probe())
        .bind(low)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(first.map(|(key, _)| key))
}
