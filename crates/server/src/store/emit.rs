//! The write context of one command: allocates `seq`s and appends event rows.

use std::sync::Arc;

use frontdesk_protocol::{EventBody, Millis, Seq, VisitorOut};

use super::audience::Audience;
use super::{OpError, StoredEvent, visitor_frame};
use crate::routing::RoutingConfig;

/// `OperatorOut::Event` built around a stored payload without parsing it again.
pub fn event_frame(seq: Seq, ts: Millis, payload: &str) -> String {
    let (seq, ts) = (seq.to_string(), ts.to_string());
    joined(&[
        r#"{"v":"#,
        VERSION,
        r#","type":"event","seq":"#,
        &seq,
        r#","ts":"#,
        &ts,
        r#","event":"#,
        payload,
        "}",
    ])
}

/// `EventBody::MessagePosted` as JSON, around a message encoded once: the same text as
/// `serde_json::to_string(&EventBody::MessagePosted { message })` (test below). A message is
/// the one event sent to both sides, so `post` encodes it once for the event and the visitor.
pub fn message_posted_payload(message_json: &str) -> String {
    joined(&[r#"{"kind":"message_posted","message":"#, message_json, "}"])
}

/// `VisitorOut::Message` as the codec frames it, around the same encoded message.
pub fn visitor_message_frame(message_json: &str) -> String {
    joined(&[
        r#"{"v":"#,
        VERSION,
        r#","type":"message","message":"#,
        message_json,
        "}",
    ])
}

/// `PROTOCOL_VERSION` as text (checked at compile time).
const VERSION: &str = "1";
const _: () = assert!(frontdesk_protocol::PROTOCOL_VERSION == 1);

/// The parts in one allocation of the right size (`format!` sizes its string by the literal
/// parts only, and grows it again for the message it wraps).
fn joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Appends one event; run for every event (see `plan_tests.rs`).
pub(super) const INSERT_EVENT: &str = "INSERT INTO events
     (seq, ts, kind, chat_id, visitor_id, operator_id, payload, audience)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/// Which rows an event concerns, for the indexed columns of `events`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Refs {
    pub chat_id: Option<i64>,
    pub visitor_id: Option<i64>,
    pub operator_id: Option<i64>,
}

/// One command's view of the open transaction.
pub struct Tx<'a> {
    pub conn: &'a rusqlite::Connection,
    head: &'a mut Seq,
    pub now: Millis,
    pub events: Vec<StoredEvent>,
    pub routing: &'a RoutingConfig,
    /// How answers are queued for e-mail; `None`: mail is off.
    pub mail: Option<super::MailBatching>,
    /// How many chats a visitor and a network may open in an hour.
    pub new_chats: super::NewChatLimits,
}

impl<'a> Tx<'a> {
    pub fn new(
        conn: &'a rusqlite::Connection,
        head: &'a mut Seq,
        now: Millis,
        routing: &'a RoutingConfig,
    ) -> Self {
        Self {
            conn,
            head,
            now,
            events: Vec::new(),
            routing,
            mail: None,
            new_chats: super::NewChatLimits::default(),
        }
    }

    /// The `seq` the next event will get; rows stored with an event carry it.
    pub fn alloc_seq(&mut self) -> Seq {
        *self.head += 1;
        *self.head
    }

    /// Appends an event for every operator with a new `seq`.
    pub fn emit(
        &mut self,
        body: EventBody,
        refs: Refs,
        to_visitor: Option<(i64, VisitorOut)>,
    ) -> Result<Seq, OpError> {
        let seq = self.alloc_seq();
        self.emit_at(seq, body, refs, Audience::Everyone, to_visitor)?;
        Ok(seq)
    }

    /// Appends an event with a `seq` taken earlier by [`Tx::alloc_seq`], for `audience`
    /// (kept with it, so a replay filters like live delivery).
    pub fn emit_at(
        &mut self,
        seq: Seq,
        body: EventBody,
        refs: Refs,
        audience: Audience,
        to_visitor: Option<(i64, VisitorOut)>,
    ) -> Result<(), OpError> {
        let payload = serde_json::to_string(&body).map_err(OpError::json)?;
        let for_visitor = to_visitor.and_then(|(id, frame)| visitor_frame(id, &frame));
        self.emit_encoded(seq, body, payload, refs, audience, for_visitor)
    }

    /// [`Tx::emit_at`] with the event's `payload` (its JSON) and the visitor's frame encoded
    /// by the caller.
    pub fn emit_encoded(
        &mut self,
        seq: Seq,
        body: EventBody,
        payload: String,
        refs: Refs,
        audience: Audience,
        for_visitor: Option<(i64, Arc<str>)>,
    ) -> Result<(), OpError> {
        let operator_frame = Arc::from(event_frame(seq, self.now, &payload));
        self.conn
            .prepare_cached(INSERT_EVENT)?
            .execute(rusqlite::params![
                super::sql::seq_column(seq),
                self.now,
                body.kind(),
                refs.chat_id,
                refs.visitor_id,
                refs.operator_id,
                payload,
                audience.column(),
            ])?;
        self.events.push(StoredEvent {
            seq,
            ts: self.now,
            operator_frame,
            for_visitor,
            audience,
            body,
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use frontdesk_protocol::{
        Attachment, Author, EventBody, Message, MessageKind, OperatorOut, Role, VisitorOut,
    };

    use super::{event_frame, message_posted_payload, visitor_message_frame};

    #[test]
    fn a_message_encoded_once_frames_as_serde_would() {
        let texts = [
            "Здравствуйте! \"Кавычки\", \\ и\nперевод строки \u{1b}[31m 😀",
            "",
        ];
        for (i, text) in texts.into_iter().enumerate() {
            let message = Message {
                id: 41,
                chat_id: 7,
                seq: 1_000_000_007,
                ts: 1_764_000_000_123,
                author: Author {
                    role: Role::Visitor,
                    operator_id: None,
                    name: Some("Ольга «О»".into()),
                },
                kind: MessageKind::Text,
                text: text.into(),
                client_id: (i == 0).then(|| "c-1".into()),
                attachment: (i == 1).then(|| Attachment {
                    id: 3,
                    name: "скан.pdf".into(),
                    size: 2_048,
                    mime: "application/pdf".into(),
                }),
            };
            let json = serde_json::to_string(&message).unwrap();
            assert_eq!(
                message_posted_payload(&json),
                serde_json::to_string(&EventBody::MessagePosted {
                    message: message.clone()
                })
                .unwrap()
            );
            assert_eq!(
                visitor_message_frame(&json),
                frontdesk_protocol::encode(&VisitorOut::Message {
                    message: message.clone()
                })
            );
            let (seq, ts) = (message.seq, message.ts);
            let event = EventBody::MessagePosted { message };
            assert_eq!(
                event_frame(seq, ts, &message_posted_payload(&json)),
                frontdesk_protocol::encode(&OperatorOut::Event { seq, ts, event })
            );
        }
    }
}
