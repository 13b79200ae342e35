//! `frontdesk export`, the real binary against a real server: a period as JSON Lines, one chat
//! as text (visitor text made safe to print, Russian when the locale is), CSV into a file, the
//! mail hook with the transcript and the address, and clear errors.

use crate::common;

use common::run_cli as run;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Setup, Visitor};
use frontdesk_protocol::{PrechatFields, VisitorIn};

fn frontdesk(setup: &Setup, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.args(args)
        .env("FRONTDESK_DATA_DIR", setup.data_dir())
        .env("FRONTDESK_CONFIG_DIR", setup.config_dir())
        .env_remove("FRONTDESK_SERVER")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// A visitor who left a name and an address and wrote a hostile line; returns them.
async fn hostile_visitor(setup: &Setup) -> Visitor {
    let (mut v, _) = Visitor::join(&setup.server.http_url(), None).await;
    let fields = PrechatFields {
        name: Some("Ольга".into()),
        email: Some("olga@example.ru".into()),
        ..PrechatFields::default()
    };
    v.command(
        VisitorIn::Prechat {
            id: "f".into(),
            fields,
        },
        "f",
    )
    .await;
    v.start_chat("=1+1 заказ\x1b[2J\u{202e}").await;
    v.say("m2", "второе сообщение").await;
    v
}

/// `export --since 1h --format jsonl`, each line parsed.
async fn last_hour_as_json(setup: &Setup) -> Vec<serde_json::Value> {
    let args = ["export", "--since", "1h", "--format", "jsonl"];
    let (ok, out, err) = run(frontdesk(setup, &args)).await;
    assert!(ok, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_as_json_lines_then_one_chat_as_text_and_csv() {
    let setup = Setup::start().await;
    let _visitor = hostile_visitor(&setup).await;

    let rows = last_hour_as_json(&setup).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["text"], "=1+1 заказ\x1b[2J\u{202e}");
    assert_eq!(rows[1]["text"], "второе сообщение");
    assert_eq!(rows[0]["visitor_email"], "olga@example.ru");
    let chat_id = rows[0]["chat_id"].as_i64().expect("chat id");

    let chat = chat_id.to_string();
    let (ok, out, err) = run(frontdesk(&setup, &["export", "--chat", &chat])).await;
    assert!(ok, "{err}");
    assert!(
        out.starts_with(&format!("Chat #{chat_id} · Ольга <olga@example.ru>")),
        "{out}"
    );
    assert!(out.contains("Ольга: =1+1 заказ␛[2J⟨U+202E⟩"), "{out}");
    assert!(
        !out.contains('\x1b') && !out.contains('\u{202e}'),
        "raw controls reached stdout"
    );

    let mut ru = frontdesk(&setup, &["export", "--chat", &chat]);
    ru.env("LANG", "ru_RU.UTF-8");
    let (ok, out, err) = run(ru).await;
    assert!(ok, "{err}");
    assert!(out.starts_with(&format!("Чат #{chat_id} · Ольга")), "{out}");

    let file = setup.dir.path().join("out.csv");
    let path = file.to_string_lossy().into_owned();
    let args = [
        "export", "--chat", &chat, "--format", "csv", "--output", &path,
    ];
    let (ok, out, err) = run(frontdesk(&setup, &args)).await;
    assert!(ok, "{err}");
    assert!(out.is_empty(), "nothing on stdout with --output: {out}");
    let mut reader = csv::Reader::from_path(&file).expect("a CSV file");
    let header = reader.headers().expect("header").clone();
    let text_at = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    let first = reader.records().next().expect("a row").expect("valid row");
    assert_eq!(
        &first[text_at], "'=1+1 заказ\x1b[2J\u{202e}",
        "formula defused"
    );
    setup.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_hands_the_transcript_and_the_address_to_the_hook() {
    let setup = Setup::start().await;
    let _visitor = hostile_visitor(&setup).await;
    let rows = last_hour_as_json(&setup).await;
    let chat = rows[0]["chat_id"].as_i64().expect("chat id").to_string();

    // Without a hook configured: a clear refusal.
    let (ok, _, err) = run(frontdesk(&setup, &["export", "--chat", &chat, "--mail"])).await;
    assert!(!ok);
    assert!(err.contains("mail_hook"), "{err}");

    let mailed = setup.dir.path().join("mailed.txt");
    std::fs::create_dir_all(setup.config_dir()).unwrap();
    let mut config = std::fs::File::create(setup.config_dir().join("config.toml")).unwrap();
    let script = format!(
        "cat > '{0}'; echo \"to=$FRONTDESK_MAIL_TO chat=$FRONTDESK_CHAT_ID\" >> '{0}'",
        mailed.display()
    );
    writeln!(config, "[export]\nmail_hook = [\"sh\", \"-c\", {script:?}]").unwrap();
    drop(config);
    let (ok, _, err) = run(frontdesk(&setup, &["export", "--chat", &chat, "--mail"])).await;
    assert!(ok, "{err}");
    let got = std::fs::read_to_string(&mailed).expect("the hook ran");
    assert!(got.contains("второе сообщение"), "{got}");
    assert!(
        got.ends_with(&format!("to=olga@example.ru chat={chat}\n")),
        "{got}"
    );
    setup.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_nothing_or_without_a_session_says_what_to_do() {
    let setup = Setup::start().await;
    let (ok, _, err) = run(frontdesk(&setup, &["export"])).await;
    assert!(!ok);
    assert!(err.contains("--chat") && err.contains("--since"), "{err}");

    let (ok, _, err) = run(frontdesk(&setup, &["export", "--chat", "999999"])).await;
    assert!(!ok);
    assert!(err.contains("no chat 999999"), "{err}");

    let (ok, _, err) = run(frontdesk(&setup, &["export", "--since", "yesterday"])).await;
    assert!(!ok);
    assert!(err.contains("24h"), "{err}");

    frontdesk::session::remove(&setup.data_dir()).unwrap();
    let (ok, _, err) = run(frontdesk(&setup, &["export", "--chat", "1"])).await;
    assert!(!ok);
    assert!(err.contains("frontdesk login"), "{err}");
    setup.server.shutdown().await;
}
