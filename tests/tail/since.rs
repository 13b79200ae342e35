//! `--since` a seq, a time, or a point older than the server keeps.

use crate::common::{Setup, Visitor};
use crate::support::{Tail, strictly_increasing};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_a_seq_or_a_time_prints_history_then_goes_on_live() {
    let setup = Setup::start().await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("first").await;
    visitor.say("m-2", "second").await;
    visitor.say("m-3", "third").await;

    let mut all = Tail::spawn(&setup.data_dir(), &["--json", "--since", "0"]);
    all.line(|l| l.contains("third")).await;
    let history = all.json();
    assert_eq!(history[0]["seq"], 1, "{history:#?}");
    // History before tail's own snapshot: the queue is not known for it.
    assert!(
        history.iter().all(|l| l["waiting"].is_null()),
        "{history:#?}"
    );
    strictly_increasing(
        &history
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let message = |text: &str| {
        history
            .iter()
            .find(|l| l["event"]["message"]["text"] == text)
            .unwrap_or_else(|| panic!("no {text} in {history:#?}"))
            .clone()
    };
    // Live after the history.
    visitor.say("m-4", "fourth").await;
    all.line(|l| l.contains("fourth")).await;

    let first = message("first")["seq"].as_u64().expect("seq");
    let since = first.to_string();
    let mut from_seq = Tail::spawn(&setup.data_dir(), &["--json", "--since", &since]);
    from_seq.line(|l| l.contains("fourth")).await;
    let got = from_seq.json();
    assert_eq!(got[0]["seq"], first + 1, "{got:#?}");
    assert!(!from_seq.lines.iter().any(|l| l.contains("\"first\"")));

    // A moment: the first event at or after it comes first.
    let second = message("second");
    let at = second["ts"].as_i64().expect("ts");
    let want = history
        .iter()
        .find(|l| l["ts"].as_i64() >= Some(at))
        .expect("an event at that time");
    let time = jiff::Timestamp::from_millisecond(at)
        .expect("time")
        .to_string();
    let mut from_time = Tail::spawn(&setup.data_dir(), &["--json", "--since", &time]);
    from_time.line(|l| l.contains("fourth")).await;
    let got = from_time.json();
    assert_eq!(got[0]["seq"], want["seq"], "{time}: {got:#?}");
    assert!(
        got.iter()
            .any(|l| l["event"]["message"]["text"] == "second")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_older_than_the_replay_window_says_so_and_goes_on_live() {
    let setup = Setup::start_with(|config| config.storage.replay_window = 3).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("first").await;
    for n in 2..=6 {
        visitor.say(&format!("m-{n}"), &format!("old {n}")).await;
    }
    let mut tail = Tail::spawn(&setup.data_dir(), &["--since", "1"]);
    let note = tail.note(|n| n.contains("replay window")).await;
    assert!(note.contains("not printed"), "{note}");
    tail.note(|n| n.contains("live from seq")).await;
    visitor.say("m-7", "new one").await;
    tail.line(|l| l.contains("new one")).await;
    assert!(
        !tail.lines.iter().any(|l| l.contains("old ")),
        "{:#?}",
        tail.lines
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_past_the_newest_event_goes_on_live_from_the_snapshot() {
    let setup = Setup::start().await;
    let mut tail = Tail::spawn(&setup.data_dir(), &["--since", "999999"]);
    let note = tail.note(|n| n.contains("newer than the newest")).await;
    assert!(note.contains("not printed"), "{note}");
    tail.note(|n| n.contains("live from seq")).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("after a wrong since").await;
    tail.line(|l| l.contains("after a wrong since")).await;
}
