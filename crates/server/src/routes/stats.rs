//! `GET /api/stats` and `GET /api/staffing`: numbers computed from stored data for the
//! operator behind the Bearer token, within what they may see (`stats/scope.rs`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::stats::{GroupBy, StaffingReport, StatsReport};
use serde::Deserialize;

use super::AppState;
use super::bearer::Authed;
use super::rest::ApiError;
use crate::stats::{self, Ask, Period, Scope, StatsError, Target};
use crate::store::now_ms;

/// Without `since`, the period is the last week (four for staffing: each hour of the week
/// needs several samples).
const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// Every field is text, so a bad value gets our error body rather than the extractor's.
#[derive(Debug, Default, Deserialize)]
pub struct StatsParams {
    since: Option<String>,
    until: Option<String>,
    by: Option<String>,
    tz: Option<String>,
    wait_secs: Option<String>,
    service_level: Option<String>,
    concurrency: Option<String>,
}

pub async fn stats(
    State(app): State<Arc<AppState>>,
    Authed(reader): Authed,
    Query(params): Query<StatsParams>,
) -> Result<Json<StatsReport>, ApiError> {
    let by = match params.by.as_deref() {
        Some(word) => stats::parse_group(word).map_err(bad_request)?,
        None => GroupBy::Operator,
    };
    let period = period(&params, WEEK_MS).map_err(bad_request)?;
    let data = app.store.stats_data(period.since, period.until).await?;
    let scope = Scope::of(&reader, &app.config.routing);
    off_runtime(move || {
        let ask = Ask {
            period: &period,
            by,
            scope: &scope,
            routing: &app.config.routing,
            now: now_ms(),
        };
        stats::stats(&data, &ask)
    })
    .await
}

pub async fn staffing(
    State(app): State<Arc<AppState>>,
    Authed(reader): Authed,
    Query(params): Query<StatsParams>,
) -> Result<Json<StaffingReport>, ApiError> {
    let period = period(&params, 4 * WEEK_MS).map_err(bad_request)?;
    let target = target(&params, app.config.routing.max_chats).map_err(bad_request)?;
    let data = app.store.stats_data(period.since, period.until).await?;
    let scope = Scope::of(&reader, &app.config.routing);
    off_runtime(move || {
        let ask = Ask {
            period: &period,
            by: GroupBy::Hour,
            scope: &scope,
            routing: &app.config.routing,
            now: now_ms(),
        };
        stats::staffing(&data, &ask, target)
    })
    .await
}

/// Computes a report on the blocking pool, as its rows were read there: a year of rows
/// takes long enough to hold up every socket of a runtime with one thread (`workers`).
async fn off_runtime<R: Send + 'static>(
    compute: impl FnOnce() -> R + Send + 'static,
) -> Result<Json<R>, ApiError> {
    tokio::task::spawn_blocking(compute)
        .await
        .map(Json)
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                format!("computing the report failed: {e}"),
            )
        })
}

fn period(params: &StatsParams, default_len: i64) -> Result<Period, StatsError> {
    let tz_name = params.tz.as_deref().unwrap_or("UTC");
    // Checked first: dates given as YYYY-MM-DD are read in this zone.
    let zone = Period::new(0, 1, tz_name)?.tz;
    let until = match &params.until {
        Some(text) => stats::period::parse_instant(text, &zone)?,
        None => now_ms(),
    };
    let since = match &params.since {
        Some(text) => stats::period::parse_instant(text, &zone)?,
        None => until - default_len,
    };
    Period::new(since, until, tz_name)
}

fn target(params: &StatsParams, max_chats: u32) -> Result<Target, StatsError> {
    let mut target = Target {
        concurrency: max_chats.max(1),
        ..Target::default()
    };
    if let Some(text) = &params.wait_secs {
        target.wait_secs = number(text, "wait_secs")?;
    }
    if let Some(text) = &params.service_level {
        let level: f64 = number(text, "service_level")?;
        if !(level > 0.0 && level < 1.0) {
            return Err(StatsError::Input(
                "service_level must be between 0 and 1, e.g. 0.8".to_owned(),
            ));
        }
        target.service_level = level;
    }
    if let Some(text) = &params.concurrency {
        target.concurrency = number::<u32>(text, "concurrency")?.max(1);
    }
    Ok(target)
}

fn number<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, StatsError> {
    text.trim()
        .parse()
        .map_err(|_| StatsError::Input(format!("{name}: {text:?} is not a number")))
}

fn bad_request(e: StatsError) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        ErrorCode::InvalidFrame,
        e.to_string(),
    )
}
