//! Steps and checks several scenarios share.

use frontdesk_protocol::{Role, VisitorOut};

use crate::common::{Console, Setup, Visitor};
use crate::keys::ENTER;

/// Enter on the selected waiting chat: it opens and the operator accepts it.
pub async fn take_selected_chat(console: &mut Console) {
    console.keys(ENTER);
    console.wait_text("Анна joined").await;
}

/// A visitor named `name` writes `text` in `department`, then closes the chat.
pub async fn closed_chat(setup: &Setup, name: &str, department: &str, text: &str) {
    let mut visitor = Visitor::join_named(&setup.server.http_url(), name).await;
    let start = frontdesk_protocol::VisitorIn::StartChat {
        id: "sc".into(),
        text: Some(text.into()),
        department: Some(department.into()),
    };
    visitor.command(start, "sc").await;
    visitor
        .command(
            frontdesk_protocol::VisitorIn::CloseChat { id: "cc".into() },
            "cc",
        )
        .await;
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

/// Colleague `name` (an operator of `setup`'s server with the test password) connects and
/// takes the chat offered to them: the offer arrives right after their snapshot.
pub async fn colleague_accepts_the_offer(setup: &Setup, name: &str) {
    use frontdesk_protocol::{OperatorIn, OperatorOut, decode, encode};
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let login =
        frontdesk::net::rest::login(&setup.server.http_url(), name, crate::common::PASSWORD)
            .await
            .expect("login");
    let url = format!("{}/ws/operator", setup.server.ws_url());
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("connect");
    let send = |frame: &OperatorIn| Message::text(encode(frame));
    ws.send(send(&OperatorIn::Hello {
        token: login.token,
        since: None,
        pack_ms: None,
    }))
    .await
    .expect("hello");
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    let chat_id = loop {
        let next = tokio::time::timeout_at(deadline, ws.next()).await;
        let Ok(Some(Ok(Message::Text(text)))) = next else {
            assert!(next.is_ok(), "no transfer offer for {name}");
            continue;
        };
        if let Ok(OperatorOut::TransferOffers { offers }) = decode::<OperatorOut>(&text)
            && let Some(offer) = offers.first()
        {
            break offer.chat_id;
        }
    };
    ws.send(send(&OperatorIn::AcceptTransfer {
        id: "take-offer".into(),
        chat_id,
    }))
    .await
    .expect("accept");
    // Stays connected until the acceptance is stored.
    loop {
        let next = tokio::time::timeout_at(deadline, ws.next()).await;
        let Ok(Some(Ok(Message::Text(text)))) = next else {
            assert!(next.is_ok(), "the offer was not taken");
            continue;
        };
        if text.contains("\"take-offer\"") {
            assert!(text.contains("\"ack\""), "{text}");
            return;
        }
    }
}
