//! A visitor who sends quickly on a slow link is slowed down, not cut off: the server stops
//! reading its frames while their answers wait to be written, so the socket's bounded queue
//! never overflows (which closes it with 1013). Real server, a real client socket with a
//! small receive buffer that reads slowly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::TestServer;
use frontdesk_protocol::{VisitorIn, VisitorOut, decode, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpSocket;
use tokio_tungstenite::tungstenite::Message;

const MESSAGES: usize = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fast_sender_on_a_slow_link_is_slowed_not_disconnected() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(100_000)).await;
    let url = server.url("/ws/visitor");
    let addr = url
        .trim_start_matches("ws://")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    // A slow link: little room to receive, so the server's writes soon wait on the client.
    socket.set_recv_buffer_size(4096).unwrap();
    let stream = socket.connect(addr).await.unwrap();
    let (ws, _) = tokio_tungstenite::client_async(url.as_str(), stream)
        .await
        .unwrap();
    let (mut sink, mut source) = ws.split();
    let hello = VisitorIn::Hello {
        token: None,
        site: None,
        language: Some("ru-RU".into()),
    };
    sink.send(Message::text(encode(&hello))).await.unwrap();

    // Long messages, each echoed back whole, sent as fast as the socket takes them.
    let text = "Ж".repeat(2000);
    let writer = tokio::spawn(async move {
        for n in 0..MESSAGES {
            let frame = VisitorIn::Message {
                id: format!("m-{n}"),
                text: text.clone(),
            };
            sink.send(Message::text(encode(&frame))).await.unwrap();
        }
        sink
    });

    // Read slowly, counting acknowledgements, until every message is acknowledged.
    let mut acks = 0;
    while acks < MESSAGES {
        let next = tokio::time::timeout(Duration::from_secs(30), source.next())
            .await
            .expect("frames keep coming")
            .expect("the socket stays open")
            .unwrap();
        match next {
            Message::Text(text) => {
                if let VisitorOut::Ack { .. } = decode::<VisitorOut>(text.as_str()).unwrap() {
                    acks += 1;
                }
            }
            Message::Close(frame) => panic!("closed after {acks} acks: {frame:?}"),
            _ => {}
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let _sink = writer.await.unwrap();
}
