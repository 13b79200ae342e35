//! The export key in the real binary (80x24 pty, real server): F8 with no chat says so; with
//! the visitor's chat open it writes the transcript into the data dir's `exports/` and says
//! where.

use crate::common::Setup;
use crate::keys::F8;
use crate::support::{named_visitor_writes, take_selected_chat};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f8_saves_the_open_chats_transcript_in_the_data_dir() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    console.keys(F8);
    console.wait_text("no chat in this pane").await;

    let mut visitor = named_visitor_writes(&setup, "Ольга", "Где мой заказ A-1043?").await;
    console.wait_text("Ольга").await;
    take_selected_chat(&mut console).await;
    visitor.say("m2", "Оплачен вчера").await;
    console.wait_text("Оплачен вчера").await;
    console.keys(F8);
    console.wait_text("transcript saved").await;

    let folder = setup.data_dir().join("exports");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the exports folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("chat-") && name.ends_with(".txt"),
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).expect("the transcript");
    assert!(text.contains("Ольга: Где мой заказ A-1043?"), "{text}");
    assert!(text.contains("Ольга: Оплачен вчера"), "{text}");
}
