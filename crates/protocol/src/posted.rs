//! The frame a console reads most, a message event, read without serde's buffering.
//!
//! Internally tagged enums (`type`, `kind`) make serde collect every field into a buffer
//! before it knows which variant to build: during a flood of messages that was most of the
//! cost of reading a frame. A message event is recognised by its fixed head and read into
//! plain structs instead; anything else, or anything that does not fit, goes the general way.

use serde::Deserialize;

use crate::codec::{DecodeError, decode_trusted};
use crate::{EventBody, Message, Millis, OperatorOut, Seq};

#[derive(Deserialize)]
struct PostedFrame {
    seq: Seq,
    ts: Millis,
    event: PostedBody,
}

#[derive(Deserialize)]
struct PostedBody {
    message: Message,
}

/// As our encoder writes a message event (JSON strings escape their quotes, so a message
/// text cannot imitate these keys).
const HEAD: &str = r#"{"v":1,"type":"event","#;
const BODY: &str = r#""event":{"kind":"message_posted","#;

/// [`decode_trusted`] for the operator socket, quick for message events.
pub fn decode_operator_out(text: &str) -> Result<OperatorOut, DecodeError> {
    if is_message_event(text)
        && let Ok(f) = serde_json::from_str::<PostedFrame>(text)
    {
        return Ok(OperatorOut::Event {
            seq: f.seq,
            ts: f.ts,
            event: EventBody::MessagePosted {
                message: f.event.message,
            },
        });
    }
    decode_trusted(text)
}

/// The encoder writes `"seq":N,"ts":N,` between [`HEAD`] and [`BODY`]: checked in place,
/// where looking for the body anywhere in the frame built a substring searcher for every
/// message of a flood. A frame written otherwise only goes the general way.
fn is_message_event(text: &str) -> bool {
    text.strip_prefix(HEAD)
        .and_then(|rest| after_number(rest, r#""seq":"#))
        .and_then(|rest| after_number(rest, r#""ts":"#))
        .is_some_and(|rest| rest.starts_with(BODY))
}

/// What follows `key`, a number and a comma.
fn after_number<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(key)?;
    let digits = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    rest[digits..].strip_prefix(',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Author, MessageKind, Role, encode};

    fn message(text: &str) -> Message {
        Message {
            id: 3,
            chat_id: 2,
            seq: 9,
            ts: 1_700_000_000_000,
            author: Author {
                role: Role::Operator,
                operator_id: Some(4),
                name: Some("Анна".into()),
            },
            kind: MessageKind::Note,
            text: text.into(),
            client_id: Some("c-1".into()),
            attachment: None,
        }
    }

    #[test]
    fn message_events_read_the_same_as_the_general_way() {
        let texts = [
            "plain",
            r#"tricky "event":{"kind":"message_posted","message":{}} inside"#,
            "Здравствуйте 🚚\n\u{1b}[2J",
        ];
        for text in texts {
            let frame = OperatorOut::Event {
                seq: 9,
                ts: 1_700_000_000_001,
                event: EventBody::MessagePosted {
                    message: message(text),
                },
            };
            let wire = encode(&frame);
            assert!(is_message_event(&wire), "the quick way: {wire}");
            assert_eq!(decode_operator_out(&wire), Ok(frame));
        }
    }

    #[test]
    fn other_frames_go_the_general_way() {
        let closed = OperatorOut::Event {
            seq: 1,
            ts: 2,
            event: EventBody::ChatClosed {
                chat_id: 5,
                by: Role::Visitor,
                operator_id: None,
            },
        };
        let wire = encode(&closed);
        assert_eq!(decode_operator_out(&wire), Ok(closed));
        for bad in [
            r#"{"v":1,"type":"event","seq":1,"ts":2,"event":{"kind":"message_posted","message":{}}}"#,
            r#"{"v":1,"type":"event","seq":1}"#,
            "{nope",
        ] {
            assert_eq!(decode_operator_out(bad), decode_trusted::<OperatorOut>(bad));
            assert!(decode_operator_out(bad).is_err(), "{bad}");
        }
    }
}
