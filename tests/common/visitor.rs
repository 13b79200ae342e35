//! A website visitor over the real visitor WebSocket, as the widget talks to the server.

use frontdesk_protocol::{VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::WAIT;

/// A website visitor over the real visitor WebSocket.
pub struct Visitor {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    pub token: String,
}

impl Visitor {
    pub async fn join(http_url: &str, token: Option<String>) -> (Self, VisitorOut) {
        Self::join_with_agent(http_url, token, None).await
    }

    /// Joins with a browser's `User-Agent` on the socket's upgrade request, as the widget's
    /// browser sends it.
    pub async fn join_with_agent(
        http_url: &str,
        token: Option<String>,
        user_agent: Option<&str>,
    ) -> (Self, VisitorOut) {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let url = format!("{}/ws/visitor", http_url.replacen("http://", "ws://", 1));
        let mut request = url.into_client_request().unwrap();
        if let Some(agent) = user_agent {
            request
                .headers_mut()
                .insert("User-Agent", agent.parse().unwrap());
        }
        let (ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        let mut v = Self {
            ws,
            token: String::new(),
        };
        v.send(&VisitorIn::Hello {
            token,
            site: None,
            language: Some("ru-RU".into()),
        })
        .await;
        let welcome = v
            .recv_until(|f| matches!(f, VisitorOut::Welcome { .. }))
            .await;
        if let VisitorOut::Welcome { token, .. } = &welcome {
            v.token = token.clone();
        }
        (v, welcome)
    }

    /// A new visitor who gave `name` in the pre-chat form.
    pub async fn join_named(http_url: &str, name: &str) -> Self {
        let (mut v, _) = Self::join(http_url, None).await;
        let fields = frontdesk_protocol::PrechatFields {
            name: Some(name.into()),
            ..frontdesk_protocol::PrechatFields::default()
        };
        let form = VisitorIn::Prechat {
            id: "form".into(),
            fields,
        };
        v.command(form, "form").await;
        v
    }

    /// The operator messages the server stored in this visitor's chat, as a second tab of
    /// theirs gets them in `welcome`.
    pub async fn stored_operator_texts(&self, http_url: &str) -> Vec<String> {
        let (_again, welcome) = Self::join(http_url, Some(self.token.clone())).await;
        let VisitorOut::Welcome { messages, .. } = welcome else {
            panic!("{welcome:?}");
        };
        messages
            .into_iter()
            .filter(|m| m.author.role == frontdesk_protocol::Role::Operator)
            .map(|m| m.text)
            .collect()
    }

    pub async fn send(&mut self, frame: &VisitorIn) {
        self.ws.send(Message::text(encode(frame))).await.unwrap();
    }

    /// Sends a command with an id and waits for its `ack`.
    pub async fn command(&mut self, frame: VisitorIn, id: &str) {
        self.send(&frame).await;
        let got = self
            .recv_until(|f| {
                matches!(f, VisitorOut::Ack { id: i, .. } | VisitorOut::Error { id: Some(i), .. } if i == id)
            })
            .await;
        assert!(matches!(got, VisitorOut::Ack { .. }), "{got:?}");
    }

    pub async fn start_chat(&mut self, text: &str) {
        let frame = VisitorIn::StartChat {
            id: "sc-1".into(),
            text: Some(text.into()),
            department: None,
        };
        self.command(frame, "sc-1").await;
    }

    pub async fn say(&mut self, id: &str, text: &str) {
        let frame = VisitorIn::Message {
            id: id.into(),
            text: text.into(),
        };
        self.command(frame, id).await;
    }

    /// Waits until an operator message with exactly `text` arrives; its id.
    pub async fn gets_operator_text(&mut self, text: &str) -> i64 {
        let got = self
            .recv_until(|f| {
                matches!(f, VisitorOut::Message { message }
                if message.author.role == frontdesk_protocol::Role::Operator && message.text == text)
            })
            .await;
        match got {
            VisitorOut::Message { message } => message.id,
            _ => unreachable!(),
        }
    }

    /// Reads frames until one matches; panics after [`WAIT`].
    pub async fn recv_until(&mut self, pred: impl Fn(&VisitorOut) -> bool) -> VisitorOut {
        let deadline = Instant::now() + WAIT;
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .expect("a visitor frame before the deadline")
                .expect("the visitor socket is open")
                .unwrap();
            if let Message::Text(t) = next {
                let frame: VisitorOut = decode(t.as_str()).unwrap();
                if pred(&frame) {
                    return frame;
                }
            }
        }
    }
}
