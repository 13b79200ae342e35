//! Steps and checks several scenarios share.

use frontdesk_protocol::{Role, VisitorOut};

use crate::common::{Console, Setup, Visitor};
use crate::keys::ENTER;

/// Enter on the selected waiting chat: it opens and the operator accepts it.
pub async fn take_selected_chat(console: &mut Console) {
    console.keys(ENTER);
    console.wait_text("Анна joined").await;
}

/// A visitor who gave `name` in the pre-chat form and wrote `text`.
pub async fn named_visitor_writes(setup: &Setup, name: &str, text: &str) -> Visitor {
    let mut visitor = Visitor::join_named(&setup.server.http_url(), name).await;
    visitor.start_chat(text).await;
    visitor
}

/// What the server stored as the operator's messages in this visitor's chat.
pub async fn stored_replies(setup: &Setup, visitor: &Visitor) -> Vec<String> {
    visitor
        .stored_operator_texts(&setup.server.http_url())
        .await
}

/// The next operator message the visitor gets.
pub async fn next_operator_text(visitor: &mut Visitor) -> String {
    let frame = visitor
        .recv_until(|f| {
            matches!(f, VisitorOut::Message { message } if message.author.role == Role::Operator)
        })
        .await;
    let VisitorOut::Message { message } = frame else {
        unreachable!()
    };
    message.text
}
