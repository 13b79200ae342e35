//! `ack` and `error`: how a server answers a client's frame on either socket. The shape is
//! declared once here and added to [`crate::VisitorOut`] and [`crate::OperatorOut`], so both
//! sockets answer alike and clients keep matching plain `Ack { .. }` / `Error { .. }` variants.

use crate::{ErrorCode, ErrorReason, Seq};

/// Server → client frame types that carry the `ack` and `error` answers.
pub trait Replies: Sized {
    fn ack(id: String, seq: Option<Seq>, chat_id: Option<i64>, message_id: Option<i64>) -> Self;

    fn error(
        id: Option<String>,
        code: ErrorCode,
        message: String,
        retry_after_ms: Option<u64>,
        reason: Option<ErrorReason>,
    ) -> Self;
}

/// Declares a server → client enum with the `Ack` and `Error` variants appended after the
/// given ones (variant order is not part of the wire format), and implements [`Replies`].
macro_rules! with_replies {
    ($(#[$meta:meta])* pub enum $name:ident { $($variants:tt)* }) => {
        $(#[$meta])*
        pub enum $name {
            $($variants)*
            /// A command was stored (or had been stored before under the same id).
            Ack {
                id: String,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                seq: Option<$crate::Seq>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                chat_id: Option<i64>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                message_id: Option<i64>,
            },
            /// A frame or command was refused; `id` names the command when it could be read.
            Error {
                #[serde(default, skip_serializing_if = "Option::is_none")]
                id: Option<String>,
                code: $crate::ErrorCode,
                message: String,
                /// For `rate_limited`: when to try again.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                retry_after_ms: Option<u64>,
                /// The case, for a client's own words (operator socket; see [`crate::ErrorReason`]).
                #[serde(default, skip_serializing_if = "Option::is_none")]
                reason: Option<$crate::ErrorReason>,
            },
        }

        impl $crate::Replies for $name {
            fn ack(
                id: String,
                seq: Option<$crate::Seq>,
                chat_id: Option<i64>,
                message_id: Option<i64>,
            ) -> Self {
                Self::Ack { id, seq, chat_id, message_id }
            }

            fn error(
                id: Option<String>,
                code: $crate::ErrorCode,
                message: String,
                retry_after_ms: Option<u64>,
                reason: Option<$crate::ErrorReason>,
            ) -> Self {
                Self::Error { id, code, message, retry_after_ms, reason }
            }
        }
    };
}
pub(crate) use with_replies;

#[cfg(test)]
mod tests {
    use crate::{OperatorOut, VisitorOut, decode, encode};

    use super::*;

    /// Both sockets write the same bytes for the same answer, and read them back.
    fn same_on_both_sides(visitor: VisitorOut, operator: OperatorOut, json: &str) {
        assert_eq!(encode(&visitor), json);
        assert_eq!(encode(&operator), json);
        assert_eq!(decode::<VisitorOut>(json), Ok(visitor));
        assert_eq!(decode::<OperatorOut>(json), Ok(operator));
    }

    #[test]
    fn ack_and_error_keep_their_wire_shape() {
        same_on_both_sides(
            VisitorOut::ack("c1".into(), Some(7), Some(3), None),
            OperatorOut::ack("c1".into(), Some(7), Some(3), None),
            r#"{"v":1,"type":"ack","id":"c1","seq":7,"chat_id":3}"#,
        );
        let error = |retry| (None, ErrorCode::RateLimited, "slow down".to_owned(), retry);
        let (id, code, message, retry) = error(Some(900));
        same_on_both_sides(
            VisitorOut::error(id.clone(), code, message.clone(), retry, None),
            OperatorOut::error(id, code, message, retry, None),
            r#"{"v":1,"type":"error","code":"rate_limited","message":"slow down","retry_after_ms":900}"#,
        );
        same_on_both_sides(
            VisitorOut::error(
                None,
                ErrorCode::InvalidState,
                "taken".into(),
                None,
                Some(ErrorReason::ChatTaken),
            ),
            OperatorOut::error(
                None,
                ErrorCode::InvalidState,
                "taken".into(),
                None,
                Some(ErrorReason::ChatTaken),
            ),
            r#"{"v":1,"type":"error","code":"invalid_state","message":"taken","reason":{"kind":"chat_taken"}}"#,
        );
    }
}
