//! The real `frontdesk` binary in an 80x24 pty against a real in-process server and a real
//! visitor socket: messages both ways, hostile text, quitting, signals, reconnecting.

use frontdesk_protocol::VisitorOut;

use crate::common::{Console, Setup, Visitor, contains, left_alternate_screen};
use crate::keys::ENTER;
use crate::support::take_selected_chat;

/// The console is up, online, and shows the visitor's waiting chat selected.
async fn console_with_waiting_chat(setup: &Setup, first: &str) -> (Console, Visitor) {
    let console = setup.console();
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat(first).await;
    // The list shows the start of the message as the chat's preview.
    let preview: String = first.chars().take(18).collect();
    console.wait_text(&preview).await;
    (console, visitor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_both_ways_then_ctrl_q_restores_terminal() {
    let setup = Setup::start().await;
    let (mut console, mut visitor) =
        console_with_waiting_chat(&setup, "Hello, do you ship to Kazan?").await;
    let screen = console.screen();
    assert!(screen.contains("Waiting (1)"), "{screen}");

    // Enter opens the selected waiting chat and accepts it; focus moves to the reply box.
    take_selected_chat(&mut console).await;
    assert!(console.screen().contains("Hello, do you ship to Kazan?"));
    let reply = "Здравствуйте! Да, доставляем в Казань.";
    console.keys(reply);
    console.keys(ENTER);
    let answer = visitor.gets_operator_text(reply).await;
    console.wait_text(" ✓ Анна: Здравствуйте!").await;
    // The visitor has it on their screen: the answer reads two ticks.
    let seen = frontdesk_protocol::VisitorIn::Seen {
        id: "seen-1".into(),
        message_id: answer,
    };
    visitor.command(seen, "seen-1").await;
    console.wait_text("✓✓ Анна: Здравствуйте!").await;

    // And the visitor's next message shows up live in the open dialog.
    visitor.say("m-2", "Спасибо! 👍").await;
    console.wait_text("Спасибо! 👍").await;

    let status = console.quit().await;
    assert!(status.success(), "{status:?}");
    let raw = console.wait_restored().await;
    assert!(left_alternate_screen(&raw));
    assert!(contains(&raw, b"\x1b[?1000l"), "mouse capture switched off");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_visitor_text_is_shown_harmless_then_sigterm_restores() {
    let setup = Setup::start().await;
    let (mut console, mut visitor) =
        console_with_waiting_chat(&setup, "Earlier line stays visible").await;
    take_selected_chat(&mut console).await;

    let evil = "evil \x1b]52;c;SGVsbG8=\x07 \x1b[2J \u{202E}rtl \u{200B}zw omega-tail";
    visitor.say("m-evil", evil).await;
    let screen = console.wait_text("omega-tail").await;
    assert!(screen.contains("␛]52;c;SGVsbG8=␇"), "{screen}");
    assert!(screen.contains("␛[2J"), "{screen}");
    assert!(screen.contains("⟨U+202E⟩rtl"), "{screen}");
    assert!(screen.contains("⟨U+200B⟩zw"), "{screen}");
    assert!(
        screen.contains("Earlier line stays visible"),
        "the screen was not cleared: {screen}"
    );
    let raw = console.raw();
    assert!(
        !contains(&raw, b"\x1b]52"),
        "no OSC 52 reached the terminal"
    );
    assert!(
        !contains(&raw, "\u{202E}".as_bytes()),
        "no bidi override reached the terminal"
    );
    assert!(
        !contains(&raw, "\u{200B}".as_bytes()),
        "no zero-width space reached the terminal"
    );

    let kill = std::process::Command::new("kill")
        .args(["-TERM", &console.pid().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let status = console.wait_exit().await;
    assert!(status.success(), "{status:?}");
    console.wait_restored().await;
}

/// The server goes away and comes back on the same port and database: the console shows it is
/// offline, keeps a reply typed meanwhile as pending, and delivers it after reconnecting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_after_server_restart_and_delivers_queued_reply() {
    let Setup { server, dir, token } = Setup::start().await;
    let setup = Setup { server, dir, token };
    let (mut console, visitor) = console_with_waiting_chat(&setup, "Are you there?").await;
    take_selected_chat(&mut console).await;
    let visitor_token = visitor.token.clone();
    drop(visitor);

    let addr = setup.server.addr;
    let db = setup.db_path();
    let Setup { server, dir, token } = setup;
    server.shutdown().await;
    console.wait_text("offline").await;

    let reply = "Мы на связи, сообщение дойдёт.";
    console.keys(reply);
    console.keys(ENTER);
    console.wait_text("… Анна: Мы на связи").await;

    let mut config = frontdesk_server::Config::local(&db);
    config.listen = addr;
    let server = match frontdesk_server::start(config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("skipping the reconnect part: port {addr} not reusable: {e:#}");
            return;
        }
    };
    let setup = Setup { server, dir, token };
    console.wait_text("✓ Анна: Мы на связи").await;
    console.wait_text("online").await;

    // The reply is stored exactly once: the visitor, coming back, sees it in the chat.
    let (_visitor, welcome) = Visitor::join(&setup.server.http_url(), Some(visitor_token)).await;
    let VisitorOut::Welcome { messages, .. } = welcome else {
        panic!("{welcome:?}");
    };
    let copies = messages.iter().filter(|m| m.text == reply).count();
    assert_eq!(copies, 1, "{messages:?}");
    assert!(console.quit().await.success());
}

/// With no stored session the console asks for the name and password on the terminal (before
/// raw mode), stores the session, and starts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asks_to_log_in_when_there_is_no_session() {
    let setup = Setup::start().await;
    frontdesk::session::remove(&setup.data_dir()).expect("no session");
    let mut console = setup.console();
    console.wait_text("Operator name:").await;
    console.keys(&format!("{}\r", crate::common::OPERATOR));
    console.wait_text("Password:").await;
    console.keys(&format!("{}\r", crate::common::PASSWORD));
    console.wait_text("online").await;
    let stored = frontdesk::session::load(&setup.data_dir()).expect("session stored");
    assert_eq!(stored.operator, crate::common::OPERATOR);
    assert!(
        !console.screen().contains(crate::common::PASSWORD),
        "the password is not echoed"
    );
    assert!(console.quit().await.success());
}

/// A terminal dragged down to 20x6 (the reply box squeezed to no columns): the console draws
/// what fits, keeps running and quits cleanly. It used to panic on its first frame.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_twenty_by_six_terminal_is_drawn_without_a_crash() {
    let setup = Setup::start().await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Здравствуйте").await;
    let mut console = setup.console_sized(6, 20);
    console
        .wait_for("a first frame", |s| s.contains("Chats"))
        .await;
    // The waiting chat arrives and is drawn, and a key is typed, at that size.
    console.keys("x");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let status = console.quit().await;
    let raw = console.raw();
    assert!(
        !contains(&raw, b"panicked"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    assert!(status.success(), "{status:?}");
    assert!(left_alternate_screen(&raw), "terminal restored");
}
