//! The frame a visitor sends most, a message, read in one pass.
//!
//! [`decode`] reads a frame's head (`v`, `type`, `id`) into JSON values first, so that an error
//! can say precisely what was wrong, and then the whole frame through the internally tagged
//! [`VisitorIn`], for which serde collects every field into a buffer before it knows the
//! variant. For a message, the frame of a visitor's flood, both passes are read as one plain
//! struct instead. Only a frame that [`decode`] accepts as the same message is read this way:
//! anything else, or anything that does not fit, goes the general way and gets its precise
//! error there.

use serde::Deserialize;

use crate::codec::{DecodeError, decode};
use crate::{MAX_CLIENT_ID_LEN, PROTOCOL_VERSION, VisitorIn};

#[derive(Deserialize)]
struct MessageFrame {
    v: u64,
    #[serde(rename = "type")]
    _kind: MessageType,
    id: String,
    text: String,
}

/// The one `type` this path reads; any other fails the parse and goes the general way.
#[derive(Deserialize)]
enum MessageType {
    #[serde(rename = "message")]
    Message,
}

/// How a compact encoder (the widget's, ours) writes a message's type. Only a gate, so that
/// other frames do not pay for a failed attempt: a message written otherwise is still read,
/// the general way.
const MESSAGE_TYPE: &str = r#""type":"message""#;

/// [`decode`] for the visitor socket, in one pass for a message.
pub fn decode_visitor_in(text: &str) -> Result<VisitorIn, DecodeError> {
    if text.contains(MESSAGE_TYPE)
        && let Ok(frame) = serde_json::from_str::<MessageFrame>(text)
        && frame.v == u64::from(PROTOCOL_VERSION)
        && frame.id.chars().count() <= MAX_CLIENT_ID_LEN
    {
        return Ok(VisitorIn::Message {
            id: frame.id,
            text: frame.text,
        });
    }
    decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode;

    #[test]
    fn messages_read_the_same_as_the_general_way() {
        for text in [
            "plain",
            "Здравствуйте 🚚\n\u{1b}[2J",
            r#"{"type":"ping"}"#,
            "",
        ] {
            let frame = VisitorIn::Message {
                id: "c-1".into(),
                text: text.into(),
            };
            let wire = encode(&frame);
            assert_eq!(decode_visitor_in(&wire), Ok(frame));
        }
    }

    #[test]
    fn every_frame_decodes_as_decode_does() {
        let long_id = "я".repeat(MAX_CLIENT_ID_LEN);
        let too_long_id = "я".repeat(MAX_CLIENT_ID_LEN + 1);
        let texts = [
            // Messages in the order and spacing other clients may use; an unknown field is
            // ignored, as `decode` ignores it.
            r#"{"text":"hi","id":"a","type":"message","v":1}"#.to_owned(),
            r#" { "v" : 1 , "type" : "message" , "id" : "a" , "text" : "hi" , "extra" : [1] } "#
                .to_owned(),
            format!(r#"{{"v":1,"type":"message","id":"{long_id}","text":"hi"}}"#),
            // Not a message, or not a valid one: each must fail or decode as `decode` does.
            format!(r#"{{"v":1,"type":"message","id":"{too_long_id}","text":"hi"}}"#),
            r#"{"v":2,"type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1.0,"type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":"1","type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1,"type":"Message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1,"type":"message","id":"a","text":"hi","text":"again"}"#.to_owned(),
            r#"{"v":1,"type":"message","type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1,"v":1,"type":"message","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1,"type":"message","id":7,"text":"hi"}"#.to_owned(),
            r#"{"v":1,"type":"message","id":"a","text":null}"#.to_owned(),
            r#"{"v":1,"type":"message","id":"a"}"#.to_owned(),
            r#"{"v":1,"type":"message","id":"a","text":"hi"} trailing"#.to_owned(),
            r#"{"v":1,"type":"ping"}"#.to_owned(),
            r#"{"v":1,"type":"close_chat","id":"a","text":"hi"}"#.to_owned(),
            r#"{"v":1,"type":"page_view","id":"p","url":"https://shop.example/"}"#.to_owned(),
            // The gate's text elsewhere than the frame's own type.
            r#"{"v":1,"id":"a","text":"hi","x":{"type":"message"}}"#.to_owned(),
            r#"{"v":1,"type":"page_view","id":"p","url":"u","x":{"type":"message"}}"#.to_owned(),
            "{nope".to_owned(),
            "[1,2]".to_owned(),
        ];
        for text in &texts {
            assert_eq!(decode_visitor_in(text), decode::<VisitorIn>(text), "{text}");
        }
        assert!(decode_visitor_in(&texts[0]).is_ok());
        assert!(decode_visitor_in(&texts[3]).is_err());
    }
}
