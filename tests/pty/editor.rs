//! A long reply written in `$EDITOR`: the real binary in a pty against the real server, with a
//! small shell script as the editor. The console lends it the terminal, takes the result back
//! into the reply box, redraws, and Enter sends the multi-line text to the visitor's socket.

use std::path::Path;

use crate::common::{Console, Setup, Visitor, contains, find_last};
use crate::keys::{ALT_E, CTRL_X_CTRL_E, ENTER};
use crate::support::take_selected_chat;

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";

/// Writes `body` as a script in a folder whose name has a space, and returns an `EDITOR`
/// value that runs it with `args`, quoted the way a shell would need.
fn editor_script(dir: &Path, body: &str, args: &str) -> String {
    let folder = dir.join("my editor");
    std::fs::create_dir_all(&folder).expect("script folder");
    let path = folder.join("edit.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    format!("sh '{}' {args}", path.display())
}

/// The console with `editor` as `EDITOR` (and `VISUAL` empty, so it does not win), online,
/// with a visitor's chat opened and accepted.
async fn console_in_chat(setup: &Setup, editor: &str) -> (Console, Visitor) {
    let mut console = setup.console_with_env((24, 80), &[("EDITOR", editor), ("VISUAL", "")]);
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Which sizes are in stock?").await;
    console.wait_text("Which sizes").await;
    take_selected_chat(&mut console).await;
    (console, visitor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_written_in_the_editor_is_sent_with_its_lines() {
    let setup = Setup::start().await;
    // It reads a line from the terminal, as an editor does: that works only if the console
    // gave the terminal back in cooked mode and stopped reading keys itself. $1 is the
    // signature argument, $2 the draft's file.
    let editor = editor_script(
        setup.dir.path(),
        r#"echo "EDITOR READY"
IFS= read -r line
printf '%s\n' "$line" "Regards, $1" >> "$2""#,
        "Анна",
    );
    let (mut console, mut visitor) = console_in_chat(&setup, &editor).await;
    console.keys("Hello!");
    console.wait_text("Hello!").await;
    let before = console.raw().len();

    console.keys(CTRL_X_CTRL_E);
    console.wait_text("EDITOR READY").await;
    console.keys("Sizes 38 to 44 are in stock.\r");
    let screen = console.wait_text("Regards, Анна").await;
    assert!(
        screen.contains("Hello!") && screen.contains("Sizes 38 to 44 are in stock."),
        "the compose box holds every line: {screen}"
    );
    // The terminal was handed over and taken back, and the whole screen drawn again.
    let raw = console.raw()[before..].to_vec();
    let left = find_last(&raw, LEAVE_ALT_SCREEN).expect("left the alternate screen");
    let back = find_last(&raw, ENTER_ALT_SCREEN).expect("entered it again");
    assert!(back > left, "back on the alternate screen");
    assert!(
        contains(&raw, b"\x1b[?1000l") && contains(&raw, b"\x1b[?1000h"),
        "mouse reporting off for the editor and on again"
    );
    for part in ["online", "Which sizes are in stock?", "Анна joined"] {
        assert!(screen.contains(part), "redrawn: {part}: {screen}");
    }

    console.keys(ENTER);
    visitor
        .gets_operator_text("Hello!\nSizes 38 to 44 are in stock.\nRegards, Анна")
        .await;
    // Keys are read again after the editor: the console still answers.
    console.keys("Thanks for waiting");
    console.keys(ENTER);
    visitor.gets_operator_text("Thanks for waiting").await;
    assert!(console.quit().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_editor_keeps_the_draft_and_says_why() {
    let setup = Setup::start().await;
    // It mangles the file, then fails: nothing of it may reach the draft.
    let editor = editor_script(setup.dir.path(), r#"echo junk > "$1"; exit 7"#, "");
    let (mut console, mut visitor) = console_in_chat(&setup, &editor).await;
    console.keys("Draft that stays");
    console.wait_text("Draft that stays").await;

    console.keys(ALT_E);
    let screen = console.wait_text("exited with code 7").await;
    assert!(screen.contains("Draft that stays"), "{screen}");
    assert!(!screen.contains("junk"), "{screen}");

    console.keys(ENTER);
    visitor.gets_operator_text("Draft that stays").await;
    assert!(console.quit().await.success());
}
