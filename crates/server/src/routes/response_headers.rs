//! Headers every answer carries.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// Browsers must take each answer as the type it says (JSON stays JSON, never script or
/// HTML), whoever embeds or links it.
pub async fn nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
