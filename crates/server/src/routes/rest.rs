//! REST endpoints: login, logout, health.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::rest::{ErrorBody, Health, LoginRequest, LoginResponse};

use super::AppState;
use crate::auth::{hash_token, new_token, verify_password};
use crate::store::{Cmd, OpError, now_ms, read};

/// Sessions last this long; the console logs in again after.
const SESSION_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A REST error: status + JSON body. Internal details are logged, never returned.
pub struct ApiError(StatusCode, ErrorCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.0,
            Json(ErrorBody {
                code: self.1,
                message: self.2,
            }),
        )
            .into_response()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error in a REST handler");
        Self(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "internal error".into(),
        )
    }
}

impl From<OpError> for ApiError {
    fn from(e: OpError) -> Self {
        Self(StatusCode::INTERNAL_SERVER_ERROR, e.code, e.message)
    }
}

pub async fn health(State(app): State<Arc<AppState>>) -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        head_seq: app.hub.head(),
    })
}

pub async fn login(
    State(app): State<Arc<AppState>>,
    Json(req): Json<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let found = read::operator_by_name(&app.store.read, &req.name).await?;
    let (operator, hash) = match found {
        Some((op, hash)) => (Some(op), Some(hash)),
        None => (None, None),
    };
    let password = req.password;
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, hash.as_deref()))
        .await
        .unwrap_or(false);
    let Some(operator) = operator.filter(|_| ok) else {
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "wrong name or password".into(),
        ));
    };
    let token = new_token();
    app.store
        .writer
        .run(Cmd::CreateSession {
            operator_id: operator.id,
            token_hash: hash_token(&token),
            expires_at: now_ms() + SESSION_MS,
        })
        .await?;
    tracing::info!(operator = %operator.name, "operator logged in");
    Ok(Json(LoginResponse { token, operator }))
}

pub async fn logout(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "missing `Authorization: Bearer` token".into(),
            )
        })?;
    app.store
        .writer
        .run(Cmd::DeleteSession {
            token_hash: hash_token(token),
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
