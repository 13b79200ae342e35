//! `frontdesk-server operator list|password|disable|enable|role|display-name`, the real binary
//! on the database of a real serving process: a disabled account or a new password ends the
//! account's sessions, its open console is told so and closed (1008) at the next session
//! check, logins follow the account's state, the list says who is who, and a console whose
//! role or display name changed is closed (1012) to connect again as the account is now.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use common::Operator;
use frontdesk_protocol::{
    ErrorCode, ErrorReason, EventBody, FormerOperator, OperatorIn, OperatorInfo, OperatorOut,
    OperatorRole, VisitorOut, decode,
};
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

fn operator(db: &Path, args: &[&str], stdin: &str) -> Output {
    common::operator_command(db, args, stdin)
}

/// What a successful command printed.
fn done(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

async fn login_status(http: &str, name: &str, password: &str) -> u16 {
    common::try_login(http, name, password)
        .await
        .status()
        .as_u16()
}

/// A console of `name` connected and welcomed.
async fn console(http: &str, name: &str, password: &str) -> Operator {
    let token = common::login(http, name, password).await;
    connect(http, &token).await.0
}

/// A console connected with `token`, and the account its welcome names.
async fn connect(http: &str, token: &str) -> (Operator, OperatorInfo) {
    let ws = http.replacen("http://", "ws://", 1);
    let mut op = Operator::connect(&format!("{ws}/ws/operator")).await;
    op.send(&OperatorIn::Hello {
        token: token.to_owned(),
        since: None,
        pack_ms: None,
    })
    .await;
    let role = op
        .until(|f| match f {
            OperatorOut::Welcome { operator, .. } => Some(operator.clone()),
            _ => None,
        })
        .await;
    (op, role)
}

/// Reads the socket until it closes (20 s at most: a socket first looks at its session 5 to 10
/// s after it opened, then every 5 s); whether an `unauthorized` error saying the session
/// ended came first, and the close code.
async fn ended(op: &mut Operator) -> (bool, Option<u16>) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let mut told = false;
    loop {
        let next = tokio::time::timeout_at(deadline, op.ws.next())
            .await
            .expect("the socket closed before the deadline");
        match next {
            Some(Ok(Message::Text(text))) => {
                if let Ok(OperatorOut::Error { code, reason, .. }) =
                    decode::<OperatorOut>(text.as_str())
                {
                    told |= code == ErrorCode::Unauthorized
                        && reason == Some(ErrorReason::SessionEnded);
                }
            }
            Some(Ok(Message::Close(frame))) => return (told, frame.map(|f| u16::from(f.code))),
            Some(Ok(_)) => {}
            Some(Err(_)) | None => return (told, None),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_kept_from_the_command_line_beside_a_serving_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontdesk.db");
    done(&operator(
        &db,
        &["add", "anna", "--display-name", "Анна", "--password-stdin"],
        "first\n",
    ));
    done(&operator(
        &db,
        &["add", "lead", "--supervisor", "--password-stdin"],
        "lead-pw\n",
    ));
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());

    // Disabled while her console is open: it is told and closed, and she cannot log in.
    let mut anna = console(&http, "anna", "first").await;
    let said = done(&operator(&db, &["disable", "anna"], ""));
    assert!(said.contains("anna disabled"), "{said}");
    assert_eq!(ended(&mut anna).await, (true, Some(1008)));
    assert_eq!(login_status(&http, "anna", "first").await, 401);
    let list = done(&operator(&db, &["list"], ""));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("ACCOUNT") && lines[0].contains("STATUS"),
        "{list}"
    );
    let columns = |line: &str| {
        line.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        columns(lines[1])[..4],
        ["anna", "Анна", "operator", "disabled"]
    );
    // Never connected: offline (the status as the serving process recorded it).
    assert_eq!(
        columns(lines[2])[..5],
        ["lead", "lead", "supervisor", "active", "offline"]
    );
    // A column starts at the same place on every line, whatever the letters.
    let at = |line: &str| line.chars().position(|c| c == 'o' || c == 's').unwrap();
    assert_eq!(at(&lines[1][4..]), at(&lines[2][4..]), "{list}");

    // Enabled again: the same password works; a new one ends the open console again.
    done(&operator(&db, &["enable", "anna"], ""));
    let mut anna = console(&http, "anna", "first").await;
    let lead = console(&http, "lead", "lead-pw").await;
    done(&operator(
        &db,
        &["password", "anna", "--password-stdin"],
        "second\n",
    ));
    assert_eq!(ended(&mut anna).await, (true, Some(1008)));
    assert_eq!(login_status(&http, "anna", "first").await, 401);
    assert_eq!(login_status(&http, "anna", "second").await, 200);
    // Someone else's console stays (the checks passed for it meanwhile).
    let mut lead = lead;
    lead.send(&OperatorIn::Ping).await;
    lead.until(|f| matches!(f, OperatorOut::Pong).then_some(()))
        .await;

    // The command line wrote no event: the serving process still stores with its own seqs.
    let (mut visitor, _) = common::Visitor::join_at(&http, None).await;
    let answer = visitor.say("m-1", "Здравствуйте!").await;
    assert!(matches!(answer, VisitorOut::Ack { .. }), "{answer:?}");

    // A database that is not there is said so, and not made.
    let missing = dir.path().join("typo.db");
    let out = operator(&missing, &["list"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
    assert!(!missing.exists());

    // A password for a name no account has, or an account for a name taken, is refused before
    // the password is asked for (stdin is empty: read first, it would be refused as empty).
    let out = operator(&db, &["password", "nobody"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no operator named `nobody`"));
    let out = operator(&db, &["add", "anna"], "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`anna` already exists"));

    // A name no account has is said so, in one line, with exit code 1.
    let out = operator(&db, &["disable", "nobody"], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no operator named `nobody`") && stderr.lines().count() == 1,
        "{stderr}"
    );
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_whose_role_or_name_changed_connects_again_with_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontdesk.db");
    done(&operator(
        &db,
        &["add", "lead", "--supervisor", "--password-stdin"],
        "lead-pw\n",
    ));
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());
    let token = common::login(&http, "lead", "lead-pw").await;
    let (mut lead, account) = connect(&http, &token).await;
    assert_eq!(account.role, OperatorRole::Supervisor);

    let said = done(&operator(&db, &["role", "lead", "operator"], ""));
    assert!(said.contains("lead: role operator"), "{said}");
    // Closed to connect again, not logged out: the same session, the new role.
    assert_eq!(ended(&mut lead).await, (false, Some(1012)));
    let (mut lead, account) = connect(&http, &token).await;
    assert_eq!(account.role, OperatorRole::Operator);

    // Another name shown to visitors: the same, the console writes under the new name.
    let said = done(&operator(
        &db,
        &["display-name", "lead", " Ольга Петрова "],
        "",
    ));
    assert!(said.contains("as Ольга Петрова"), "{said}");
    assert_eq!(ended(&mut lead).await, (false, Some(1012)));
    let (_lead, account) = connect(&http, &token).await;
    assert_eq!(account.display_name, "Ольга Петрова");
    let list = done(&operator(&db, &["list"], ""));
    assert!(
        list.lines()
            .any(|l| l.starts_with("lead ") && l.contains(" operator ")),
        "{list}"
    );
    let out = operator(&db, &["role", "lead", "boss"], "");
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap refuses a role it does not know"
    );
    server.kill().unwrap();
    server.wait().unwrap();
}

/// The next account event a console hears: an account as it is now, or one disabled.
async fn account_event(op: &mut Operator) -> Result<OperatorInfo, i64> {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::OperatorChanged { operator },
            ..
        } => Some(Ok(operator.clone())),
        OperatorOut::Event {
            event: EventBody::OperatorDisabled { operator_id },
            ..
        } => Some(Err(*operator_id)),
        _ => None,
    })
    .await
}

