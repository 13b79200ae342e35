//! What tail prints: human lines in order with the queue and hostile text made visible,
//! JSON Lines with the documented keys, and the filters.

use frontdesk_protocol::VisitorIn;

use crate::common::{OPERATOR, PASSWORD, Setup, Visitor, WAIT};
use crate::support::{Tail, seq_of, strictly_increasing};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn human_lines_are_ordered_carry_the_queue_and_show_hostile_text_as_marks() {
    let setup = Setup::start().await;
    let mut tail = Tail::live(&setup.data_dir(), &[]).await;
    // Tail only watches: its connection did not make its operator online (an event).
    assert!(
        tail.notes.iter().any(|n| n.contains("live from seq 0,")),
        "{:#?}",
        tail.notes
    );
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("Здравствуйте").await;
    visitor
        .say("m-1", "clear\x1b[2J now \u{202E}desrever\u{202C} end")
        .await;
    let hostile = tail.line(|l| l.contains("clear")).await;
    assert!(
        !hostile.contains('\x1b') && !hostile.contains('\u{202E}'),
        "{hostile:?}"
    );
    assert!(
        hostile.contains("clear␛[2J now ⟨U+202E⟩desrever⟨U+202C⟩ end"),
        "{hostile}"
    );
    assert!(hostile.contains("message_posted"), "{hostile}");
    assert!(hostile.contains("visitor=\"Ольга\""), "{hostile}");

    let created = tail
        .lines
        .iter()
        .find(|l| l.contains("chat_created"))
        .expect("a chat_created line")
        .clone();
    assert!(created.contains("waiting=1"), "{created}");
    let first = tail
        .lines
        .iter()
        .position(|l| l.contains("Здравствуйте"))
        .expect("the first message");
    assert!(
        tail.lines.iter().position(|l| l.contains("chat_created")) < Some(first),
        "{:#?}",
        tail.lines
    );
    strictly_increasing(&tail.lines.iter().map(|l| seq_of(l)).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_lines_have_the_documented_fields() {
    let setup = Setup::start().await;
    let mut tail = Tail::live(&setup.data_dir(), &["--json"]).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("Здравствуйте").await;
    visitor.say("m-1", "raw\x1b[2J text").await;
    tail.line(|l| l.contains("raw")).await;

    let lines = tail.json();
    let fields = [
        "v",
        "seq",
        "ts",
        "time",
        "kind",
        "chat_id",
        "department",
        "operator",
        "operator_ids",
        "visitor",
        "text",
        "waiting",
        "queue_changed",
        "event",
    ];
    for line in &lines {
        for field in fields {
            assert!(line.get(field).is_some(), "no {field} in {line}");
        }
        assert_eq!(line["v"], 1);
        assert_eq!(line["kind"], line["event"]["kind"], "{line}");
        assert!(
            line["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
    }
    strictly_increasing(
        &lines
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let created = lines
        .iter()
        .find(|l| l["kind"] == "chat_created")
        .expect("chat_created");
    assert_eq!(created["waiting"], 1);
    assert_eq!(created["queue_changed"], true);
    assert_eq!(created["visitor"], "Ольга");
    let last = lines.last().expect("a line");
    assert_eq!(last["kind"], "message_posted");
    assert_eq!(last["chat_id"], created["chat_id"]);
    assert_eq!(last["queue_changed"], false);
    // JSON keeps the visitor's text as it is, escaped by the encoder.
    assert_eq!(last["event"]["message"]["text"], "raw\x1b[2J text");
    assert!(tail.lines.last().is_some_and(|l| l.contains("\\u001b")));
}

async fn start_chat_in(visitor: &mut Visitor, id: &str, text: &str, department: &str) {
    let frame = VisitorIn::StartChat {
        id: id.into(),
        text: Some(text.into()),
        department: Some(department.into()),
    };
    visitor.command(frame, id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kind_and_department_filters() {
    let setup = Setup::start_with(|config| {
        let department = |key: &str| frontdesk_server::routing::Department {
            key: key.into(),
            title: key.into(),
            operators: vec![OPERATOR.into()],
        };
        config.routing.departments = vec![department("sales"), department("support")];
    })
    .await;
    let args = ["--kind", "chat_created", "--department", "sales"];
    let mut tail = Tail::live(&setup.data_dir(), &args).await;
    let mut kinds = Tail::live(&setup.data_dir(), &["--kind", "message_posted,chat_closed"]).await;
    let url = setup.server.http_url();
    let mut support = Visitor::join_named(&url, "Support Sam").await;
    start_chat_in(&mut support, "s-1", "printer on fire", "support").await;
    let mut sales = Visitor::join_named(&url, "Sales Sue").await;
    start_chat_in(&mut sales, "s-2", "price list please", "sales").await;

    // The stream is in order: once the sales chat is printed, the support one was passed over.
    let line = tail.line(|l| l.contains("Sales Sue")).await;
    assert!(
        line.contains("chat_created") && line.contains("dept=sales"),
        "{line}"
    );
    assert_eq!(tail.lines.len(), 1, "{:#?}", tail.lines);

    kinds.line(|l| l.contains("price list please")).await;
    assert!(
        kinds.lines.iter().all(|l| l.contains(" message_posted ")),
        "{:#?}",
        kinds.lines
    );
    assert!(kinds.lines.iter().any(|l| l.contains("printer on fire")));
}

/// A supervisor's tail with `--operator boris`: what boris does and what happens in the chat
/// he holds, not the chat before he took it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_filter_follows_the_operator_and_their_chats() {
    use frontdesk::net::{NetCommand, NetEvent};
    use frontdesk_protocol::{OperatorIn, OperatorOut, OperatorRole};

    let setup = Setup::start().await;
    let url = setup.server.http_url();
    for (name, role) in [
        ("irina", OperatorRole::Supervisor),
        ("boris", OperatorRole::Operator),
    ] {
        setup
            .server
            .add_operator(name, name, PASSWORD, role)
            .await
            .expect("operator");
    }
    let irina = frontdesk::net::rest::login(&url, "irina", PASSWORD)
        .await
        .expect("login");
    let session = frontdesk::session::Session {
        server: url.clone(),
        operator: "irina".into(),
        token: irina.token,
    };
    frontdesk::session::save(&setup.data_dir(), &session).expect("session");
    let mut tail = Tail::live(&setup.data_dir(), &["--operator", "boris"]).await;

    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("before anyone took it").await;
    let boris = frontdesk::net::rest::login(&url, "boris", PASSWORD)
        .await
        .expect("login");
    let mut net = frontdesk::net::spawn(frontdesk::net::ws_url(&url).expect("url"), boris.token);
    let chat_id = loop {
        let event = tokio::time::timeout(WAIT, net.events.recv())
            .await
            .expect("boris in sync")
            .expect("net task");
        if let NetEvent::Frame(frame) = event
            && let OperatorOut::Snapshot { chats, .. } = *frame
            && let Some(chat) = chats.first()
        {
            break chat.chat.id;
        }
    };
    let accept = OperatorIn::Accept {
        id: "a-1".into(),
        chat_id,
    };
    net.commands.send(NetCommand::Send(accept)).expect("send");
    let reply = OperatorIn::Message {
        id: "r-1".into(),
        chat_id,
        text: "boris here".into(),
    };
    net.commands.send(NetCommand::Send(reply)).expect("send");
    visitor.gets_operator_text("boris here").await;
    visitor.say("m-2", "after he took it").await;

    tail.line(|l| l.contains("after he took it")).await;
    let accepted = tail
        .lines
        .iter()
        .find(|l| l.contains(" chat_accepted "))
        .expect("the accept");
    assert!(accepted.contains("op=boris"), "{accepted}");
    assert!(tail.lines.iter().any(|l| l.contains("boris here")));
    assert!(
        !tail
            .lines
            .iter()
            .any(|l| l.contains("chat_created") || l.contains("before anyone")),
        "{:#?}",
        tail.lines
    );
}
