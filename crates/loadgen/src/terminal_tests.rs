//! The terminal run's timing chain against real programs in tmux.

use super::*;

/// The timing chain itself: a key typed into `cat` and into irssi, each alone in a tmux
/// of its own as in the run, comes back as that pane's output and is timed; a pane that
/// never draws the key is told apart (`None`), not timed.
#[tokio::test]
async fn keys_typed_into_two_programs_are_timed_each_in_its_tmux() {
    let dir = tempfile::tempdir().unwrap();
    let id = std::process::id();
    let mut cat = Program::start(&format!("frontdesk-keys-test-{id}-cat"), &[], &["cat"])
        .await
        .expect("tmux must be installed (scripts/test installs it)");
    let home = format!("--home={}", dir.path().display());
    let mut irssi = Program::start(
        &format!("frontdesk-keys-test-{id}-irssi"),
        &[],
        &["irssi", &home, "-!"],
    )
    .await
    .unwrap();
    assert!(cat.pid > 1 && irssi.pid > 1);
    // irssi draws its screen first; wait until its input line is ready.
    irssi
        .wait_screen(|s| s.contains("[(status)]"))
        .await
        .expect("irssi never drew its status line");
    for program in [&mut cat, &mut irssi] {
        let Program {
            tmux, output, pane, ..
        } = program;
        let took = one_key(tmux, output, pane).await.unwrap();
        let took = took.unwrap_or_else(|| panic!("pane {pane} did not draw the key"));
        assert!(took < ECHO_TIMEOUT, "{took:?}");
    }
    // A pane that does not exist draws nothing: no sample.
    let none = one_key(&mut cat.tmux, &mut cat.output, "%99").await;
    assert!(matches!(none, Ok(None)), "{none:?}");
}

/// With the peer not flooded (`--peer-idle`) its marker is `None` and only the console's
/// is waited for: the watch ends when the console's screen shows it, not at `until`.
#[tokio::test]
async fn an_unflooded_peer_is_not_waited_for() {
    let id = std::process::id();
    let watched = format!("frontdesk-keys-test-{id}-watched");
    let idle = format!("frontdesk-keys-test-{id}-idle");
    let mut terminals = Terminals {
        console: Program::start(&watched, &[], &["cat"])
            .await
            .expect("tmux must be installed (scripts/test installs it)"),
        irssi: Program::start(&idle, &[], &["cat"]).await.unwrap(),
    };
    let Program {
        tmux, output, pane, ..
    } = &mut terminals.console;
    assert!(one_key(tmux, output, pane).await.unwrap().is_some());
    tmux.type_line(pane, "the-last-message").await.unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    let shown = terminals
        .last_shown([Some("the-last-message"), None], until)
        .await;
    assert!(shown[0].is_some(), "the console's marker was on screen");
    assert!(shown[1].is_none());
    assert!(
        Instant::now() + Duration::from_secs(10) < until,
        "waited for the peer that was never flooded"
    );
}

/// A pane's output is timed when the harness reads it, on a thread of its own, not when
/// the runtime gets round to it: with the test's one runtime thread blocked while `cat`
/// echoes a key, the line still carries the time it came.
#[tokio::test]
async fn output_is_timed_when_it_comes_even_while_the_runtime_is_blocked() {
    let id = std::process::id();
    let mut cat = Program::start(&format!("frontdesk-keys-test-{id}-blocked"), &[], &["cat"])
        .await
        .expect("tmux must be installed (scripts/test installs it)");
    let Program {
        tmux, output, pane, ..
    } = &mut cat;
    // One key first: the control client is attached and the pane echoes.
    assert!(one_key(tmux, output, pane).await.unwrap().is_some());
    while output.try_recv().is_ok() {}
    let sent = tmux.key(pane, "q").await.unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let unblocked = Instant::now();
    let echo = loop {
        let out = tokio::time::timeout(ECHO_TIMEOUT, output.recv())
            .await
            .expect("cat never echoed the key")
            .expect("the reader ended");
        if out.pane == *pane && out.text.contains('q') {
            break out;
        }
    };
    assert!(echo.at > sent);
    assert!(
        echo.at + Duration::from_secs(1) < unblocked,
        "timed {:?} after the key, only {:?} before the runtime was free",
        echo.at - sent,
        unblocked - echo.at
    );
}
