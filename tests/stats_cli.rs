//! `frontdesk stats` as a real binary against a real server, with the session `Setup` stored:
//! anna (sales) sees her department's chat in CSV, and `--format json` is the server's answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use std::process::{Command, Stdio};

use common::{Setup, Visitor};
use frontdesk_protocol::VisitorIn;
use frontdesk_server::routing::Department;

fn stats(setup: &Setup, args: &[&str]) -> std::process::Output {
    stats_in(setup, "C.UTF-8", args)
}

/// `frontdesk stats` with `LC_ALL` set to `locale` (the table's words follow it).
fn stats_in(setup: &Setup, locale: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .env("FRONTDESK_DATA_DIR", setup.data_dir())
        .env("FRONTDESK_CONFIG_DIR", setup.config_dir())
        .env_remove("FRONTDESK_SERVER")
        .env("LC_ALL", locale)
        .arg("stats")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run frontdesk")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_and_json_from_the_stored_session() {
    let setup = Setup::start_with(|c| {
        c.routing.departments = vec![Department {
            key: "sales".into(),
            title: "Отдел продаж, B2B".into(),
            operators: vec![common::OPERATOR.into()],
        }];
    })
    .await;
    let url = setup.server.http_url();
    let (mut olga, _) = Visitor::join(&url, None).await;
    let start = VisitorIn::StartChat {
        id: "s1".into(),
        text: Some("Здравствуйте".into()),
        department: Some("sales".into()),
    };
    olga.command(start, "s1").await;

    let common_args = [
        "--since",
        "2020-01-01",
        "--by",
        "department",
        "--tz",
        "Europe/Moscow",
    ];
    let out = tokio::task::block_in_place(|| {
        stats(&setup, &[&common_args[..], &["--format", "csv"]].concat())
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("row,key,label,chats_started,chats_answered,chats_missed,"),
        "{csv}"
    );
    // The title holds a comma: quoted. One chat started, none answered yet.
    assert!(
        lines[1].starts_with("group,sales,\"Отдел продаж, B2B\",1,0,0,"),
        "{csv}"
    );
    assert!(lines[2].starts_with("total,,Total,1,0,0,"), "{csv}");
    assert_eq!(lines.len(), 3, "{csv}");

    let out = tokio::task::block_in_place(|| {
        stats(&setup, &[&common_args[..], &["--format", "json"]].concat())
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["by"], "department");
    assert_eq!(json["tz"], "Europe/Moscow");
    assert_eq!(json["total"]["chats_started"], 1);
    assert!(json["total"]["first_response_median_ms"].is_null());

    let out = tokio::task::block_in_place(|| {
        stats(&setup, &["--staffing", "--tz", "UTC", "--format", "table"])
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(table.lines().count(), 1 + 168, "{table}");
    assert!(table.starts_with("hour"), "{table}");
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("Mon 00")),
        "{table}"
    );

    // A lead working in Russian reads the table in Russian; CSV stays for scripts.
    let out = tokio::task::block_in_place(|| {
        stats_in(
            &setup,
            "ru_RU.UTF-8",
            &[&common_args[..], &["--format", "table"]].concat(),
        )
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("отдел")
            && lines[0].contains("чатов")
            && lines[0].contains("пропущено"),
        "{table}"
    );
    assert!(lines[1].starts_with("Отдел продаж, B2B"), "{table}");
    assert!(lines[2].starts_with("Итого"), "{table}");
    let out = tokio::task::block_in_place(|| {
        stats_in(
            &setup,
            "ru_RU.UTF-8",
            &["--staffing", "--tz", "UTC", "--format", "table"],
        )
    });
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert!(table.starts_with("час"), "{table}");
    assert!(
        table.lines().nth(1).is_some_and(|l| l.starts_with("Пн 00")),
        "{table}"
    );
    let out = tokio::task::block_in_place(|| {
        stats_in(
            &setup,
            "ru_RU.UTF-8",
            &[&common_args[..], &["--format", "csv"]].concat(),
        )
    });
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    assert!(csv.starts_with("row,key,label,chats_started,"), "{csv}");
    assert!(csv.contains("\ntotal,,Total,"), "{csv}");
}

/// `--since` and `--until` take the forms `export` and `tail` take, ages too; a word that is
/// none of them is refused here with the forms listed, before the server is asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_period_takes_ages_and_local_times_as_export_does() {
    let setup = Setup::start().await;
    let before = jiff::Timestamp::now().as_millisecond();
    let args = [
        "--since", "7d", "--until", "1m", "--format", "json", "--tz", "UTC",
    ];
    let out = tokio::task::block_in_place(|| stats(&setup, &args));
    let after = jiff::Timestamp::now().as_millisecond();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let since = json["since"].as_i64().expect("since");
    let until = json["until"].as_i64().expect("until");
    let week = 7 * 86_400_000;
    assert!((before - week..=after - week).contains(&since), "{json}");
    assert!(
        (before - 60_000..=after - 60_000).contains(&until),
        "{json}"
    );

    let out = tokio::task::block_in_place(|| stats(&setup, &["--since", "2026-11-01 09:00"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = tokio::task::block_in_place(|| stats(&setup, &["--since", "yesterday"]));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`yesterday` is not a time") && stderr.contains("7d"),
        "{stderr}"
    );

    // In a Russian terminal, in Russian, as the rest of the command line.
    let out =
        tokio::task::block_in_place(|| stats_in(&setup, "ru_RU.UTF-8", &["--since", "вчера"]));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Ошибка") && stderr.contains("`вчера` — не время") && stderr.contains("7d"),
        "{stderr}"
    );

    let out = tokio::task::block_in_place(|| stats(&setup, &["--tz", "Mars/Olympus"]));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`Mars/Olympus` is not a time zone"),
        "{stderr}"
    );
}
