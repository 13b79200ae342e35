//! A terminal that goes away (its window closed, its tmux killed) ends the console quietly: the
//! unsent draft is saved and the process exits with success, never with a panic about a stderr
//! that is gone. The real binary in a real tmux (installed by the test command) during a flood,
//! so the terminal may vanish in the middle of a frame as well as between frames.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tokio::time::Instant;

use crate::common::{Setup, Visitor, WAIT};

/// Runs `tmux -S socket ARGS` and says whether it succeeded.
fn tmux(socket: &Path, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs (scripts/test installs it)")
}

fn pane_text(socket: &Path) -> String {
    String::from_utf8_lossy(&tmux(socket, &["capture-pane", "-p", "-t", "fd"]).stdout).into_owned()
}

async fn wait_pane(socket: &Path, what: &str, pred: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = pane_text(socket);
        if pred(&text) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; pane:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_terminal_ends_the_console_quietly_with_the_draft_saved() {
    let setup = Setup::start_with(|c| c.limits.raise_rates(10_000)).await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Здравствуйте!").await;

    let socket = setup.dir.path().join("tmux.sock");
    let status = setup.dir.path().join("status");
    let data = setup.data_dir();
    let config = setup.config_dir();
    // The shell ignores the hang-up so it outlives tmux and writes the console's exit status;
    // the console installs its own handler, so it still gets the signal.
    let script = "trap '' HUP; \"$0\" --server \"$1\"; echo $? > \"$2\"";
    let url = setup.server.http_url();
    let envs = [
        format!("FRONTDESK_DATA_DIR={}", data.display()),
        format!("FRONTDESK_CONFIG_DIR={}", config.display()),
        "FRONTDESK_LOG=debug".to_owned(),
        "LANG=en_US.UTF-8".to_owned(),
    ];
    let mut args = vec!["-f", "/dev/null", "new-session", "-d", "-s", "fd"];
    args.extend(["-x", "160", "-y", "48"]);
    for env in &envs {
        args.extend(["-e", env.as_str()]);
    }
    let status_arg = status.display().to_string();
    args.extend([
        "sh",
        "-c",
        script,
        env!("CARGO_BIN_EXE_frontdesk"),
        url.as_str(),
        status_arg.as_str(),
    ]);
    let started = tmux(&socket, &args);
    assert!(started.status.success(), "{started:?}");

    wait_pane(&socket, "the waiting chat", |s| s.contains("Здравствуйте!")).await;
    // Enter opens and takes the chat; then a draft that is never sent.
    tmux(&socket, &["send-keys", "-t", "fd", "Enter"]);
    wait_pane(&socket, "the reply box", |s| s.contains("Reply to")).await;
    tmux(
        &socket,
        &["send-keys", "-t", "fd", "-l", "черновик до обрыва"],
    );
    wait_pane(&socket, "the draft", |s| s.contains("черновик до обрыва")).await;

    // A flood keeps the console drawing while its terminal is taken away.
    let flood = tokio::spawn(async move {
        for n in 0..3000 {
            visitor
                .say(&format!("f{n}"), &format!("сообщение {n}"))
                .await;
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let killed = tmux(&socket, &["kill-server"]);
    assert!(killed.status.success(), "{killed:?}");

    let deadline = Instant::now() + WAIT;
    let code = loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && text.ends_with('\n')
        {
            break text.trim().to_owned();
        }
        assert!(Instant::now() < deadline, "the console did not end");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    flood.abort();
    let log = std::fs::read_to_string(data.join("frontdesk.log")).unwrap_or_default();
    let err = std::fs::read_to_string(status.with_extension("err")).unwrap_or_default();
    assert_eq!(code, "0", "exit status; stderr: {err}\nlog:\n{log}");
    assert!(!log.contains("panic"), "{log}");
    let drafts = std::fs::read_to_string(data.join("drafts.toml")).expect("drafts saved");
    assert!(drafts.contains("черновик до обрыва"), "{drafts}");
}
