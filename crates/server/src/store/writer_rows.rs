//! The rows the writer loads inside its transaction, through rusqlite (`sql.rs`): the same
//! columns and protocol types as `rows.rs`, which serves the readers through sqlx.

use frontdesk_protocol::{Chat, OperatorInfo, PageView, VisitorProfile};
use rusqlite::{Connection, Row, params};

use super::rows::{
    CHAT_COLUMNS, ChatRow, OPERATOR_COLUMNS, OperatorRow, PAGE_TRAIL, VisitorRow, profile_of,
    profile_sql,
};
use super::{OpError, sql};

/// A chat from a row of [`CHAT_COLUMNS`], in that order.
pub fn chat_row(r: &Row<'_>) -> rusqlite::Result<Chat> {
    Ok(Chat::from(ChatRow {
        id: r.get(0)?,
        visitor_id: r.get(1)?,
        status: r.get(2)?,
        operator_id: r.get(3)?,
        department: r.get(4)?,
        created_at: r.get(5)?,
        accepted_at: r.get(6)?,
        closed_at: r.get(7)?,
        queued_at: r.get(8)?,
    }))
}

pub fn chat(conn: &Connection, id: i64) -> Result<Option<Chat>, OpError> {
    sql::row(
        conn,
        &format!("SELECT {CHAT_COLUMNS} FROM chats WHERE id = ?"),
        [id],
        chat_row,
    )
}

/// An operator from a row of [`OPERATOR_COLUMNS`], in that order.
pub fn operator_row(r: &Row<'_>) -> rusqlite::Result<OperatorInfo> {
    Ok(OperatorInfo::from(OperatorRow {
        id: r.get(0)?,
        name: r.get(1)?,
        display_name: r.get(2)?,
        role: r.get(3)?,
        status: r.get(4)?,
        status_since: r.get(5)?,
    }))
}

/// An operator whose account is not disabled.
pub fn operator(conn: &Connection, id: i64) -> Result<Option<OperatorInfo>, OpError> {
    sql::row(
        conn,
        &format!("SELECT {OPERATOR_COLUMNS} FROM operators WHERE id = ? AND disabled = 0"),
        [id],
        operator_row,
    )
}

/// A visitor from the first 17 columns (`VISITOR_COLUMNS`).
fn visitor_row(r: &Row<'_>) -> rusqlite::Result<VisitorRow> {
    Ok(VisitorRow {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        department: r.get(4)?,
        extra_fields: r.get(5)?,
        referrer: r.get(6)?,
        search_query: r.get(7)?,
        user_agent: r.get(8)?,
        language: r.get(9)?,
        city: r.get(10)?,
        region: r.get(11)?,
        visits: r.get(12)?,
        chats: r.get(13)?,
        first_seen: r.get(14)?,
        last_seen: r.get(15)?,
        customer_id: r.get(16)?,
    })
}

/// The visitor's profile with their page trail (oldest first), in one statement.
pub fn visitor_profile(conn: &Connection, id: i64) -> Result<Option<VisitorProfile>, OpError> {
    let rows = sql::all(conn, &profile_sql(), params![id, PAGE_TRAIL], |r| {
        let page = match (
            r.get::<_, Option<String>>(17)?,
            r.get::<_, Option<i64>>(21)?,
        ) {
            (Some(url), Some(ts)) => Some(PageView {
                url,
                title: r.get(18)?,
                referrer: r.get(19)?,
                search_query: r.get(20)?,
                ts,
            }),
            _ => None,
        };
        Ok((visitor_row(r)?, page))
    })?;
    Ok(profile_of(rows))
}
