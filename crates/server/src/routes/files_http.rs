//! What the file endpoints share at the HTTP edge: who is asking (an operator's Bearer
//! session or a visitor's widget token), the cross-origin headers the widget's page needs,
//! and turning refusals into JSON errors with the right status.

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::{ErrorCode, OperatorInfo};

use super::AppState;
use super::bearer;
use super::rest::ApiError;
use crate::auth::hash_token;
use crate::files::receive::Refused;
use crate::store::OpError;

/// The scheme of a visitor's `Authorization` header: `Visitor <widget token>`.
pub const VISITOR_SCHEME: &str = "Visitor ";

/// Whoever sent a file request.
pub enum Asker {
    Operator(OperatorInfo),
    Visitor(i64),
}

/// The operator (Bearer) or visitor (`Visitor <token>`) behind `headers`; 401 otherwise.
pub async fn asker(app: &AppState, headers: &HeaderMap) -> Result<Asker, ApiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(token) = value.strip_prefix(VISITOR_SCHEME) {
        return visitor(app, token).await.map(Asker::Visitor);
    }
    let token = bearer::token(headers)?;
    match app.store.session_operator(&hash_token(token)).await? {
        Some(op) => Ok(Asker::Operator(op)),
        None => Err(bearer::unknown_session()),
    }
}

/// The visitor a widget token names; 401 for a token nobody has.
pub async fn visitor(app: &AppState, token: &str) -> Result<i64, ApiError> {
    app.store.visitor_by_token(token).await?.ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "unknown visitor token; open the chat again",
        )
    })
}

/// The visitor's token from `Authorization: Visitor <token>`; 401 without one.
pub fn visitor_token(headers: &HeaderMap) -> Result<&str, ApiError> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix(VISITOR_SCHEME))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "missing `Authorization: Visitor` token",
            )
        })
}

/// The page's origin when the widget may work there (`[limits] allowed_origins`, empty: any);
/// 403 for another site's page. `None`: no Origin (not a browser).
pub fn origin(app: &AppState, headers: &HeaderMap) -> Result<Option<HeaderValue>, ApiError> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(None);
    };
    let allowed = &app.config.limits.allowed_origins;
    let text = origin.to_str().unwrap_or_default();
    if allowed.is_empty() || allowed.iter().any(|a| a == text) {
        Ok(Some(origin.clone()))
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::OriginNotAllowed,
            format!("chat is not enabled for pages on {text}"),
        ))
    }
}

/// Lets the widget's page read `response` (errors included): the token travels in a header,
/// never a cookie, so no credentials are allowed.
pub fn with_cors(mut response: Response, origin: Option<HeaderValue>) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Content-Disposition"),
        );
    }
    response
}

/// `OPTIONS` before the widget's cross-origin upload or download.
pub async fn preflight(
    axum::extract::State(app): axum::extract::State<Arc<AppState>>,
    headers: HeaderMap,
) -> Response {
    match origin(&app, &headers) {
        Ok(origin) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            let h = response.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type, x-file-name"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            with_cors(response, origin)
        }
        Err(e) => e.into_response(),
    }
}

/// A refused upload as the client is told it.
pub fn refused(e: Refused) -> ApiError {
    match e {
        Refused::TooLarge { max } => too_large(max),
        Refused::NotAllowed(message) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::FileTypeNotAllowed,
            message,
        ),
        Refused::Body(_) | Refused::Stalled(_) => ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidFrame,
            e.to_string(),
        ),
        Refused::Io(io) => {
            tracing::error!(error = %io, "storing an upload failed");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "the server could not store the file",
            )
        }
    }
}

pub fn too_large(max: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::FileTooLarge,
        format!("the file is larger than the {max} bytes allowed"),
    )
}

/// A command the writer refused, with the status its code means.
pub fn op_refused(e: OpError) -> ApiError {
    let status = match e.code {
        ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden | ErrorCode::Banned => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidState | ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        // A file with no chat open opens one, within the hour's bound on new chats.
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    ApiError::new(status, e.code, e.message)
}
