//! REST endpoints: login, logout, health.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::rest::{ErrorBody, Health, LoginRequest, LoginResponse};

use super::AppState;
use super::client_ip::client_ip;
use crate::auth::{hash_token, new_token, verify_password_off_thread};
use crate::store::{Cmd, OpError, ReadError, now_ms};
use crate::throttle::loggable;

/// Sessions last this long; the console logs in again after.
const SESSION_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A REST error: status + JSON body. Internal details are logged, never returned.
pub struct ApiError(
    pub(super) StatusCode,
    pub(super) ErrorCode,
    pub(super) String,
);

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

impl From<ReadError> for ApiError {
    fn from(e: ReadError) -> Self {
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

/// `POST /api/login`. Every attempt is counted before its password is checked (see
/// `throttle.rs`); while the account or the address must wait, the answer is 429 with
/// `Retry-After` and the password is not looked at.
pub async fn login(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let ip = client_ip(&headers, &app.config.proxy, peer);
    let account = loggable(&req.name);
    let attempt = match app.login.begin(&req.name, ip) {
        Ok(attempt) => attempt,
        Err(wait) => {
            tracing::debug!(%account, client = %ip, "login refused: waiting after failures");
            return Ok(too_many_failures(wait));
        }
    };
    // An unknown name is checked against a dummy hash: it takes as long as a wrong password.
    let (operator, hash) = match app.store.operator_by_name(&req.name).await? {
        Some((op, hash)) => (Some(op), Some(hash)),
        None => (None, None),
    };
    let ok = verify_password_off_thread(req.password, hash).await;
    let Some(operator) = operator.filter(|_| ok) else {
        // Never the password: a near miss in the log is most of a password.
        tracing::warn!(
            %account,
            client = %ip,
            failures = attempt.failures,
            wait_secs = attempt.wait.map(|w| w.as_secs()),
            "login failed: wrong name or password"
        );
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "wrong name or password".into(),
        ));
    };
    app.login.succeeded(attempt);
    let token = new_token();
    app.store
        .run(Cmd::CreateSession {
            operator_id: operator.id,
            token_hash: hash_token(&token),
            expires_at: now_ms() + SESSION_MS,
        })
        .await?;
    tracing::info!(operator = %operator.name, client = %ip, "operator logged in");
    Ok(Json(LoginResponse { token, operator }).into_response())
}

/// 429 with `Retry-After` in whole seconds, rounded up.
fn too_many_failures(wait: Duration) -> Response {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let secs = secs.max(1);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, secs.to_string())],
        Json(ErrorBody {
            code: ErrorCode::RateLimited,
            message: format!("too many failed logins; try again in {secs} s"),
        }),
    )
        .into_response()
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
    let token_hash = hash_token(token);
    // Only a live operator session can be ended; any other token is refused as no token is.
    if app.store.session_operator(&token_hash).await?.is_none() {
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "unknown or expired session token".into(),
        ));
    }
    app.store.run(Cmd::DeleteSession { token_hash }).await?;
    Ok(StatusCode::NO_CONTENT)
}
