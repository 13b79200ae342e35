//! `GET /api/search?q=…&limit=…&since=…&until=…`: messages and visitors found by words,
//! within the asking operator's read rights and a period (docs/search.md).

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::search::{DEFAULT_SEARCH_HITS, SearchResults};
use frontdesk_protocol::{OperatorInfo, OperatorRole};
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::AppState;
use super::bearer::Authed;
use super::rest::ApiError;
use crate::routing::RoutingConfig;
use crate::search;
use crate::stats::period::parse_instant;
use crate::store::{Reader, SearchPeriod, Searcher};

/// Longest query text taken.
const MAX_QUERY_CHARS: usize = 200;
/// A search past this is abandoned: the index bounds the work, this bounds the wait.
const TIME_LIMIT: Duration = Duration::from_secs(3);

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: String,
    limit: Option<u32>,
    /// Milliseconds, RFC 3339 or a date (its midnight in UTC), as statistics take them.
    since: Option<String>,
    until: Option<String>,
}

pub async fn search(
    State(app): State<Arc<AppState>>,
    Authed(me): Authed,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let bad =
        |message: String| ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidFrame, message);
    let Query(q) = query.map_err(|e| bad(e.body_text()))?;
    if q.q.chars().count() > MAX_QUERY_CHARS {
        return Err(bad(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let (stems, expression) = search::match_expression(&q.q).map_err(|e| bad(e.to_string()))?;
    let instant = |text: &Option<String>| {
        text.as_deref()
            .map(|t| parse_instant(t, &TimeZone::UTC))
            .transpose()
            .map_err(|e| bad(e.to_string()))
    };
    let period = SearchPeriod {
        since: instant(&q.since)?,
        until: instant(&q.until)?,
    };
    if let (Some(since), Some(until)) = (period.since, period.until)
        && until <= since
    {
        return Err(bad("`until` must be after `since`".to_owned()));
    }
    let who = searcher(&me, &app.config.routing);
    let limit = q.limit.unwrap_or(DEFAULT_SEARCH_HITS);
    let found = tokio::time::timeout(
        TIME_LIMIT,
        app.store.search(&who, &stems, &expression, limit, period),
    )
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal,
            "the search took too long; try more specific words",
        )
    })??;
    Ok(Json(found))
}

/// The operator's rights and departments (supervisors need none).
fn searcher(me: &OperatorInfo, routing: &RoutingConfig) -> Searcher {
    let departments = if me.role == OperatorRole::Supervisor {
        Vec::new()
    } else {
        routing
            .departments
            .iter()
            .filter(|d| d.operators.contains(&me.name))
            .map(|d| d.key.clone())
            .collect()
    };
    Searcher {
        reader: Reader::from(me),
        departments,
    }
}
