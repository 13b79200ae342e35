//! The operator behind a REST request: `Authorization: Bearer <session token>` from a login.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use frontdesk_protocol::{ErrorCode, OperatorInfo};

use super::AppState;
use super::rest::ApiError;
use crate::auth::hash_token;

/// A live operator session; a handler taking it answers 401 to anyone else.
pub struct Authed(pub OperatorInfo);

/// The token of the `Authorization: Bearer` header.
pub fn token(headers: &HeaderMap) -> Result<&str, ApiError> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "missing `Authorization: Bearer` token",
            )
        })
}

/// Refusal of a token that names no live session.
pub fn unknown_session() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
        "unknown or expired session token; log in again",
    )
}

impl FromRequestParts<Arc<AppState>> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let hash = hash_token(token(&parts.headers)?);
        match app.store.session_operator(&hash).await? {
            Some(operator) => Ok(Self(operator)),
            None => Err(unknown_session()),
        }
    }
}
