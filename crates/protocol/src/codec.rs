//! Encoding and decoding of frames: the `v` envelope and precise decode errors.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use strum::VariantNames;

use crate::{ErrorCode, PROTOCOL_VERSION};

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    v: u16,
    #[serde(flatten)]
    frame: &'a T,
}

/// The fields every frame may carry, read before the full parse so that errors can say
/// precisely what was wrong and echo the command id.
#[derive(Deserialize)]
struct Head {
    v: Option<serde_json::Value>,
    #[serde(rename = "type")]
    kind: Option<serde_json::Value>,
    id: Option<serde_json::Value>,
}

/// Why a text frame could not be turned into a typed frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct DecodeError {
    pub code: ErrorCode,
    pub message: String,
    /// The command id, when the frame had a readable one, so the error can be matched to it.
    pub id: Option<String>,
}

/// Serialises a frame with the protocol version added.
pub fn encode<T: Serialize>(frame: &T) -> String {
    // Serialising our own plain data types cannot fail: no maps with non-string keys, no
    // fallible Serialize impls.
    serde_json::to_string(&EnvelopeOut {
        v: PROTOCOL_VERSION,
        frame,
    })
    .unwrap_or_else(|e| format!(r#"{{"v":1,"type":"error","code":"internal","message":"{e}"}}"#))
}

/// Parses a frame, telling malformed JSON, a missing or unknown `type`, a wrong version and
/// bad fields apart.
pub fn decode<T: DeserializeOwned + VariantNames>(text: &str) -> Result<T, DecodeError> {
    let head: Head = serde_json::from_str(text).map_err(|e| DecodeError {
        code: ErrorCode::MalformedJson,
        message: format!("not a JSON object: {e}"),
        id: None,
    })?;
    let id = head.id.and_then(|v| v.as_str().map(str::to_owned));
    let fail = |code, message: String| DecodeError {
        code,
        message,
        id: id.clone(),
    };
    match head.v.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(PROTOCOL_VERSION) => {}
        Some(v) => {
            return Err(fail(
                ErrorCode::UnsupportedVersion,
                format!(
                    "protocol version {v} is not supported; this server speaks {PROTOCOL_VERSION}"
                ),
            ));
        }
        None => {
            return Err(fail(
                ErrorCode::InvalidFrame,
                format!("missing numeric field `v` (protocol version, {PROTOCOL_VERSION})"),
            ));
        }
    }
    let Some(kind) = head.kind.as_ref().and_then(serde_json::Value::as_str) else {
        return Err(fail(
            ErrorCode::InvalidFrame,
            "missing string field `type`".into(),
        ));
    };
    if !T::VARIANTS.contains(&kind) {
        return Err(fail(
            ErrorCode::UnknownType,
            format!("unknown frame type `{kind}`"),
        ));
    }
    if let Some(id) = &id
        && id.chars().count() > crate::MAX_CLIENT_ID_LEN
    {
        return Err(fail(
            ErrorCode::InvalidFrame,
            format!(
                "`id` is longer than {} characters",
                crate::MAX_CLIENT_ID_LEN
            ),
        ));
    }
    // `v` is checked above and the frames' own fields ignore it, so the text is parsed as
    // `T` itself: an envelope with `#[serde(flatten)]` made serde buffer every field twice.
    serde_json::from_str::<T>(text)
        .map_err(|e| fail(ErrorCode::InvalidFrame, format!("bad `{kind}` frame: {e}")))
}

/// Parses a frame from our own server in one pass when it is well formed (the encoder puts the
/// version first), and falls back to [`decode`] for a precise error otherwise. Behind
/// [`crate::decode_operator_out`], for the console; servers keep [`decode`], whose checks are
/// on what clients send (such as the length of a command id).
pub(crate) fn decode_trusted<T: DeserializeOwned + VariantNames>(
    text: &str,
) -> Result<T, DecodeError> {
    const SAME_VERSION: &str = concat!("{\"v\":", 1, ",");
    const _: () = assert!(PROTOCOL_VERSION == 1, "update SAME_VERSION");
    if text.starts_with(SAME_VERSION)
        && let Ok(frame) = serde_json::from_str::<T>(text)
    {
        return Ok(frame);
    }
    decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OperatorIn, VisitorIn};

    #[test]
    fn round_trip_adds_version() {
        let frame = VisitorIn::Message {
            id: "c1".into(),
            text: "Здравствуйте".into(),
        };
        let text = encode(&frame);
        assert!(text.starts_with(r#"{"v":1,"type":"message""#), "{text}");
        assert_eq!(decode::<VisitorIn>(&text), Ok(frame));
    }

    #[test]
    fn errors_are_precise() {
        let code = |t: &str| decode::<OperatorIn>(t).map(|_| ()).unwrap_err().code;
        assert_eq!(code("{nope"), ErrorCode::MalformedJson);
        assert_eq!(code("[1,2]"), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"v":1,"type":"dance"}"#), ErrorCode::UnknownType);
        assert_eq!(
            code(r#"{"v":2,"type":"ping"}"#),
            ErrorCode::UnsupportedVersion
        );
        assert_eq!(code(r#"{"type":"ping"}"#), ErrorCode::InvalidFrame);
        assert_eq!(
            code(r#"{"v":1,"type":"accept","id":"x"}"#),
            ErrorCode::InvalidFrame
        );
    }

    #[test]
    fn error_echoes_command_id() {
        let err = decode::<OperatorIn>(r#"{"v":1,"type":"accept","id":"c-7"}"#).unwrap_err();
        assert_eq!(err.id.as_deref(), Some("c-7"));
    }

    #[test]
    fn overlong_id_is_refused() {
        let long = "x".repeat(crate::MAX_CLIENT_ID_LEN + 1);
        let text = format!(r#"{{"v":1,"type":"close","id":"{long}","chat_id":1}}"#);
        assert_eq!(
            decode::<OperatorIn>(&text).unwrap_err().code,
            ErrorCode::InvalidFrame
        );
    }

    #[test]
    fn trusted_decode_reads_what_decode_reads_and_fails_the_same_way() {
        use crate::{Author, EventBody, Message, MessageKind, OperatorOut, Role};
        let frame = OperatorOut::Event {
            seq: 9,
            ts: 1_700_000_000_000,
            event: EventBody::MessagePosted {
                message: Message {
                    id: 3,
                    chat_id: 2,
                    seq: 9,
                    ts: 1_700_000_000_000,
                    author: Author {
                        role: Role::Visitor,
                        operator_id: None,
                        name: Some("Мария".into()),
                    },
                    kind: MessageKind::default(),
                    text: "Здравствуйте \u{1b}[2J".into(),
                    client_id: None,
                    attachment: None,
                },
            },
        };
        let text = encode(&frame);
        assert_eq!(decode_trusted::<OperatorOut>(&text), Ok(frame));
        for bad in [
            "{nope",
            r#"{"v":2,"type":"pong"}"#,
            r#"{"v":1,"type":"dance"}"#,
            r#"{"v":1,"type":"ack"}"#,
            r#"{"type":"pong"}"#,
        ] {
            assert_eq!(
                decode_trusted::<OperatorOut>(bad),
                decode::<OperatorOut>(bad),
                "{bad}"
            );
            assert!(decode_trusted::<OperatorOut>(bad).is_err(), "{bad}");
        }
    }
}