/// The operators and the former ones of a fresh snapshot, as the lead reads it.
async fn snapshot_people(http: &str) -> (Vec<OperatorInfo>, Vec<FormerOperator>) {
    let token = common::login(http, "lead", "lead-pw").await;
    let (mut fresh, _) = connect(http, &token).await;
    fresh
        .until(|f| match f {
            OperatorOut::Snapshot {
                operators,
                former_operators,
                ..
            } => Some((operators.clone(), former_operators.clone())),
            _ => None,
        })
        .await
}

/// The command line writes no events; the serving process finds its changes within a few
/// seconds and tells every console, so a colleague's console lists the account as it is now
/// (name, role; a disabled one not at all) without connecting again. An account added is
/// told by its first login instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn colleagues_hear_of_accounts_changed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontdesk.db");
    for (name, password) in [("lead", "lead-pw\n"), ("anna", "anna-pw\n")] {
        done(&operator(&db, &["add", name, "--password-stdin"], password));
    }
    let (mut server, http) = common::serve_database(&db, "warn", Stdio::null());
    let mut lead = console(&http, "lead", "lead-pw").await;

    // An account added is not told: it is listed from its first login's status event.
    done(&operator(
        &db,
        &["add", "nina", "--display-name", "Нина", "--password-stdin"],
        "nina-pw\n",
    ));
    done(&operator(
        &db,
        &["display-name", "anna", "Анна Петрова"],
        "",
    ));
    let anna = account_event(&mut lead)
        .await
        .expect("anna renamed, nina not told");
    assert_eq!(
        (anna.name.as_str(), anna.display_name.as_str()),
        ("anna", "Анна Петрова")
    );

    done(&operator(&db, &["role", "anna", "supervisor"], ""));
    let anna = account_event(&mut lead).await.expect("anna's new role");
    assert_eq!(anna.role, OperatorRole::Supervisor);

    done(&operator(&db, &["disable", "anna"], ""));
    assert_eq!(account_event(&mut lead).await, Err(anna.id));
    // A new snapshot agrees: the disabled account is not among the operators, only among the
    // former ones, by the name their chats and bans show.
    let (listed, former) = snapshot_people(&http).await;
    let names: Vec<&str> = listed.iter().map(|o| o.name.as_str()).collect();
    assert!(
        !names.contains(&"anna") && names.contains(&"nina"),
        "{names:?}"
    );
    let former: Vec<(i64, &str, &str)> = former
        .iter()
        .map(|o| (o.id, o.name.as_str(), o.display_name.as_str()))
        .collect();
    assert_eq!(former, [(anna.id, "anna", "Анна Петрова")]);

    done(&operator(&db, &["enable", "anna"], ""));
    let anna = account_event(&mut lead).await.expect("anna enabled again");
    assert_eq!(anna.display_name, "Анна Петрова");
    let (listed, former) = snapshot_people(&http).await;
    assert!(listed.iter().any(|o| o.id == anna.id), "{listed:?}");
    assert!(former.is_empty(), "{former:?}");

    // A password changes nothing a console shows: no event for it (the visitor's message
    // after it is the next thing the lead hears of).
    done(&operator(
        &db,
        &["password", "nina", "--password-stdin"],
        "new-pw\n",
    ));
    let (mut visitor, _) = common::Visitor::join_at(&http, None).await;
    visitor.say("m-1", "Здравствуйте!").await;
    let first = super::accounts_told::first_told(&mut lead).await.kind();
    assert_eq!(first, "chat_created");
    server.kill().unwrap();
    server.wait().unwrap();
}
