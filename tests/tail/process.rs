//! How tail ends: a closed pipe, Ctrl-C and SIGTERM (status 0), and no session, a refused
//! one or one ended while it runs (one line saying to log in).

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::time::Instant;

use crate::common::{Setup, Visitor, WAIT};
use crate::support::{Tail, lines_of, tail_command};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_tail_quietly_with_status_0() {
    let setup = Setup::start().await;
    let mut child = tail_command(&setup.data_dir(), &[]).spawn().expect("spawn");
    let mut err = lines_of(child.stderr.take().expect("stderr"));
    let deadline = Instant::now() + WAIT;
    while let Some(note) = tokio::time::timeout_at(deadline, err.recv())
        .await
        .expect("a note")
    {
        if note.contains("live from seq") {
            break;
        }
    }
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("one").await;
    // `| head -1`: read one line, then close the read end.
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    tokio::time::timeout(WAIT, out.read_line(&mut first))
        .await
        .expect("a line")
        .expect("read");
    assert!(first.contains('#'), "{first}");
    drop(out);
    // Tail notices at once, with no further event to write.
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("tail exits after the pipe closed")
        .expect("wait");
    let mut notes = Vec::new();
    while let Ok(Some(note)) = tokio::time::timeout(WAIT, err.recv()).await {
        notes.push(note);
    }
    assert!(status.success(), "{status:?} {notes:#?}");
    assert!(
        !notes
            .iter()
            .any(|n| n.contains("panicked") || n.contains("Broken pipe")),
        "{notes:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_and_sigterm_exit_0() {
    let setup = Setup::start().await;
    for sig in ["INT", "TERM"] {
        let mut tail = Tail::live(&setup.data_dir(), &[]).await;
        tail.signal(sig);
        let status = tail.exit().await;
        let notes = tail.rest_of_stderr().await;
        assert!(status.success(), "SIG{sig}: {status:?} {notes}");
        assert!(!notes.contains("panicked"), "{notes}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_session_or_a_refused_one_says_to_log_in() {
    let setup = Setup::start().await;
    let empty = setup.dir.path().join("nobody");
    let out = tail_command(&empty, &[]).output().await.expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("frontdesk login"), "{stderr}");

    frontdesk::net::rest::logout(&setup.server.http_url(), &setup.token)
        .await
        .expect("logout");
    let out = tokio::time::timeout(WAIT, tail_command(&setup.data_dir(), &[]).output())
        .await
        .expect("tail gives up on a refused session")
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("frontdesk login"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

/// A session ended while tail runs (logged out elsewhere, a new password, the account
/// disabled): the server closes the socket at its next session check, and tail stops with the
/// same one line as for a session refused at the start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_while_tail_runs_stops_it_with_a_line_saying_to_log_in() {
    let setup = Setup::start().await;
    let mut tail = Tail::live(&setup.data_dir(), &[]).await;
    frontdesk::net::rest::logout(&setup.server.http_url(), &setup.token)
        .await
        .expect("logout");
    // The socket's first check comes 5 to 10 s after it opened (its session's hash picks
    // when), then every 5 s; then one reconnect, refused.
    let status = tokio::time::timeout(std::time::Duration::from_secs(20), tail.child.wait())
        .await
        .expect("tail stops once its session ended")
        .expect("wait");
    let notes = tail.rest_of_stderr().await;
    assert!(!status.success(), "{notes}");
    let last = notes.trim().lines().last().unwrap_or_default();
    assert!(last.contains("frontdesk login"), "{notes}");
}

/// Tail on a terminal (a pty) with `env`: returns everything it wrote once `needle` shows.
async fn on_a_terminal(setup: &Setup, env: &[(&str, &str)], needle: &str) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    use std::sync::{Arc, Mutex};

    let size = PtySize {
        rows: 24,
        cols: 200,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("tail");
    cmd.env("FRONTDESK_DATA_DIR", setup.data_dir());
    cmd.env("FRONTDESK_CONFIG_DIR", setup.config_dir());
    cmd.env_remove("NO_COLOR");
    cmd.env("LC_ALL", "C.UTF-8");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let raw = Arc::new(Mutex::new(Vec::new()));
    let into = raw.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().expect("lock").extend_from_slice(&buf[..n]);
        }
    });
    let text = || String::from_utf8_lossy(&raw.lock().expect("lock")).into_owned();
    let deadline = Instant::now() + WAIT;
    // The note that it is live, in English or Russian (the notes follow the locale too).
    let live = |t: String| t.contains("live from seq") || t.contains("в реальном времени с seq");
    while !live(text()) {
        assert!(Instant::now() < deadline, "tail not live: {:?}", text());
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let mut visitor = Visitor::join_named(&setup.server.http_url(), "Ольга").await;
    visitor.start_chat(needle).await;
    while !text().contains(needle) {
        assert!(Instant::now() < deadline, "no {needle}: {:?}", text());
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    child.kill().expect("kill");
    text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn colour_on_a_terminal_unless_no_color() {
    let setup = Setup::start().await;
    let coloured = on_a_terminal(&setup, &[], "hello in colour").await;
    assert!(
        coloured.contains("\x1b[36mmessage_posted\x1b[0m"),
        "{coloured:?}"
    );
    let plain = on_a_terminal(&setup, &[("NO_COLOR", "1")], "hello plain").await;
    let line = plain
        .lines()
        .find(|l| l.contains("hello plain"))
        .expect("the line");
    assert!(!line.contains('\x1b'), "{line:?}");
    assert!(line.contains(" message_posted "), "{line:?}");
}

/// A lead working in Russian reads the words after ` | ` and the notes in Russian, from the
/// locale as the console takes it; kinds, keys and what people wrote stay as they are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_for_people_follow_the_locale() {
    let setup = Setup::start().await;
    let env = [("LC_ALL", "ru_RU.UTF-8"), ("NO_COLOR", "1")];
    let text = on_a_terminal(&setup, &env, "Есть ли доставка?").await;
    let created = text
        .lines()
        .find(|l| l.contains(" chat_created "))
        .expect("the new chat's line");
    assert!(created.ends_with("| новый чат"), "{created:?}");
    assert!(text.contains("Ольга: Есть ли доставка?"), "{text:?}");
    // And so do its notes on stderr.
    assert!(
        text.contains("frontdesk tail: в реальном времени с seq"),
        "{text:?}"
    );
}
