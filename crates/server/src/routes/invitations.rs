//! `GET /api/invitations/stats`: how often invitations (each automatic rule's, and the
//! operators' own) were sent and answered. Supervisors only: it measures the team.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use frontdesk_protocol::rest::InvitationStats;
use frontdesk_protocol::{ErrorCode, OperatorRole};

use super::AppState;
use super::bearer::Authed;
use super::rest::ApiError;

pub async fn stats(
    State(app): State<Arc<AppState>>,
    Authed(reader): Authed,
) -> Result<Json<InvitationStats>, ApiError> {
    if reader.role != OperatorRole::Supervisor {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "invitation counts are for supervisors",
        ));
    }
    let rules = app.store.invitation_counts().await?;
    Ok(Json(InvitationStats { rules }))
}
