//! Steps and checks several scenarios share.

use frontdesk_protocol::{Role, VisitorOut};

use crate::common::{Console, Setup, Visitor};
use crate::keys::ENTER;

/// Enter on the selected waiting chat: it opens and the operator accepts it.
pub async fn take_selected_chat(console: &mut Console) {
    console.keys(ENTER);
    console.wait_text("Анна joined").await;
}

/// With the console online, a visitor named `name` writes `text` and the operator opens and
/// accepts the chat; the visitor's socket is returned.
pub async fn visitor_chat_taken(
    console: &mut Console,
    setup: &Setup,
    name: &str,
    text: &str,
) -> Visitor {
    console.wait_text("online").await;
    let visitor = named_visitor_writes(setup, name, text).await;
    console.wait_text(text).await;
    take_selected_chat(console).await;
    visitor
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

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A colleague's operator socket, synced (their snapshot received).
pub struct Colleague {
    ws: Socket,
    name: String,
}

/// Colleague `name` (an operator of `setup`'s server with the test password) connects and
/// waits for their snapshot.
pub async fn colleague_connects(setup: &Setup, name: &str) -> Colleague {
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
    let hello = OperatorIn::Hello {
        token: login.token,
        since: None,
        pack_ms: None,
    };
    ws.send(Message::text(encode(&hello))).await.expect("hello");
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let next = tokio::time::timeout_at(deadline, ws.next()).await;
        let Ok(Some(Ok(Message::Text(text)))) = next else {
            assert!(next.is_ok(), "no snapshot for {name}");
            continue;
        };
        if let Ok(OperatorOut::Snapshot { .. }) = decode::<OperatorOut>(&text) {
            return Colleague {
                ws,
                name: name.to_owned(),
            };
        }
    }
}

impl Colleague {
    /// Takes the chat offered to them. The offer comes in the list sent after the snapshot
    /// when it was stored before they connected, or live as an event when the console's
    /// transfer lands after that (a slow machine).
    pub async fn accepts_the_offer(mut self) {
        use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, decode, encode};
        use futures_util::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;

        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        let chat_id = loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next()).await;
            let Ok(Some(Ok(Message::Text(text)))) = next else {
                assert!(next.is_ok(), "no transfer offer for {}", self.name);
                continue;
            };
            match decode::<OperatorOut>(&text) {
                Ok(OperatorOut::TransferOffers { offers }) if !offers.is_empty() => {
                    break offers[0].chat_id;
                }
                Ok(OperatorOut::Event {
                    event: EventBody::ChatTransferOffered { chat_id, .. },
                    ..
                }) => break chat_id,
                _ => {}
            }
        };
        let accept = OperatorIn::AcceptTransfer {
            id: "take-offer".into(),
            chat_id,
        };
        self.ws
            .send(Message::text(encode(&accept)))
            .await
            .expect("accept");
        // Stays connected until the acceptance is stored.
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next()).await;
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
}

/// Colleague `name` connects and takes the chat offered to them, whichever comes first: the
/// offer or their login.
pub async fn colleague_accepts_the_offer(setup: &Setup, name: &str) {
    colleague_connects(setup, name)
        .await
        .accepts_the_offer()
        .await;
}

/// Irina, with nobody online, leaves a message with her name and address; her socket, still
/// open.
pub async fn irina_leaves_a_message(setup: &Setup) -> Visitor {
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor
        .command(
            frontdesk_protocol::VisitorIn::OfflineMessage {
                id: "off-1".into(),
                text: "Можно вернуть чайник?".into(),
                name: Some("Ирина".into()),
                email: Some("irina@example.com".into()),
            },
            "off-1",
        )
        .await;
    visitor
}
