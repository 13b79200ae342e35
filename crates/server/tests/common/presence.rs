//! Whether a chat's visitor is on the site, as a console hears it: `visitor_presence` events.

use frontdesk_protocol::{EventBody, OperatorOut};

use super::Operator;

/// A presence change: the chat and whether its visitor is on the site.
pub fn presence(frame: &OperatorOut) -> Option<(i64, bool)> {
    match frame {
        OperatorOut::Event {
            event:
                EventBody::VisitorPresence {
                    chat_id,
                    on_site,
                    left_at,
                },
            ..
        } => {
            assert_eq!(left_at.is_none(), *on_site, "{frame:?}");
            Some((*chat_id, *on_site))
        }
        _ => None,
    }
}

/// Whether the next presence change of `chat` says the visitor is on the site; leaving
/// comes with its time, coming back without one.
pub async fn presence_of(op: &mut Operator, chat: i64) -> bool {
    op.until(|f| presence(f).filter(|(c, _)| *c == chat).map(|(_, on)| on))
        .await
}
