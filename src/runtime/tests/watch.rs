//! Hot reload on a real folder: a file written during the test is offered after the
//! debounce, an edit replaces its text, and a broken file is named while the rest stays.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::*;

/// Reloads until one satisfies `pred`; panics after ten seconds.
fn until(rx: &mpsc::Receiver<Loaded>, what: &str, pred: impl Fn(&Loaded) -> bool) -> Loaded {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(loaded) if pred(&loaded) => return loaded,
            Ok(_) => {}
            Err(_) => panic!("no reload with {what}"),
        }
    }
}

fn reply(id: &str, body: &str) -> String {
    format!("+++\nid = \"{id}\"\ntitle = \"{id}\"\nlang = \"en\"\n+++\n{body}\n")
}

#[test]
fn files_written_while_watching_are_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (tx, rx) = mpsc::channel();
    let _watcher = spawn(dir.path(), move |loaded| {
        let _ = tx.send(loaded);
    })
    .expect("watching");
    // The user library does not exist yet: creating it is a change too.
    let en = dir.path().join(crate::canned::DIR).join("en");
    std::fs::create_dir_all(&en).expect("mkdir");
    let file = en.join("parcel.md");
    std::fs::write(&file, reply("parcel", "Your parcel left today.")).expect("write");
    let body = |l: &Loaded| l.library.find("parcel", "en").map(|r| r.body.clone());
    until(&rx, "the new reply", |l| {
        body(l).as_deref() == Some("Your parcel left today.")
    });

    std::fs::write(&file, reply("parcel", "Your parcel arrives tomorrow.")).expect("write");
    until(&rx, "the edited text", |l| {
        body(l).as_deref() == Some("Your parcel arrives tomorrow.")
    });

    std::fs::write(en.join("broken.md"), "+++\nid = \"b\"\n").expect("write");
    let loaded = until(&rx, "the broken file", |l| !l.problems.is_empty());
    assert!(
        loaded.problems[0].file.ends_with("broken.md"),
        "{:?}",
        loaded.problems
    );
    assert_eq!(loaded.problems[0].line, 1);
    assert!(body(&loaded).is_some(), "the other files keep working");
    assert!(
        loaded.library.find("greeting", "ru").is_some(),
        "and the shipped ones"
    );
}
