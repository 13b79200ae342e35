//! The console's network layer against the real server: commands queued while offline are
//! delivered after the server appears, resumed from the last seq, and stored exactly once even
//! when the socket drops before the acknowledgement and the command is resent.

use crate::common;

use common::{OPERATOR, PASSWORD, Visitor, WAIT};
use frontdesk::net::{self, NetCommand, NetEvent, NetHandle};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, OperatorRole, VisitorOut};
use frontdesk_server::Config;
use tokio::time::Instant;

async fn until<T>(
    net: &mut NetHandle,
    what: &str,
    mut pick: impl FnMut(&NetEvent) -> Option<T>,
) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        let event = tokio::time::timeout_at(deadline, net.events.recv())
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
            .expect("net task alive");
        if let Some(t) = pick(&event) {
            return t;
        }
    }
}

fn frame(event: &NetEvent) -> Option<&OperatorOut> {
    match event {
        NetEvent::Frame(f) => Some(f),
        _ => None,
    }
}

fn send(net: &NetHandle, frame: OperatorIn) {
    net.commands
        .send(NetCommand::Send(frame))
        .expect("net task alive");
}

fn message(id: &str, chat_id: i64, text: &str) -> OperatorIn {
    OperatorIn::Message {
        id: id.into(),
        chat_id,
        text: text.into(),
    }
}

async fn acked(net: &mut NetHandle, id: &str) {
    until(net, id, |e| match frame(e) {
        Some(OperatorOut::Ack { id: i, .. }) if i == id => Some(()),
        Some(OperatorOut::Error {
            id: Some(i),
            message,
            ..
        }) if i == id => {
            panic!("{id} refused: {message}")
        }
        _ => None,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_queue_resume_and_resend_deliver_each_message_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db.sqlite");
    let server = frontdesk_server::start(Config::local(&db))
        .await
        .expect("server");
    server
        .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
        .await
        .expect("operator");
    let http = server.http_url();
    let token = net::rest::login(&http, OPERATOR, PASSWORD)
        .await
        .expect("login")
        .token;
    let (mut visitor, _) = Visitor::join(&http, None).await;
    visitor.start_chat("Есть кто?").await;
    let visitor_token = visitor.token.clone();
    drop(visitor);

    let mut net = net::spawn(net::ws_url(&http).expect("url"), token);
    until(&mut net, "connected", |e| {
        (*e == NetEvent::Connected).then_some(())
    })
    .await;
    let chat_id = until(&mut net, "snapshot", |e| match frame(e) {
        Some(OperatorOut::Snapshot { chats, .. }) => chats.first().map(|c| c.chat.id),
        _ => None,
    })
    .await;
    send(
        &net,
        OperatorIn::Accept {
            id: "acc-1".into(),
            chat_id,
        },
    );
    acked(&mut net, "acc-1").await;

    // Offline: commands are queued, in order.
    let addr = server.addr;
    server.shutdown().await;
    until(&mut net, "disconnected", |e| {
        matches!(e, NetEvent::Disconnected { .. }).then_some(())
    })
    .await;
    send(&net, message("m-1", chat_id, "первое"));
    send(&net, message("m-2", chat_id, "второе"));

    let mut config = Config::local(&db);
    config.listen = addr;
    let Ok(server) = frontdesk_server::start(config).await else {
        eprintln!("skipping: port {addr} could not be bound again");
        return;
    };
    let resumed = until(&mut net, "welcome", |e| match frame(e) {
        Some(OperatorOut::Welcome { resumed, .. }) => Some(*resumed),
        _ => None,
    })
    .await;
    assert!(
        resumed,
        "the console resumed from its last seq instead of a new snapshot"
    );
    let mut order = Vec::new();
    until(&mut net, "both stored", |e| {
        if let Some(OperatorOut::Event {
            event: EventBody::MessagePosted { message },
            ..
        }) = frame(e)
        {
            order.push(message.client_id.clone().unwrap_or_default());
        }
        (order.len() == 2).then_some(())
    })
    .await;
    assert_eq!(order, ["m-1", "m-2"]);

    // The socket drops right after sending: the command is resent with the same id and the
    // server stores it once.
    send(&net, message("m-3", chat_id, "третье"));
    net.commands
        .send(NetCommand::Reconnect)
        .expect("net task alive");
    acked(&mut net, "m-3").await;

    let (_visitor, welcome) = Visitor::join(&server.http_url(), Some(visitor_token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        panic!("{welcome:?}");
    };
    for text in ["первое", "второе", "третье"] {
        let copies = messages.iter().filter(|m| m.text == text).count();
        assert_eq!(copies, 1, "{text}: {messages:?}");
    }
    server.shutdown().await;
}

/// A REST read from a server that is not there says so briefly for the screen: the server
/// and the system's reason, not the HTTP client's layers and the request's whole URL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rest_read_from_no_server_fails_briefly() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", listener.local_addr().expect("addr"))
    };
    let e = frontdesk::net::rest::get_json::<serde_json::Value>(&closed, "t", "/api/stats?x=1")
        .await
        .expect_err("nobody listens");
    let brief = frontdesk::net::rest::brief(&e);
    assert!(brief.contains(&closed), "{brief}");
    assert!(
        brief.ends_with("Connection refused (os error 111)"),
        "{brief}"
    );
    assert!(!brief.contains("/api/stats"), "{brief}");
    assert!(
        format!("{e:#}").contains("/api/stats"),
        "the log's version keeps it: {e:#}"
    );
}
