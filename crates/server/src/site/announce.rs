//! A chat's visitor left the site or came back: recorded by the writer (so an answer written
//! after a console heard it is mailed accordingly, `store/mail_outbox.rs`) as a
//! `visitor_presence` event, which every console gets like any other (`store/presence.rs`).

use frontdesk_protocol::Millis;

use crate::store::{Cmd, Store};

/// `left_at`: when the visitor's last tab closed; `None`: they are back.
pub async fn presence(store: &Store, chat_id: i64, left_at: Option<Millis>) {
    if let Err(e) = store.run(Cmd::VisitorGone { chat_id, left_at }).await {
        tracing::warn!(chat_id, error = %e, "could not record the visitor leaving or back");
    }
}
