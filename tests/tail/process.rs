//! How tail ends: a closed pipe, Ctrl-C and SIGTERM (status 0), and no session or a refused
//! one (one line saying to log in).

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
