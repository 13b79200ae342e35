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
    anyhow::ensure!(!name.trim().is_empty(), "the operator name is empty");
    let password_hash = hash(password).await?;
    let display_name = display_name.trim().to_owned();
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
    let display_name = display_name.trim().to_owned();
    anyhow::ensure!(!display_name.is_empty(), "the display name is empty");
    run(store, name, |name| Cmd::SetOperatorDisplayName {
        name,
        display_name,
    })
    .await
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
