//! Files in the real binary (80x24 pty, real server): a visitor's file with a hostile name
//! shows as one label line, Ctrl-S and then `:save` write it into the downloads folder of
//! config.toml under a cleaned name with the same bytes (the second beside the first), and
//! `:send PATH` (Tab completes the path) uploads a file from this machine into the chat.

use crate::common::Setup;
use crate::keys::{CTRL_S, ENTER, TAB};
use crate::support::{named_visitor_writes, take_selected_chat};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_file_is_saved_in_the_downloads_folder_and_a_file_is_sent_back() {
    let setup = Setup::start().await;
    let downloads = setup.dir.path().join("Downloads");
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    let config = format!(
        "[files]\ndownloads_dir = {:?}\n",
        downloads.display().to_string()
    );
    std::fs::write(setup.config_dir().join("config.toml"), config).expect("config.toml");
    // Empty: not set, so the config's folder is the one used.
    let mut console = setup.console_with_env((24, 80), &[("FRONTDESK_DOWNLOAD_DIR", "")]);
    console.wait_text("online").await;
    let visitor = named_visitor_writes(&setup, "Ольга", "Сейчас пришлю фото").await;
    console.wait_text("Ольга").await;
    take_selected_chat(&mut console).await;

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    png.extend((0..5000u32).map(|i| (i % 251) as u8));
    let res = reqwest::Client::new()
        .post(format!("{}/api/visitor/files", setup.server.http_url()))
        .header("Authorization", format!("Visitor {}", visitor.token))
        .header("X-File-Name", "..%2F..%2F.bashrc%1B%5B2J")
        .body(png.clone())
        .send()
        .await
        .expect("upload");
    assert!(res.status().is_success(), "{}", res.status());
    console.wait_text(".bashrc").await;
    console.wait_text("5 KB · image/png").await;

    let saved = || -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(&downloads)
            .map(|dir| dir.map(|e| e.expect("entry").path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    };
    console.keys(CTRL_S);
    console.wait_text("saved to").await;
    let first = saved();
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].parent(), Some(downloads.as_path()));
    let name = first[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "bashrc[2J", "no leading dot, no escape character");
    assert_eq!(std::fs::read(&first[0]).expect("saved bytes"), png);

    // `:save` does the same; the second copy goes beside the first, never over it.
    console.keys(":save");
    console.keys(ENTER);
    console
        .wait_for("the second copy", |_| saved().len() == 2)
        .await;
    let both = saved();
    assert_eq!(both[1].file_name().unwrap(), "bashrc[2J (1)", "{both:?}");
    assert_eq!(std::fs::read(&both[1]).expect("saved bytes"), png);

    // Sending: a PDF from this machine goes into the chat as the operator's answer.
    let pdf_path = setup.dir.path().join("invoice-1043.pdf");
    std::fs::write(&pdf_path, b"%PDF-1.4\n%%EOF\n".repeat(50)).expect("a PDF");
    // Tab completes the path from the file system.
    console.keys(&format!(":send {}/invoice-10", setup.dir.path().display()));
    console.keys(TAB);
    console.wait_text("invoice-1043.pdf").await;
    console.keys(ENTER);
    console.wait_text("sent invoice-1043.pdf").await;
    let texts = visitor
        .stored_operator_texts(&setup.server.http_url())
        .await;
    assert!(texts.iter().any(|t| t == "invoice-1043.pdf"), "{texts:?}");
}
