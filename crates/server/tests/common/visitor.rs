//! The visitor's side of a test: joining, raw frames, saying, page views, starting a chat.

use frontdesk_protocol::{VisitorIn, VisitorOut};
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

use super::{TestServer, Visitor, WAIT};

impl Visitor {
    /// The raw text of every frame up to and including the first that contains `marker`;
    /// panics after [`WAIT`].
    pub async fn raw_until(&mut self, marker: &str) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .expect("the marker before the deadline")
                .expect("the socket open")
                .unwrap();
            if let Message::Text(text) = next {
                let done = text.as_str().contains(marker);
                seen.push(text.as_str().to_owned());
                if done {
                    return seen;
                }
            }
        }
    }

    /// Connects and says hello; returns the client and its welcome.
    pub async fn join(server: &TestServer, token: Option<String>) -> (Self, VisitorOut) {
        Self::join_at(&server.server.http_url(), token).await
    }

    /// [`Visitor::join`] for a server at `http` (a spawned binary).
    pub async fn join_at(http: &str, token: Option<String>) -> (Self, VisitorOut) {
        let ws = http.replacen("http://", "ws://", 1);
        let mut v = Self::connect(&format!("{ws}/ws/visitor")).await;
        v.send(&VisitorIn::Hello {
            token,
            site: None,
            language: Some("ru-RU".into()),
        })
        .await;
        let welcome = v.recv().await;
        assert!(matches!(welcome, VisitorOut::Welcome { .. }), "{welcome:?}");
        (v, welcome)
    }

    pub async fn say(&mut self, id: &str, text: &str) -> VisitorOut {
        let message = VisitorIn::Message {
            id: id.into(),
            text: text.into(),
        };
        self.send_and_ack(id, message).await
    }

    /// Reports a page view (titled after its URL) and waits for its ack.
    pub async fn open_page(&mut self, id: &str, url: &str, referrer: Option<&str>) {
        self.send(&VisitorIn::PageView {
            id: id.into(),
            url: url.into(),
            title: Some(format!("title of {url}")),
            referrer: referrer.map(str::to_owned),
            search_query: None,
        })
        .await;
        let id = id.to_owned();
        self.until(|f| matches!(f, VisitorOut::Ack { id: i, .. } if *i == id).then_some(()))
            .await;
    }

    /// Starts a chat with its first message and waits for its ack; returns the chat's id.
    pub async fn start_chat(&mut self, id: &str, text: &str) -> i64 {
        let start = VisitorIn::StartChat {
            id: id.into(),
            text: Some(text.into()),
            department: None,
        };
        match self.send_and_ack(id, start).await {
            VisitorOut::Ack {
                chat_id: Some(chat_id),
                ..
            } => chat_id,
            other => panic!("no chat in {other:?}"),
        }
    }

    /// Sends `frame` (whose id is `id`) and waits for its ack or error.
    pub async fn send_and_ack(&mut self, id: &str, frame: VisitorIn) -> VisitorOut {
        self.send(&frame).await;
        let id = id.to_owned();
        self.until(|f| match f {
            VisitorOut::Ack { id: i, .. } | VisitorOut::Error { id: Some(i), .. } if *i == id => {
                Some(f.clone())
            }
            _ => None,
        })
        .await
    }
}
