//! `:export` in the real binary against the real server: chats of two departments, closed,
//! and a colleague's chat still active. Анна (a plain operator of sales) runs `:export 7d
//! sales csv`: one CSV in the data dir's `exports/` with exactly the sales chats' messages;
//! then `:export 7d jsonl`: every chat she may read (closed ones of any department, as
//! `frontdesk export` gives her), never the colleague's active one. No unfinished file stays.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use frontdesk_protocol::{OperatorRole, VisitorIn};
use frontdesk_server::routing::Department;

use crate::common::{PASSWORD, Setup, Visitor};
use crate::keys::ENTER;
use crate::support::closed_chat;

/// The chat waiting in the database becomes Борис's, active: what his accepting it stores.
async fn boris_takes_the_waiting_chat(setup: &Setup) {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(setup.db_path())
        .busy_timeout(Duration::from_secs(5));
    let mut db = options.connect().await.expect("the database");
    let done = sqlx::query(
        "UPDATE chats SET status = 'active', accepted_at = created_at,
           operator_id = (SELECT id FROM operators WHERE name = 'boris')
         WHERE status = 'waiting'",
    )
    .execute(&mut db)
    .await
    .expect("taken");
    assert_eq!(done.rows_affected(), 1);
}

/// The files in the data dir's `exports/` (hidden ones included).
fn exports(setup: &Setup) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(setup.data_dir().join("exports"))
        .map(|dir| dir.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn the_one_ending(files: &[PathBuf], ext: &str) -> PathBuf {
    let found: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(ext))
        .collect();
    assert_eq!(found.len(), 1, "{files:?}");
    found[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_7d_writes_one_file_of_the_chats_asked_for_within_read_rights() {
    let department = |key: &str, who: &str| Department {
        key: key.into(),
        title: key.to_uppercase(),
        operators: vec![who.into()],
    };
    let setup = Setup::start_with(|c| {
        c.routing.departments = vec![department("sales", "anna"), department("support", "boris")];
    })
    .await;
    setup
        .server
        .add_operator("boris", "Борис", PASSWORD, OperatorRole::Operator)
        .await
        .expect("operator");

    closed_chat(&setup, "Ольга", "sales", "Где мой диван?").await;
    closed_chat(&setup, "Пётр", "support", "Кресло сломалось").await;
    closed_chat(&setup, "Мария", "sales", "Когда доставка, \"завтра\"?").await;
    // Борис's chat, active: only he and supervisors read it.
    let mut igor = Visitor::join_named(&setup.server.http_url(), "Игорь").await;
    let start = VisitorIn::StartChat {
        id: "sc".into(),
        text: Some("секрет Бориса".into()),
        department: Some("support".into()),
    };
    igor.command(start, "sc").await;
    boris_takes_the_waiting_chat(&setup).await;

    // Wide enough for the whole result line.
    let mut console = setup.console_sized(24, 140);
    console.wait_text("online").await;
    // The departments come right after the snapshot that makes the console "online": Tab
    // completes "sal" once they are in (the way an operator would find the name).
    console.keys(":export 7d sal");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !console.screen().contains(":export 7d sales") {
        assert!(
            std::time::Instant::now() < deadline,
            "the departments never came:\n{}",
            console.screen()
        );
        console.keys("\t");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    console.keys("csv");
    console.keys(ENTER);
    console.wait_text("2 chats → exports/chats-7d-sales-").await;

    let files = exports(&setup);
    let csv_file = the_one_ending(&files, ".csv");
    let name = csv_file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("chats-7d-sales-"), "{name}");
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().ends_with(".part")),
        "{files:?}"
    );
    let mut reader = csv::Reader::from_path(&csv_file).expect("the CSV");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let visitor_texts: BTreeSet<(String, String)> = rows
        .iter()
        .filter(|r| &r[column("author_role")] == "visitor")
        .map(|r| {
            (
                r[column("visitor_name")].to_owned(),
                r[column("text")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        visitor_texts,
        BTreeSet::from([
            ("Ольга".to_owned(), "Где мой диван?".to_owned()),
            ("Мария".to_owned(), "Когда доставка, \"завтра\"?".to_owned()),
        ])
    );
    assert!(rows.iter().all(|r| &r[column("department")] == "sales"));
    let chats: BTreeSet<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(chats.len(), 2, "{chats:?}");

    // Every chat of the week she may read, as JSON Lines.
    console.keys(":export 7d jsonl");
    console.keys(ENTER);
    console.wait_text("3 chats → exports/chats-7d-").await;
    let jsonl = the_one_ending(&exports(&setup), ".jsonl");
    let text = std::fs::read_to_string(&jsonl).expect("the JSON Lines");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let names: BTreeSet<&str> = lines
        .iter()
        .map(|l| l["visitor_name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, BTreeSet::from(["Мария", "Ольга", "Пётр"]));
    assert!(!text.contains("секрет Бориса"), "{text}");
    assert_eq!(exports(&setup).len(), 2, "nothing else left in exports/");
    drop(igor);
}
