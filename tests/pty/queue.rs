//! The queue view in the real binary against the real server: a visitor waits in the sales
//! department, F7 shows the chat with its department and a wait that runs and today's totals
//! from the server's statistics, a colleague going away shows among the operators, and Enter
//! opens the chat in the focused pane; a colleague renamed or disabled on the server is shown so,
//! and a console started after the disable still names their chat.

use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorOut, OperatorRole, OperatorStatus, VisitorIn,
};
use frontdesk_protocol::{decode, encode};
use frontdesk_server::routing::Department;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use crate::common::{PASSWORD, Setup, Visitor};
use crate::keys::ENTER;

const F7: &str = "\x1b[18~";

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Reads frames until `pick` finds one, for at most ten seconds.
async fn until<T>(ws: &mut Socket, what: &str, pick: impl Fn(&OperatorOut) -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let next = tokio::time::timeout_at(deadline, ws.next()).await;
        let Ok(Some(Ok(Message::Text(text)))) = next else {
            assert!(next.is_ok(), "no {what}");
            continue;
        };
        if let Some(found) = decode::<OperatorOut>(&text).ok().as_ref().and_then(&pick) {
            return found;
        }
    }
}

/// Борис, an operator of the sales department, connected over the operator socket.
async fn boris_online(setup: &Setup) -> Socket {
    setup
        .server
        .add_operator("boris", "Борис", PASSWORD, OperatorRole::Operator)
        .await
        .expect("operator");
    let login = frontdesk::net::rest::login(&setup.server.http_url(), "boris", PASSWORD)
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
    until(&mut ws, "snapshot", |f| {
        matches!(f, OperatorOut::Snapshot { .. }).then_some(())
    })
    .await;
    ws
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f7_shows_the_waiting_chat_and_the_operators_and_enter_opens_it() {
    let setup = Setup::start_with(|c| {
        c.routing.max_chats = 2;
        c.routing.departments = vec![Department {
            key: "sales".into(),
            title: "Продажи".into(),
            operators: vec!["anna".into(), "boris".into()],
        }];
    })
    .await;
    let mut boris = boris_online(&setup).await;
    let mut anna = setup.console_sized(24, 80);
    anna.wait_text("online").await;
    let mut visitor = Visitor::join_named(&setup.server.http_url(), "Ольга").await;
    let start = VisitorIn::StartChat {
        id: "sc-1".into(),
        text: Some("Есть доставка в Казань?".into()),
        department: Some("sales".into()),
    };
    visitor.command(start, "sc-1").await;
    // The list's preview row (cut with «…» at 80 columns).
    anna.wait_text("Есть доставка в Каз").await;

    anna.keys(F7);
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Ольга") && l.contains("Продажи"))
            .map(str::to_owned)
    };
    let first = anna
        .wait_for("the chat in the queue view", |s| {
            s.contains("Waiting for an answer (1)") && row(s).is_some()
        })
        .await;
    let first = row(&first).expect("row");
    // Today's totals come from the server's statistics.
    anna.wait_for("today's totals", |s| {
        s.contains("Today: 1 chats") && s.contains("0 answered")
    })
    .await;
    // The wait runs: the same row shows a later time on a later frame.
    anna.wait_for("the wait to move on", |s| {
        row(s).is_some_and(|now| now != first)
    })
    .await;
    anna.wait_for("Борис online with his load against the cap", |s| {
        s.lines()
            .any(|l| l.contains("Борис") && l.contains("online") && l.contains("0/2"))
    })
    .await;

    let away = OperatorIn::SetStatus {
        id: "away-1".into(),
        status: OperatorStatus::Away,
    };
    boris
        .send(Message::text(encode(&away)))
        .await
        .expect("away");
    anna.wait_for("Борис away", |s| {
        s.lines().any(|l| l.contains("Борис") && l.contains("away"))
    })
    .await;

    // Esc closes the view, F7 brings it back.
    anna.keys("\x1b");
    anna.wait_for("the view closed", |s| !s.contains("Waiting for an answer"))
        .await;
    anna.keys(F7);
    anna.wait_text("Waiting for an answer (1)").await;

    anna.keys(ENTER);
    anna.wait_for("the chat open in the pane, the view closed", |s| {
        !s.contains("Waiting for an answer") && s.contains("Reply to Ольга")
    })
    .await;
}

/// A colleague's account changed on the server while the console runs: the queue view names
/// them anew at once, and a disabled account leaves the list of operators.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_view_follows_a_colleague_renamed_and_disabled_on_the_server() {
    let setup = Setup::start().await;
    let _boris = boris_online(&setup).await;
    let mut anna = setup.console_sized(24, 80);
    anna.wait_text("online").await;
    anna.keys(F7);
    let boris_row =
        |s: &str, name: &str| s.lines().any(|l| l.contains(name) && l.contains("online"));
    anna.wait_for("Борис among the operators", |s| boris_row(s, "Борис"))
        .await;

    setup
        .server
        .set_operator_display_name("boris", "Борис Петров")
        .await
        .expect("renamed");
    anna.wait_for("the new name in the queue view", |s| {
        boris_row(s, "Борис Петров")
    })
    .await;

    setup
        .server
        .set_operator_disabled("boris", true)
        .await
        .expect("disabled");
    anna.wait_for("Борис gone from the operators", |s| {
        s.contains("Waiting for an answer") && !s.contains("Борис")
    })
    .await;
}

/// A console started after a colleague was disabled names them on the chat they still hold
/// (the snapshot's former operators; their chat goes back to the queue only after the
/// offline grace), not by a number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_started_after_a_colleague_was_disabled_names_their_chat() {
    let setup = Setup::start().await;
    let mut boris = boris_online(&setup).await;
    let mut visitor = Visitor::join_named(&setup.server.http_url(), "Ольга").await;
    visitor.start_chat("Где мой заказ?").await;
    let chat_id = until(&mut boris, "the new chat", |f| match f {
        OperatorOut::Event {
            event: EventBody::ChatCreated { chat, .. },
            ..
        } => Some(chat.id),
        _ => None,
    })
    .await;
    let accept = OperatorIn::Accept {
        id: "take-1".into(),
        chat_id,
    };
    boris
        .send(Message::text(encode(&accept)))
        .await
        .expect("accept");
    until(&mut boris, "the accept stored", |f| {
        matches!(f, OperatorOut::Ack { id, .. } if id == "take-1").then_some(())
    })
    .await;
    setup
        .server
        .set_operator_disabled("boris", true)
        .await
        .expect("disabled");

    let mut anna = setup.console_sized(24, 80);
    // A colleague's chat is listed by the visitor's name: its messages are not ours to read.
    anna.wait_for("Борис's chat listed", |s| {
        s.contains("Others (1)") && s.contains("Ольга")
    })
    .await;
    anna.keys(ENTER);
    anna.wait_for("the chat named as Борис's", |s| {
        s.contains("This is Борис's chat.")
    })
    .await;
}
