//! The write context of one command: allocates `seq`s and appends event rows.

use std::sync::Arc;

use frontdesk_protocol::{EventBody, Millis, Seq, VisitorOut};

use super::audience::Audience;
use super::{OpError, StoredEvent, visitor_frame};
use crate::routing::RoutingConfig;

/// `OperatorOut::Event` built around a stored payload without parsing it again.
pub fn event_frame(seq: Seq, ts: Millis, payload: &str) -> String {
    format!(
        r#"{{"v":{},"type":"event","seq":{seq},"ts":{ts},"event":{payload}}}"#,
        frontdesk_protocol::PROTOCOL_VERSION
    )
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
        let payload = serde_json::to_string(&body)
            .map_err(|e| OpError::new(frontdesk_protocol::ErrorCode::Internal, e.to_string()))?;
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
            for_visitor: to_visitor.and_then(|(id, frame)| visitor_frame(id, &frame)),
            audience,
            body,
        });
        Ok(())
    }
}
