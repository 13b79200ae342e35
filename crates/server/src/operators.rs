//! Operator accounts through the writer, for the command line (`frontdesk-server operator …`)
//! and tests: created, given a new password, role or display name, disabled and enabled
//! (`store/accounts.rs`).

use frontdesk_protocol::OperatorRole;

use crate::auth;
use crate::store::{Cmd, Reply, Store};

/// Creates an operator account (argon2 hash); returns its id.
pub async fn add_operator(
    store: &Store,
    name: &str,
    display_name: &str,
    password: &str,
    role: OperatorRole,
) -> anyhow::Result<i64> {
    let display_name =
        checked("login name", name).and_then(|_| checked("display name", display_name))?;
    let password_hash = hash(password).await?;
    run(store, name, |name| Cmd::AddOperator {
        name,
        display_name,
        password_hash,
        role,
    })
    .await
}

/// Gives an operator account a new password and ends its sessions; returns its id.
pub async fn set_operator_password(
    store: &Store,
    name: &str,
    password: &str,
) -> anyhow::Result<i64> {
    let password_hash = hash(password).await?;
    run(store, name, |name| Cmd::SetOperatorPassword {
        name,
        password_hash,
    })
    .await
}

/// Disables an operator account (its sessions end) or enables it again; returns its id.
pub async fn set_operator_disabled(
    store: &Store,
    name: &str,
    disabled: bool,
) -> anyhow::Result<i64> {
    run(store, name, |name| Cmd::SetOperatorDisabled {
        name,
        disabled,
    })
    .await
}

/// Gives an operator account another role; returns its id.
pub async fn set_operator_role(
    store: &Store,
    name: &str,
    role: OperatorRole,
) -> anyhow::Result<i64> {
    run(store, name, |name| Cmd::SetOperatorRole { name, role }).await
}

/// Gives an operator account another name shown to visitors; returns its id.
pub async fn set_operator_display_name(
    store: &Store,
    name: &str,
    display_name: &str,
) -> anyhow::Result<i64> {
    let display_name = checked("display name", display_name)?;
    run(store, name, |name| Cmd::SetOperatorDisplayName {
        name,
        display_name,
    })
    .await
}

/// Longest login or display name: a display name heads every line an operator writes, in the
/// console and in the visitor's window.
pub const MAX_NAME_CHARS: usize = 64;

/// `text` trimmed, when it is a name: not blank, at most [`MAX_NAME_CHARS`], no control
/// characters (a name is printed in terminals and pages).
fn checked(what: &str, text: &str) -> anyhow::Result<String> {
    let text = text.trim();
    anyhow::ensure!(!text.is_empty(), "the {what} is empty");
    let chars = text.chars().count();
    anyhow::ensure!(
        chars <= MAX_NAME_CHARS,
        "the {what} has {chars} characters; at most {MAX_NAME_CHARS} are allowed"
    );
    anyhow::ensure!(
        !text.chars().any(char::is_control),
        "the {what} has a control character"
    );
    Ok(text.to_owned())
}

/// An argon2 hash of `password`, made off the async threads (it takes a while on purpose).
async fn hash(password: &str) -> anyhow::Result<String> {
    anyhow::ensure!(!password.is_empty(), "the password is empty");
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || auth::hash_password(&password)).await?
}

/// Runs the command made for the trimmed login name; the account's id.
async fn run(
    store: &Store,
    name: &str,
    command: impl FnOnce(String) -> Cmd,
) -> anyhow::Result<i64> {
    match store.run(command(name.trim().to_owned())).await? {
        Reply::Id(id) => Ok(id),
        other => anyhow::bail!("unexpected answer from the writer: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_bounded_and_has_no_control_characters() {
        assert_eq!(checked("display name", "  Анна К. ").unwrap(), "Анна К.");
        assert!(checked("display name", " \t ").is_err());
        let longest = "я".repeat(MAX_NAME_CHARS);
        assert_eq!(checked("display name", &longest).unwrap(), longest);
        let said = checked("display name", &format!("{longest}я")).unwrap_err();
        assert!(said.to_string().contains("65 characters"), "{said}");
        assert!(checked("login name", "anna\u{1b}[2J").is_err());
    }
}
