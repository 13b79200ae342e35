//! Desktop notifications end to end: a private D-Bus session bus (`dbus-daemon`) with a
//! notification server that records every call, the real console binary in a pty pointed at
//! that bus, the real server and real visitor sockets. Plus the console without any bus.

#[path = "../common/mod.rs"]
mod common;
mod recorder;

use std::time::Duration;

use common::{Console, Setup, Visitor};
use frontdesk_protocol::{PrechatFields, Rating, VisitorIn};
use recorder::{Bus, Call, Log, Recorder};
use tokio::time::Instant;

const ENTER: &str = "\r";
const ALT_D: &str = "\x1bd";
/// What a terminal sends when it loses the focus (focus reporting is on).
const FOCUS_OUT: &str = "\x1b[O";

/// The bus, the recording server on it, and a console (rules from `config`) using both.
struct World {
    setup: Setup,
    _bus: Bus,
    _server: zbus::Connection,
    log: Log,
    console: Console,
}

impl World {
    async fn start(config: &str) -> Self {
        let bus = Bus::start();
        let log = Log::default();
        let recorder = Recorder {
            log: log.clone(),
            next: 0,
        };
        let server = zbus::connection::Builder::address(bus.address.as_str())
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", recorder)
            .build()
            .await
            .expect("the notification server is on the bus");
        let setup = Setup::start().await;
        std::fs::create_dir_all(setup.config_dir()).expect("config dir");
        // No repeats or first-response warnings inside a short test: exact counts.
        let rules = format!("[notifications]\nrepeat_secs = 0\nfirst_response_secs = 0\n{config}");
        std::fs::write(setup.config_dir().join("config.toml"), rules).expect("config");
        let bus_address = [("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())];
        let console = setup.console_with_env((24, 80), &bus_address);
        console.wait_text("online").await;
        Self {
            setup,
            _bus: bus,
            _server: server,
            log,
            console,
        }
    }

    fn calls(&self) -> Vec<Call> {
        self.log.lock().expect("log").clone()
    }

    fn notifications(&self) -> Vec<(u32, u32, String, String)> {
        self.calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::Notify {
                    replaces,
                    id,
                    summary,
                    body,
                    ..
                } => Some((replaces, id, summary, body)),
                Call::Close(_) => None,
            })
            .collect()
    }

