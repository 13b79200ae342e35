//! `frontdesk search`, the real binary against a real server: a line per hit with the visitor's
//! text made safe to print (no bold off a terminal), JSON Lines with `--json`, clear errors.

use crate::common;

use common::run_cli as run;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Setup, Visitor};
use frontdesk_protocol::search::{HitKind, SearchHit};
use frontdesk_protocol::{PrechatFields, VisitorIn};

fn frontdesk(setup: &Setup, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.args(args)
        .env("FRONTDESK_DATA_DIR", setup.data_dir())
        .env("FRONTDESK_CONFIG_DIR", setup.config_dir())
        .env_remove("FRONTDESK_SERVER")
        .env_remove("NO_COLOR")
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `frontdesk search` until it prints something: the server indexes on its timer.
async fn until_found(setup: &Setup, args: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (ok, out, err) = run(frontdesk(setup, args)).await;
        assert!(ok, "{err}");
        if !out.is_empty() {
            return out;
        }
        assert!(Instant::now() < deadline, "nothing found for {args:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn search_prints_hits_safely_as_lines_or_json() {
    let setup = Setup::start_with(|c| c.storage.checkpoint_interval_ms = 50).await;
    let (mut v, _) = Visitor::join(&setup.server.http_url(), None).await;
    let fields = PrechatFields {
        name: Some("Оль\u{202e}га".into()),
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
    v.start_chat("Я заказал\x1b[2J диван").await;

    let out = until_found(&setup, &["search", "заказы"]).await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].ends_with("  Оль⟨U+202E⟩га  Я заказал␛[2J диван"),
        "{}",
        lines[0]
    );
    assert!(!out.contains('\x1b'), "no escape off a terminal: {out:?}");

    let out = until_found(&setup, &["search", "Ольге", "--json", "--limit", "5"]).await;
    let hits: Vec<SearchHit> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(hits.len(), 1, "{out}");
    assert_eq!(hits[0].kind, HitKind::Visitor);
    assert_eq!(hits[0].snippet, "Оль\u{202e}га <olga@example.ru>");

    let (ok, out, err) = run(frontdesk(&setup, &["search", "диван"])).await;
    assert!(ok && out.contains("#"), "{err}");
    // A period: the chat is of the last hour, and not of before it.
    let (ok, out, err) = run(frontdesk(&setup, &["search", "диван", "--since", "1h"])).await;
    assert!(ok && out.contains("диван"), "{err}");
    let (ok, out, err) = run(frontdesk(&setup, &["search", "диван", "--until", "1h"])).await;
    assert!(ok && out.is_empty(), "{out}{err}");
    let (ok, _, err) = run(frontdesk(&setup, &["search", "диван", "--since", "вчера"])).await;
    assert!(!ok && err.contains("`вчера`"), "{err}");
    let (ok, _, err) = run(frontdesk(&setup, &["search", "\"*()"])).await;
    assert!(!ok);
    assert!(err.contains("no words to search for"), "{err}");
    let (ok, _, err) = run(frontdesk(&setup, &["search", "x", "--limit", "500"])).await;
    assert!(!ok && err.contains("500"), "{err}");
}
