//! Export: `GET /api/chats/{id}/transcript` and `GET /api/chats?since=…&until=…` (the chats of
//! a period, a page at a time), for a logged-in operator within their read rights.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::transcript::{ChatList, MAX_CHAT_LIST, Transcript};
use serde::Deserialize;

use super::AppState;
use super::bearer::Authed;
use super::rest::ApiError;
use crate::store::{ChatQuery, Reader, TranscriptRead};

pub async fn transcript(
    State(app): State<Arc<AppState>>,
    Authed(me): Authed,
    Path(chat_id): Path<i64>,
) -> Result<Json<Transcript>, ApiError> {
    match app.store.transcript(Reader::from(&me), chat_id).await? {
        TranscriptRead::Found(t) => Ok(Json(*t)),
        TranscriptRead::NoSuchChat => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("no chat {chat_id}"),
        )),
        TranscriptRead::Forbidden => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            format!("chat {chat_id} is a colleague's; only they and supervisors read it"),
        )),
    }
}

/// Query of `GET /api/chats`; times in ms since the epoch.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    since: i64,
    until: i64,
    department: Option<String>,
    operator: Option<String>,
    #[serde(default)]
    after: i64,
    limit: Option<u32>,
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Authed(me): Authed,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<ChatList>, ApiError> {
    let Query(q) = query.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidFrame,
            e.body_text(),
        )
    })?;
    if q.until <= q.since {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidFrame,
            "`until` must be after `since`",
        ));
    }
    let query = ChatQuery {
        since: q.since,
        until: q.until,
        department: q.department,
        operator: q.operator,
        after: q.after,
        limit: q.limit.unwrap_or(MAX_CHAT_LIST),
    };
    Ok(Json(
        app.store.chats_between(Reader::from(&me), &query).await?,
    ))
}
