//! Bans: a visitor (by token, and optionally by network address) refused for a period.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// Shortest ban, in seconds: one minute.
pub const MIN_BAN_SECS: u32 = 60;
/// Longest ban, in seconds: 365 days. There is no permanent ban: addresses are reassigned
/// and a troll's token is thrown away with the browser's storage, so a ban that never ends
/// would mostly hit someone else; a supervisor can ban again when one ends.
pub const MAX_BAN_SECS: u32 = 365 * 24 * 60 * 60;
/// Longest ban reason, in characters. Operators only ever see it; the visitor never does.
pub const MAX_BAN_REASON_CHARS: usize = 500;
/// Most bans in one `bans` answer; `more` says whether older ones follow.
pub const MAX_BANS_PAGE: u32 = 200;

/// A ban as operators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ban {
    pub id: i64,
    pub visitor_id: i64,
    /// The chat the ban was decided in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<i64>,
    /// The visitor's network address (an IPv6 /64) is banned too, whatever token comes from
    /// it. The address itself is not shown, as operators are never shown visitors' addresses.
    pub by_ip: bool,
    pub reason: String,
    /// Who banned.
    pub operator_id: i64,
    pub created_at: Millis,
    /// When the ban ends by itself.
    pub until: Millis,
}
