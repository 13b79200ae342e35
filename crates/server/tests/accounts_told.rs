//! An account changed from the command line while no server runs is told when one starts
//! again: a console that reconnects with `since` replays events, not a snapshot, and would
//! otherwise keep the colleague's old name until it restarted. Told once: a later restart
//! tells it no more.

use crate::common;

use std::process::Stdio;

use common::Operator;
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, Seq};

fn done(db: &std::path::Path, args: &[&str], stdin: &str) {
    let out = common::operator_command(db, args, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The lead's console, resuming after `since` (`None`: a fresh one, up to its snapshot's
/// `seq`, which it returns).
async fn lead(http: &str, since: Option<Seq>) -> (Operator, Seq) {
    let token = common::login(http, "lead", "lead-pw").await;
    let ws = http.replacen("http://", "ws://", 1);
    let mut op = Operator::connect(&format!("{ws}/ws/operator")).await;
    op.send(&OperatorIn::Hello {
        token,
        since,
        pack_ms: None,
    })
    .await;
    let seq = match since {
        Some(since) => since,
        None => {
            op.until(|f| match f {
                OperatorOut::Snapshot { seq, .. } => Some(*seq),
                _ => None,
            })
            .await
        }
    };
    (op, seq)
}

/// What a console hears first of: an account told, or a visitor's new chat that a test sends
/// once nothing more should be told.
pub(crate) async fn first_told(op: &mut Operator) -> EventBody {
    op.until(|f| match f {
        OperatorOut::Event { event, .. }
            if matches!(
                event,
                EventBody::OperatorChanged { .. }
                    | EventBody::OperatorDisabled { .. }
                    | EventBody::ChatCreated { .. }
            ) =>
        {
            Some(event.clone())
        }
        _ => None,
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_made_while_no_server_ran_reaches_a_resuming_console_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontdesk.db");
    for (name, password) in [("lead", "lead-pw\n"), ("anna", "anna-pw\n")] {
        done(&db, &["add", name, "--password-stdin"], password);
    }
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());
    let (_console, seq) = lead(&http, None).await;
    server.kill().unwrap();
    server.wait().unwrap();

    done(&db, &["display-name", "anna", "Анна Петрова"], "");
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());
    let (mut console, _) = lead(&http, Some(seq)).await;
    let EventBody::OperatorChanged { operator } = first_told(&mut console).await else {
        panic!("the rename is not the first thing told");
    };
    assert_eq!(
        (operator.name.as_str(), operator.display_name.as_str()),
        ("anna", "Анна Петрова")
    );
    server.kill().unwrap();
    server.wait().unwrap();

    // Started again, the server has nothing more to tell: past its pass, a visitor's chat is
    // the next thing a console resuming from before the rename hears of after it.
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());
    let (mut console, _) = lead(&http, Some(seq)).await;
    assert!(matches!(
        first_told(&mut console).await,
        EventBody::OperatorChanged { .. }
    ));
    tokio::time::sleep(frontdesk_server::store::roster::EVERY * 2).await;
    let (mut visitor, _) = common::Visitor::join_at(&http, None).await;
    visitor.say("m-1", "Здравствуйте!").await;
    let next = first_told(&mut console).await;
    assert_eq!(next.kind(), "chat_created", "{next:?}");
    server.kill().unwrap();
    server.wait().unwrap();
}
