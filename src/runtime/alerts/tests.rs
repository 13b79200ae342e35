//! The channels' own behaviour: terminal bytes, and the hook run with the event on stdin (a
//! real `sh`), killed when it overstays.

use std::time::Duration;

use super::hook::Hook;
use super::terminal;
use crate::notify::HookEvent;
use crate::notify::rules::{Kind, Osc};
use crate::notify::text::Item;

#[test]
fn osc_sequences_are_single_line_and_closed() {
    assert_eq!(terminal::osc(Osc::Off, "a", "b"), None);
    assert_eq!(
        terminal::osc(Osc::Osc9, "New chat: Мария", "line one\nline two"),
        Some(
            b"\x1b]9;New chat: \xd0\x9c\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f: line one line two\x07"
                .to_vec()
        )
    );
    assert_eq!(
        terminal::osc(Osc::Osc777, "a;b", "c;d"),
        Some(b"\x1b]777;notify;a,b;c;d\x07".to_vec()),
        "a `;` in the title would start the body"
    );
    // Controls never make it in, even if something unsanitized slipped through.
    let bytes = terminal::osc(Osc::Osc9, "x\x1b]0;evil\x07", "\u{9c}y").expect("on");
    assert_eq!(bytes, b"\x1b]9;x]0;evil: y\x07");
    assert_eq!(
        terminal::title("(2 waiting) Frontdesk"),
        b"\x1b]2;(2 waiting) Frontdesk\x07"
    );
}

fn event() -> HookEvent {
    HookEvent {
        kind: Kind::NewChat,
        repeat: false,
        at: 1_795_000_000_000,
        summary: "New chat: Мария".into(),
        body: "Здравствуйте".into(),
        chats: vec![Item {
            chat_id: 7,
            visitor_id: 70,
            name: "Мария".into(),
            text: "Здравствуйте".into(),
            messages: 1,
        }],
    }
}

/// Polls `check` every 20 ms; panics after 10 s.
async fn until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_hook_gets_the_event_as_json_on_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("event.json");
    let argv = [
        "sh".to_owned(),
        "-c".to_owned(),
        "cat > \"$0.part\" && mv \"$0.part\" \"$0\"".to_owned(),
        out.display().to_string(),
    ];
    let hook = Hook::new(&argv, 5).expect("a command");
    hook.run(&event());
    let json = until("the hook's output", || std::fs::read_to_string(&out).ok()).await;
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["kind"], "new_chat");
    assert_eq!(v["summary"], "New chat: Мария");
    assert_eq!(v["chats"][0]["chat_id"], 7);
    assert_eq!(v["chats"][0]["visitor"], "Мария");
    assert_eq!(v["chats"][0]["text"], "Здравствуйте");
    assert!(Hook::new(&[], 5).is_none(), "no command, no hook");
}

#[tokio::test]
async fn a_hook_that_hangs_is_killed_after_its_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pid_file = dir.path().join("pid");
    let argv = [
        "sh".to_owned(),
        "-c".to_owned(),
        "echo $$ > \"$0\"; exec sleep 300".to_owned(),
        pid_file.display().to_string(),
    ];
    let hook = Hook::new(&argv, 1).expect("a command");
    hook.run(&event());
    let pid = until("the hook's pid", || {
        std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
    })
    .await;
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists(), "running");
    until("the hook killed and reaped", || {
        (!proc_dir.exists()).then_some(())
    })
    .await;
}
