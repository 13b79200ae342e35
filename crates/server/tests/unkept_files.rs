//! A stored file that no message names (its upload's command was refused) is deleted by the
//! server's sweep once it is old; a file a message keeps stays, however old. The sweep runs
//! at start and then hourly. Real server, real files, restarted on the same folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, SystemTime};

use common::{TestServer, Visitor};
use frontdesk_protocol::VisitorOut;
use frontdesk_server::config::Config;

fn age(path: &std::path::Path, by: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - by)
        .unwrap();
}

#[tokio::test]
async fn an_old_file_nothing_names_is_swept_and_a_kept_one_stays() {
    let test = TestServer::start().await;
    let (_visitor, welcome) = Visitor::join(&test, None).await;
    let TestServer { server, dir } = test;
    let files = dir.path().join("frontdesk.files");
    let VisitorOut::Welcome { token, .. } = welcome else {
        panic!("{welcome:?}")
    };
    let bytes = b"%PDF-1.4\n% an invoice\n".to_vec();
    let res = reqwest::Client::new()
        .post(format!("{}/api/visitor/files", server.http_url()))
        .header("Authorization", format!("Visitor {token}"))
        .header("X-File-Name", "invoice.pdf")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    server.shutdown().await;

    let kept: Vec<_> = std::fs::read_dir(&files)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "tmp")
        .flat_map(|shard| std::fs::read_dir(shard.path()).unwrap().flatten())
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let kept = &kept[0];
    // What a refused upload leaves: a file under its hash that no attachment names.
    let unkept = files.join("ab").join("ab".repeat(32));
    std::fs::create_dir_all(unkept.parent().unwrap()).unwrap();
    std::fs::write(&unkept, b"a refused upload").unwrap();
    let young = files.join("cd").join("cd".repeat(32));
    std::fs::create_dir_all(young.parent().unwrap()).unwrap();
    std::fs::write(&young, b"an upload whose command is on its way").unwrap();
    age(kept, Duration::from_secs(3 * 3600));
    age(&unkept, Duration::from_secs(3 * 3600));

    let server = frontdesk_server::start(Config::local(dir.path().join("frontdesk.db")))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while unkept.exists() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!unkept.exists(), "an old file nothing names is deleted");
    assert!(kept.exists(), "a file a message keeps stays");
    assert!(young.exists(), "a young file may still be named");
    server.shutdown().await;
}