    /// Polls the recorded calls until `pred` holds; panics with them after the wait.
    async fn wait_calls(&self, what: &str, pred: impl Fn(&[Call]) -> bool) -> Vec<Call> {
        let deadline = Instant::now() + common::WAIT;
        loop {
            let calls = self.calls();
            if pred(&calls) {
                return calls;
            }
            if Instant::now() >= deadline {
                let log = std::fs::read_to_string(self.setup.data_dir().join("frontdesk.log"));
                panic!(
                    "timed out waiting for {what}; calls: {calls:#?}\nscreen:\n{}\nlog:\n{}",
                    self.console.screen(),
                    log.unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// A visitor's new chat, notified, then accepted by the operator with Enter.
    async fn accepted_chat(&mut self, name: &str, first: &str) -> Visitor {
        let v = self.visitor(name, first).await;
        self.wait_calls("the new chat", |c| c.iter().any(is_notify))
            .await;
        self.console.keys(ENTER);
        self.console.wait_text("Анна joined").await;
        v
    }

    async fn visitor(&self, name: &str, first: &str) -> Visitor {
        let (mut v, _) = Visitor::join(&self.setup.server.http_url(), None).await;
        let fields = PrechatFields {
            name: Some(name.into()),
            ..PrechatFields::default()
        };
        v.command(
            VisitorIn::Prechat {
                id: "form".into(),
                fields,
            },
            "form",
        )
        .await;
        v.start_chat(first).await;
        v
    }
}

fn is_notify(c: &Call) -> bool {
    matches!(c, Call::Notify { .. })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_chat_is_one_notification_with_name_and_first_words() {
    let mut w = World::start("").await;
    let _v = w
        .visitor("Мария", "Здравствуйте! Есть доставка в Казань?")
        .await;
    let calls = w
        .wait_calls("a notification", |c| c.iter().any(is_notify))
        .await;
    let Call::Notify {
        app,
        replaces,
        id,
        summary,
        body,
        urgency,
        timeout,
    } = &calls[0]
    else {
        panic!("{calls:?}");
    };
    assert_eq!(app, "Frontdesk");
    assert_eq!(*replaces, 0);
    assert_eq!(summary, "New chat: Мария");
    assert_eq!(body, "Здравствуйте! Есть доставка в Казань?");
    assert_eq!(*urgency, Some(2), "critical");
    assert_eq!(*timeout, 0, "stays until dismissed");

    // Accepting takes it down. Events are handled in order, so by the time the close arrives
    // any second notification about this chat would have been recorded before it.
    w.console.keys(ENTER);
    let calls = w
        .wait_calls("the close", |c| c.contains(&Call::Close(*id)))
        .await;
    assert_eq!(
        calls.iter().filter(|c| is_notify(c)).count(),
        1,
        "{calls:#?}"
    );
    w.console.wait_text("Анна joined").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_quick_messages_are_one_grouped_notification() {
    let mut w = World::start("").await;
    let mut v = w.accepted_chat("Мария", "Добрый день").await;
    // The operator looks away: the terminal reports it lost the focus. Input is handled in
    // order, so once the text typed after it shows, the focus change has been applied.
    w.console.keys(FOCUS_OUT);
    w.console.keys("минутку");
    w.console.wait_text("минутку").await;
    for i in 1..=5 {
        v.say(&format!("m{i}"), &format!("вопрос номер {i}")).await;
    }
    w.wait_calls("the grouped notification", |c| {
        c.iter().any(
            |c| matches!(c, Call::Notify { summary, .. } if summary == "Мария: 5 new messages"),
        )
    })
    .await;
    let messages: Vec<_> = w
        .notifications()
        .into_iter()
        .filter(|(_, _, summary, _)| !summary.starts_with("New chat"))
        .collect();
    let first_id = messages[0].1;
    assert!(
        messages.iter().all(|(_, id, ..)| *id == first_id),
        "one notification, updated in place: {messages:#?}"
    );
    assert!(
        messages[1..]
            .iter()
            .all(|(replaces, ..)| *replaces == first_id),
        "{messages:#?}"
    );
    let last = messages.last().expect("one");
    assert_eq!(last.3, "вопрос номер 5");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_in_the_focused_chat_is_not_notified() {
    let mut w = World::start("").await;
    let mut v = w.accepted_chat("Мария", "Добрый день").await;
    v.say("m1", "Я смотрю на этот чат").await;
    w.console.wait_text("Я смотрю на этот чат").await;
    // A later event that does notify: everything before it has been decided by then.
    let _other = w.visitor("Иван", "Есть вопрос").await;
    let calls = w
        .wait_calls("the second chat", |c| {
            c.iter()
                .any(|c| matches!(c, Call::Notify { summary, .. } if summary == "New chat: Иван"))
        })
        .await;
    let summaries: Vec<_> = w.notifications().into_iter().map(|n| n.2).collect();
    assert_eq!(
        summaries,
        ["New chat: Мария", "New chat: Иван"],
        "{calls:#?}"
    );
}

/// A bad rating of the operator's own chat, which they are no longer looking at (the terminal
/// lost the focus), reaches the desktop with the visitor's comment; a good one does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_rating_of_my_chat_is_notified_with_the_comment() {
    let mut w = World::start("").await;
    let mut v = w.accepted_chat("Мария", "Где заказ?").await;
    v.command(VisitorIn::CloseChat { id: "bye".into() }, "bye")
        .await;
    w.console.wait_text("chat closed").await;
    w.console.keys(FOCUS_OUT);
    // The server's first chat: this test's only one.
    let rate = |id: &str, rating, comment: Option<&str>| VisitorIn::RateChat {
        id: id.into(),
        chat_id: 1,
        rating,
        comment: comment.map(str::to_owned),
    };
    v.command(rate("r1", Rating::Good, None), "r1").await;
    w.console.wait_text("rated the chat: good").await;
    v.command(
        rate("r2", Rating::Bad, Some("Ответ\x1b[2J был долгим")),
        "r2",
    )
    .await;
    w.wait_calls("the bad rating", |c| {
        c.iter().filter(|c| is_notify(c)).count() == 2
    })
    .await;
    let notes = w.notifications();
    assert_eq!(notes[1].2, "Bad rating of your chat: Мария", "{notes:#?}");
    assert_eq!(notes[1].3, "Ответ␛[2J был долгим");
    assert_eq!(notes[1].0, 0, "a notification of its own");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn do_not_disturb_sends_nothing() {
    let mut w = World::start("").await;
    w.console.keys(ALT_D);
    w.console.wait_text("do not disturb").await;
    let _quiet = w.visitor("Мария", "Тихо пришла").await;
    w.console.wait_text("Тихо пришла").await;
    w.console.keys(ALT_D);
    w.console
        .wait_for("do not disturb off", |s| !s.contains("do not disturb"))
        .await;
    let _loud = w.visitor("Иван", "А я громко").await;
    w.wait_calls("the second chat", |c| c.iter().any(is_notify))
        .await;
    let summaries: Vec<_> = w.notifications().into_iter().map(|n| n.2).collect();
    assert_eq!(summaries, ["New chat: Иван"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_visitor_names_arrive_sanitized_and_cut() {
    let w = World::start("").await;
    let name = format!("\x1b]0;pwned\x07\u{202E}Eve\u{2067}{}", "x".repeat(10_000));
    let first = format!("\x1b[2J\u{200B}привет {}", "слово ".repeat(300));
    let _v = w.visitor(&name, &first).await;
    let calls = w
        .wait_calls("a notification", |c| c.iter().any(is_notify))
        .await;
    let Call::Notify { summary, body, .. } = &calls[0] else {
        panic!("{calls:?}");
    };
    for text in [summary, body] {
        assert!(!text.chars().any(char::is_control), "{text:?}");
        for c in ['\u{202E}', '\u{2067}', '\u{200B}'] {
            assert!(!text.contains(c), "{text:?}");
        }
    }
    let shown = summary.strip_prefix("New chat: ").expect("summary");
    assert!(
        shown.starts_with("␛]0;pwned␇⟨U+202E⟩Eve⟨U+2067⟩x"),
        "{shown}"
    );
    assert!(
        shown.ends_with('…') && shown.chars().count() <= 32,
        "{shown}"
    );
    assert!(body.starts_with("␛[2J⟨U+200B⟩привет слово"), "{body}");
    assert!(body.ends_with('…') && body.chars().count() <= 80, "{body}");
    // The title carries counts only.
    let raw = w
        .console
        .wait_raw(b"\x1b]2;(1 waiting) Frontdesk\x07")
        .await;
    for title in titles(&raw) {
        assert!(
            ["", "Frontdesk", "(1 waiting) Frontdesk"].contains(&title.as_str()),
            "visitor text stays out of the title: {title:?}"
        );
    }
}

/// The texts of every OSC 2 (window title) sequence in `raw`.
fn titles(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]2;")
        .skip(1)
        .filter_map(|rest| rest.split_once('\x07').map(|(t, _)| t.to_owned()))
        .collect()
}

/// No session bus: the console says so once, keeps the bell, the title and OSC 777, and works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_bus_the_console_works_and_says_so() {
    let setup = Setup::start().await;
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    std::fs::write(
        setup.config_dir().join("config.toml"),
        "[notifications]\nosc = \"osc777\"\n",
    )
    .expect("config");
    let nowhere = setup.dir.path().join("no-bus");
    let address = format!("unix:path={}", nowhere.display());
    let mut console =
        setup.console_with_env((24, 80), &[("DBUS_SESSION_BUS_ADDRESS", address.as_str())]);
    console.wait_text("desktop notifications unavailable").await;
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Кто-нибудь есть?").await;
    console.wait_text("Кто-нибудь есть?").await;
    console.wait_raw(b"\x1b]2;(1 waiting) Frontdesk\x07").await;
    // The terminal notification, switched on in the config, carries the first words.
    let raw = console
        .wait_raw(b"\x1b]777;notify;New chat: Visitor #")
        .await;
    assert!(
        common::contains(&raw, ";Кто-нибудь есть?\x07".as_bytes()),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    // The bell follows once the alert has settled: more BELs than OSC sequences end with.
    let deadline = Instant::now() + common::WAIT;
    loop {
        let raw = console.raw();
        let bells = raw.iter().filter(|b| **b == 0x07).count();
        let oscs = raw.windows(2).filter(|w| w == b"\x1b]").count();
        if bells > oscs {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no bell ({bells} BEL, {oscs} OSC)"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    console.keys(ENTER);
    console.wait_text("Анна joined").await;
    console.keys("Да, слушаю.");
    console.keys(ENTER);
    console.wait_text("✓ Анна: Да, слушаю.").await;
    // The chat is still open: quitting asks, and y says yes.
    console.keys("\x11");
    console.wait_text("Quit?").await;
    console.keys("y");
    assert!(console.wait_exit().await.success());
    let raw = console.wait_restored().await;
    assert!(
        common::find_last(&raw, b"\x1b[23;0t") > common::find_last(&raw, b"\x1b]2;"),
        "the title is given back on exit"
    );
}
