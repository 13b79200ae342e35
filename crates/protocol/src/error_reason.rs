//! Why the server refused an operator's command, for the console to say in the operator's own
//! language. The `message` of an `error` frame is English, with ids, for logs and tools; the
//! `reason` beside it (optional) names the case and carries what a sentence needs.

use serde::{Deserialize, Serialize};

/// The case behind an `error` frame's code, where a client may want its own words for it.
/// Clients show `message` when there is no reason or one they do not know (`Other`), so a
/// newer server's new kinds never break an older client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorReason {
    /// Another operator took the chat first.
    ChatTaken,
    /// The chat is closed.
    ChatClosed,
    /// The chat is a message left offline, nobody's yet: it is taken before it is handed on.
    LeftMessage,
    /// The chat is another operator's (and this one is no supervisor).
    NotYourChat,
    /// The visitor has another open chat now; the answer belongs there.
    VisitorMovedOn,
    /// Only a supervisor may do this.
    SupervisorOnly,
    /// A whisper needs an operator in the chat to read it.
    NobodyToWhisperTo,
    /// This operator has as many active chats as `[routing] max_chats` allows.
    TooManyChats { max: u32 },
    /// The chat waits for the operators of its department a while longer.
    HeldForDepartment { department: String, secs: u64 },
    /// No transfer of this chat to this operator is open.
    NotOfferedToYou,
    /// The visitor is banned already.
    AlreadyBanned,
    /// The visitor's network address is not known, so it cannot be banned.
    AddressUnknown,
    /// The ban has ended or was lifted.
    BanEnded,
    /// The visitor is in a chat already.
    VisitorChatting,
    /// The visitor has an invitation waiting for an answer.
    InvitationPending,
    /// The connection's session ended (logged out, a new password, the account disabled, or
    /// expired): the socket closes next.
    SessionEnded,
    /// A reason this build does not know.
    #[serde(other)]
    Other,
}

#[cfg(test)]
mod tests {
    use super::ErrorReason;

    #[test]
    fn a_reason_reads_back_and_an_unknown_one_is_other() {
        let held = ErrorReason::HeldForDepartment {
            department: "Продажи".into(),
            secs: 40,
        };
        let json = serde_json::to_string(&held).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"kind":"held_for_department","department":"Продажи","secs":40}"#
        );
        assert_eq!(serde_json::from_str::<ErrorReason>(&json).ok(), Some(held));
        assert_eq!(
            serde_json::from_str::<ErrorReason>(r#"{"kind":"chat_taken"}"#).ok(),
            Some(ErrorReason::ChatTaken)
        );
        assert_eq!(
            serde_json::from_str::<ErrorReason>(r#"{"kind":"moon_is_full","phase":1}"#).ok(),
            Some(ErrorReason::Other)
        );
    }
}
