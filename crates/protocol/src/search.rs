//! JSON body of `GET /api/search`: messages and visitors found by words, newest first.

use serde::{Deserialize, Serialize};

use crate::{Author, Millis};

/// Most hits one search returns.
pub const MAX_SEARCH_HITS: u32 = 100;
/// Hits returned when the request names no `limit`.
pub const DEFAULT_SEARCH_HITS: u32 = 20;

/// `GET /api/search?q=…&limit=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Messages written in the last maintenance interval may not be indexed yet.
    pub indexed_up_to: i64,
}

/// What a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Text,
    Note,
    Whisper,
    /// The visitor's name or e-mail; the hit names their latest chat the reader may read.
    Visitor,
}

/// One message (or visitor) found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub chat_id: i64,
    /// Absent for a [`HitKind::Visitor`] hit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<i64>,
    /// The message's time; the chat's start for a visitor hit.
    pub ts: Millis,
    pub author: Author,
    pub kind: HitKind,
    /// Original text around the first hit word, "…" where cut.
    pub snippet: String,
    /// The hit words in `snippet`: `[start, end)` offsets counted in chars (Unicode scalar
    /// values), not bytes.
    #[serde(default)]
    pub marks: Vec<[u32; 2]>,
}
