//! A returning visitor's earlier chat, played before her visit: she writes, the colleague
//! answers, the chat is closed, and a week passes (`time_lapse`).

use frontdesk_protocol::VisitorIn;

use super::super::scenario::Turn;
use super::super::time_lapse;
use super::{Visitor, note_failure};

impl Visitor {
    /// A chat from an earlier visit, held quickly and closed, so this visitor returns with
    /// history: the visitor's turns over this socket, the operator's posted by the colleague,
    /// who accepts the chat at once. Each line waits for the server's answer before the next,
    /// so they are stored in the scenario's order. Should the colleague be unable to take the
    /// chat (the console's operator was quicker, say), the visitor goes on with her own lines
    /// and closes the chat herself: the demo carries on whatever happens.
    pub(super) async fn earlier_chat(&mut self, turns: &[Turn]) {
        let Some((Turn::Visitor(first), rest)) = turns.split_first() else {
            return; // the scenario parser makes sure the visitor speaks first
        };
        // On line before the chat exists, as a colleague at work would be.
        let mut shift = self
            .colleague
            .start_shift()
            .await
            .map_err(note_failure)
            .ok();
        let first = first.clone();
        let chat_id = self
            .answered(|id| VisitorIn::StartChat {
                id,
                text: Some(first),
                department: None,
            })
            .await;
        let Some(chat_id) = chat_id else {
            return;
        };
        if let Some(s) = &mut shift
            && let Err(e) = s.accept(chat_id).await
        {
            note_failure(e);
            shift = None;
        }
        for turn in rest {
            self.pause(0.3).await;
            match turn {
                Turn::Visitor(text) => {
                    let text = text.clone();
                    self.answered(|id| VisitorIn::Message { id, text }).await;
                }
                Turn::Operator(text) => {
                    if let Some(s) = &mut shift
                        && let Err(e) = s.say(chat_id, text).await
                    {
                        note_failure(e);
                        shift = None;
                    }
                }
            }
        }
        self.pause(0.3).await;
        // The operator closes after her last word; the visitor only when there was none.
        let closed = match shift {
            Some(s) => s.close(chat_id).await.map_err(note_failure).is_ok(),
            None => false,
        };
        if !closed {
            self.answered(|id| VisitorIn::CloseChat { id }).await;
        }
        // She comes back a week later: what follows is her second visit.
        if let Err(e) = time_lapse::a_week_passes(&self.db, chat_id).await {
            tracing::warn!("demo: {e:#}");
        }
        self.pause(0.3).await;
    }
}
