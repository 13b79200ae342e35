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

/// Open chat `chat_id` became live while its visitor was not on the site (a message left
/// offline, taken in): away since their last stored sign of life, unless already said.
pub async fn away_when_taken(store: &Store, chat_id: i64) {
    if let Err(e) = store.run(Cmd::VisitorAwayWhenTaken { chat_id }).await {
        tracing::warn!(chat_id, error = %e, "could not record the visitor away");
    }
}
