//! Chat state changes that both visitors and operators cause, written once.

use frontdesk_protocol::{Chat, EventBody, OperatorInfo, Role, Seq, SystemEvent, VisitorOut};

use super::OpError;
use super::emit::{Refs, Tx};

/// The line the visitor's widget shows for a change in the chat.
pub fn system_line(
    tx: &Tx<'_>,
    chat: &Chat,
    event: SystemEvent,
    operator_name: Option<&str>,
) -> (i64, VisitorOut) {
    (
        chat.visitor_id,
        VisitorOut::System {
            chat_id: chat.id,
            ts: tx.now,
            event,
            operator_name: operator_name.map(str::to_owned),
        },
    )
}

/// Closes `chat`, by the visitor (`by` = None) or by an operator.
pub async fn close(
    tx: &mut Tx<'_>,
    chat: &Chat,
    by: Option<&OperatorInfo>,
) -> Result<Seq, OpError> {
    sqlx::query("UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ?")
        .bind(tx.now)
        .bind(chat.id)
        .execute(&mut *tx.conn)
        .await?;
    let line = system_line(
        tx,
        chat,
        SystemEvent::Closed,
        by.map(|op| op.display_name.as_str()),
    );
    tx.emit(
        EventBody::ChatClosed {
            chat_id: chat.id,
            by: if by.is_some() {
                Role::Operator
            } else {
                Role::Visitor
            },
            operator_id: by.map(|op| op.id),
        },
        Refs {
            chat_id: Some(chat.id),
            visitor_id: Some(chat.visitor_id),
            operator_id: by.map(|op| op.id),
        },
        Some(line),
    )
    .await
}
