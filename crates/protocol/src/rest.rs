//! JSON bodies of the REST endpoints.

use serde::{Deserialize, Serialize};

use crate::{ErrorCode, OperatorInfo, Seq};

/// `POST /api/login`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub name: String,
    pub password: String,
}

/// Answer to a successful login. Send `token` in the operator `hello`, and as
/// `Authorization: Bearer` to other REST endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub operator: OperatorInfo,
}

/// `GET /healthz`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub head_seq: Seq,
}

/// Body of every REST error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
}
