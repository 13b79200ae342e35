//! `frontdesk-server operator …`: the accounts of the people who answer, kept from the command
//! line of the machine that has the database. It may run beside a serving process (it emits
//! no events; `store/accounts.rs`): a disabled account or a new password ends the account's
//! sessions, and its open consoles are closed within a few seconds. The serving process tells
//! colleagues' consoles of what changed (`store/roster.rs`).

use std::sync::Arc;

use clap::Subcommand;
use frontdesk_protocol::OperatorRole;
use frontdesk_server::Config;
use frontdesk_server::store::accounts::Account;

#[derive(Subcommand)]
pub enum OperatorCommand {
    /// Create an operator account; asks for the password.
    Add {
        /// Login name.
        name: String,
        /// Name shown to visitors (default: the login name).
        #[arg(long)]
        display_name: Option<String>,
        /// May act on any chat.
        #[arg(long)]
        supervisor: bool,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts: login name, display name, role, active or disabled, status, created.
    List,
    /// Set a new password (asks for it); the account's sessions end, its consoles log in again.
    Password {
        /// Login name.
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account (someone who left): no login, its sessions end, its consoles close.
    Disable {
        /// Login name.
        name: String,
    },
    /// Enable a disabled account again (it logs in with its password as before).
    Enable {
        /// Login name.
        name: String,
    },
    /// Give an account another name shown to visitors; its open consoles reconnect with it.
    DisplayName {
        /// Login name.
        name: String,
        /// The new name shown to visitors.
        display_name: String,
    },
    /// Give an account another role; its open consoles reconnect with the new read rights.
    Role {
        /// Login name.
        name: String,
        #[arg(value_enum)]
        role: Role,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Role {
    /// Answers the queue and the chats routed or transferred to them.
    Operator,
    /// Also reads and acts on every chat, whispers, lifts bans.
    Supervisor,
}

impl From<Role> for OperatorRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Operator => OperatorRole::Operator,
            Role::Supervisor => OperatorRole::Supervisor,
        }
    }
}

pub async fn run(command: OperatorCommand, config: &Config) -> anyhow::Result<()> {
    // Only `add` may start a database: a mistyped path must not become a new, empty one.
    if !matches!(command, OperatorCommand::Add { .. }) {
        anyhow::ensure!(
            config.database.exists(),
            "no database at {}: check --database or `database` in the config",
            config.database.display()
        );
    }
    let hub = Arc::new(frontdesk_server::hub::Hub::default());
    let store = frontdesk_server::open_store(config, hub).await?;
    let result = async {
        let password = ask_password(&command, &store).await?;
        carry_out(command, password, &store).await
    }
    .await;
    store.close().await;
    println!("{}", result?);
    Ok(())
}

/// The password `add` and `password` need, asked once the name is known to be free (`add`)
/// or taken (`password`): a typo is said before anyone types a password twice.
async fn ask_password(
    command: &OperatorCommand,
    store: &frontdesk_server::store::Store,
) -> anyhow::Result<String> {
    let (name, password_stdin, new) = match command {
        OperatorCommand::Add {
            name,
            password_stdin,
            ..
        } => (name, *password_stdin, true),
        OperatorCommand::Password {
            name,
            password_stdin,
        } => (name, *password_stdin, false),
        _ => return Ok(String::new()),
    };
    let taken = store
        .accounts()
        .await?
        .iter()
        .any(|a| a.name == name.trim());
    anyhow::ensure!(
        !new || !taken,
        "an operator named `{}` already exists",
        name.trim()
    );
    anyhow::ensure!(new || taken, "no operator named `{}`", name.trim());
    crate::read_password(password_stdin)
}

/// What the command did, in a line (or the list).
async fn carry_out(
    command: OperatorCommand,
    password: String,
    store: &frontdesk_server::store::Store,
) -> anyhow::Result<String> {
    Ok(match command {
        OperatorCommand::Add {
            name,
            display_name,
            supervisor,
            ..
        } => {
            let role = if supervisor {
                OperatorRole::Supervisor
            } else {
                OperatorRole::Operator
            };
            let display = display_name.unwrap_or_else(|| name.clone());
            let id =
                frontdesk_server::add_operator(store, &name, &display, &password, role).await?;
            format!("operator {name} created (id {id})")
        }
        OperatorCommand::List => table(&store.accounts().await?),
        OperatorCommand::Password { name, .. } => {
            frontdesk_server::set_operator_password(store, &name, &password).await?;
            format!("operator {name}: new password set, every session ended")
        }
        OperatorCommand::Disable { name } => {
            frontdesk_server::set_operator_disabled(store, &name, true).await?;
            format!("operator {name} disabled: no login, every session ended")
        }
        OperatorCommand::Enable { name } => {
            frontdesk_server::set_operator_disabled(store, &name, false).await?;
            format!("operator {name} enabled")
        }
        OperatorCommand::DisplayName { name, display_name } => {
            frontdesk_server::set_operator_display_name(store, &name, &display_name).await?;
            format!(
                "operator {name}: shown to visitors as {}",
                display_name.trim()
            )
        }
        OperatorCommand::Role { name, role } => {
            let role = OperatorRole::from(role);
            frontdesk_server::set_operator_role(store, &name, role).await?;
            let role = match role {
                OperatorRole::Operator => "operator",
                OperatorRole::Supervisor => "supervisor",
            };
            format!("operator {name}: role {role}")
        }
    })
}

/// The accounts in aligned columns under a header (names padded by their characters).
fn table(accounts: &[Account]) -> String {
    let header = [
        "NAME",
        "DISPLAY NAME",
        "ROLE",
        "ACCOUNT",
        "STATUS",
        "CREATED",
    ];
    let rows: Vec<[String; 6]> = std::iter::once(header.map(str::to_owned))
        .chain(accounts.iter().map(|a| {
            [
                a.name.clone(),
                a.display_name.clone(),
                a.role.clone(),
                if a.disabled { "disabled" } else { "active" }.to_owned(),
                a.status.clone(),
                jiff::Timestamp::from_millisecond(a.created_at)
                    .map(|t| t.strftime("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ]
        }))
        .collect();
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            cells.join("  ").trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
