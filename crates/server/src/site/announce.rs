//! A chat's visitor left the site or came back: recorded by the writer first (so an answer
//! written after a console heard it is mailed accordingly, `store/mail_outbox.rs`), then told
//! to every console as `visitor_presence`.

use frontdesk_protocol::{Millis, OperatorOut, encode};

use crate::hub::Hub;
use crate::store::{Cmd, Store};

/// `left_at`: when the visitor's last tab closed; `None`: they are back.
pub async fn presence(hub: &Hub, store: &Store, chat_id: i64, left_at: Option<Millis>) {
    if let Err(e) = store.run(Cmd::VisitorGone { chat_id, left_at }).await {
        tracing::warn!(chat_id, error = %e, "could not record the visitor leaving or back");
    }
    let frame = OperatorOut::VisitorPresence {
        chat_id,
        on_site: left_at.is_none(),
        left_at,
    };
    hub.to_operators(encode(&frame));
}
