//! Operator accounts from the server's command line (`frontdesk-server operator …`): created,
//! given a new password, role or display name, disabled and enabled again, listed. None of
//! these emits an event: the command line may run beside a serving process, whose writer
//! alone hands out `seq`s.
//! Ending an account's sessions is enough for a serving process too: each operator socket
//! checks its session every few seconds and closes when it is gone
//! (`routes/operator_ws.rs`), and a disabled account's session no longer counts anyway.

use frontdesk_protocol::{ErrorCode, Millis, OperatorRole};
use rusqlite::params;

use super::emit::Tx;
use super::{OpError, ReadError, Reply, Store, sql};

/// An account as `operator list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: String,
    pub disabled: bool,
    /// `online`, `away` or `offline`, as the serving process last recorded it.
    pub status: String,
    pub created_at: Millis,
}

impl Store {
    /// Every account, disabled ones too, by name.
    pub async fn accounts(&self) -> Result<Vec<Account>, ReadError> {
        Ok(sqlx::query_as(
            "SELECT id, name, display_name, role, disabled != 0 AS disabled, status, created_at
             FROM operators ORDER BY name",
        )
        .fetch_all(&self.readers)
        .await?)
    }

    /// The accounts changed from the command line since they were last told to the consoles,
    /// oldest change first (`roster.rs`).
    pub async fn accounts_untold(&self) -> Result<Vec<i64>, ReadError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM operators WHERE revision > told_revision ORDER BY revision",
        )
        .fetch_all(&self.readers)
        .await?)
    }
}

pub(super) fn add(
    tx: &mut Tx<'_>,
    name: &str,
    display_name: &str,
    password_hash: &str,
    role: OperatorRole,
) -> Result<Reply, OpError> {
    let role = role_text(role);
    let id = tx
        .conn
        .prepare_cached(
            "INSERT INTO operators (name, display_name, password_hash, role, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )?
        .insert(params![name, display_name, password_hash, role, tx.now])
        .map_err(|e| {
            if sql::is_unique_violation(&e) {
                OpError::new(
                    ErrorCode::Conflict,
                    format!("an operator named `{name}` already exists"),
                )
            } else {
                e.into()
            }
        })?;
    Ok(Reply::Id(id))
}

/// One change to an account, as the command line makes it.
pub(super) enum Change<'a> {
    /// A new password: every session of the account ends (a leaked or forgotten one with it).
    Password(&'a str),
    /// A disabled account cannot log in and its sessions end; enabled again, it logs in anew.
    /// Its status is left to the serving process, which sets it offline, with an event for
    /// the consoles, when the account's sockets close.
    Disabled(bool),
    /// Another role: the account's open consoles reconnect to get its read rights.
    Role(OperatorRole),
    /// Another name shown to visitors: the open consoles reconnect to write under it.
    DisplayName(&'a str),
}

/// Makes `change` to the account logged in as `name`; its id.
pub(super) fn change(tx: &mut Tx<'_>, name: &str, change: Change<'_>) -> Result<Reply, OpError> {
    let id = id_of(tx, name)?;
    let (statement, value, ends_sessions): (&str, &dyn rusqlite::ToSql, bool) = match &change {
        Change::Password(hash) => (
            "UPDATE operators SET password_hash = ? WHERE id = ?",
            hash,
            true,
        ),
        Change::Disabled(disabled) => (
            "UPDATE operators SET disabled = ? WHERE id = ?",
            disabled,
            *disabled,
        ),
        Change::Role(role) => (
            "UPDATE operators SET role = ? WHERE id = ?",
            &role_text(*role),
            false,
        ),
        Change::DisplayName(shown) => (
            "UPDATE operators SET display_name = ? WHERE id = ?",
            shown,
            false,
        ),
    };
    sql::exec(tx.conn, statement, params![value, id])?;
    // What consoles show changed: the serving process tells them (`roster.rs`).
    if !matches!(change, Change::Password(_)) {
        sql::exec(
            tx.conn,
            "UPDATE operators SET revision = (SELECT MAX(revision) + 1 FROM operators)
             WHERE id = ?",
            [id],
        )?;
    }
    if ends_sessions {
        sql::exec(tx.conn, "DELETE FROM sessions WHERE operator_id = ?", [id])?;
    }
    Ok(Reply::Id(id))
}

fn role_text(role: OperatorRole) -> &'static str {
    match role {
        OperatorRole::Operator => "operator",
        OperatorRole::Supervisor => "supervisor",
    }
}

fn id_of(tx: &mut Tx<'_>, name: &str) -> Result<i64, OpError> {
    sql::opt::<i64>(tx.conn, "SELECT id FROM operators WHERE name = ?", [name])?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no operator named `{name}`")))
}
