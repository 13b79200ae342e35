//! Error codes carried by `error` frames and REST error bodies.

use serde::{Deserialize, Serialize};

/// What went wrong, machine-readable. The accompanying `message` is for humans.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    /// The text frame is not a JSON object.
    MalformedJson,
    /// The `type` names no frame of this direction.
    UnknownType,
    /// Known type, but fields are missing or of the wrong shape.
    InvalidFrame,
    /// `v` is not the version this server speaks.
    UnsupportedVersion,
    /// The frame is larger than the configured limit.
    FrameTooLarge,
    /// A message text is longer than the configured limit.
    MessageTooLong,
    /// Too many frames per second from this visitor or address.
    RateLimited,
    /// The first frame must be `hello`.
    HelloRequired,
    /// Missing, unknown or expired token or credentials.
    Unauthorized,
    /// The token is valid but may not touch this resource.
    Forbidden,
    /// The chat (or other object) does not exist or is not visible to this client.
    NotFound,
    /// The command id was used before with a different body.
    Conflict,
    /// The command is not valid in the chat's current state (e.g. accepting a closed chat).
    InvalidState,
    /// The page's Origin is not in the server's allow-list.
    OriginNotAllowed,
    /// The server could not complete the command; nothing was stored.
    Internal,
    /// Visitor socket: this visitor (or their network address) is banned for now. Sent
    /// without `id` in answer to `hello` and to open sockets when the ban is made, then the
    /// socket closes (1008 `banned`); with the `id` of a command that would open a chat.
    Banned,
    /// An upload is larger than the server's `[files] max_bytes` (HTTP 413).
    FileTooLarge,
    /// An upload's bytes are not of a kind the server accepts (HTTP 415).
    FileTypeNotAllowed,
}
