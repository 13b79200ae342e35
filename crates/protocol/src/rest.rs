//! JSON bodies of the REST endpoints.

use serde::{Deserialize, Serialize};

use crate::{Attachment, ErrorCode, OperatorInfo, Seq};

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

/// `GET /api/events/seq?at=<ms>`: where the event stream stands at a moment, so a client can
/// start from history at a time (`hello.since = seq - 1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSeqAt {
    /// The moment asked about, in milliseconds since the Unix epoch.
    pub at: crate::Millis,
    /// The first stored event at or after `at`; absent when every event is older.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<Seq>,
    /// The newest stored event (0 for none).
    pub head_seq: Seq,
}

/// Body of every REST error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
}

/// `GET /api/invitations/stats` (supervisors): invitations sent and answered, per automatic
/// rule, and the operators' own (`rule` absent), over all time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationStats {
    pub rules: Vec<InvitationCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCount {
    /// The rule's name; absent for invitations operators sent themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Invitations sent.
    pub hits: u64,
    /// Answered: the visitor started the chat the invitation offered.
    pub conversions: u64,
    pub dismissed: u64,
}

/// Answer to an upload (`POST /api/files`, `POST /api/visitor/files`): the file is stored and
/// its message posted (committed) in `chat_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileUploaded {
    pub chat_id: i64,
    pub message_id: i64,
    pub seq: Seq,
    pub attachment: Attachment,
}
