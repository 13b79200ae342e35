//! The operator accounts as this serving process last saw them, compared with the database
//! every few seconds. `frontdesk-server operator …` changes accounts from another process and
//! emits no events (`accounts.rs`: only the serving writer hands out `seq`s), so without this
//! pass colleagues' consoles kept a renamed operator's old name and a disabled one among the
//! people to hand chats to until they reconnected. Each change found is told through the
//! writer, which reads the account as it is then: `operator_changed` (enabled again, renamed,
//! another role) or `operator_disabled`. An account added is not told: it is offline until
//! it first connects, and its first status event names it (`apply_operator::set_status`), so
//! setting up a team makes no stream of events nobody needs.

use std::collections::HashMap;
use std::time::Duration;

use frontdesk_protocol::EventBody;

use super::emit::{Refs, Tx};
use super::{Cmd, OpError, Reply, Store, sql, writer_rows};

/// How often the accounts are compared: a rename or a disabled account reaches the consoles
/// within this, about when the disabled account's own consoles close (they check their
/// session every 5 s). The read is one small table.
pub const EVERY: Duration = Duration::from_secs(2);

/// What consoles show of an account, and whether it may log in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub name: String,
    pub display_name: String,
    pub role: String,
    pub disabled: bool,
}

/// The accounts of the last pass, by id; `None` before the first, which only looks.
#[derive(Debug, Default)]
pub struct Roster {
    known: Option<HashMap<i64, Shown>>,
}

impl Roster {
    /// Reads the accounts and tells the consoles of each change since the last pass. A change
    /// the writer could not tell is looked at again in the next pass.
    pub async fn pass(&mut self, store: &Store) {
        let accounts = match store.accounts().await {
            Ok(accounts) => accounts,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the operator accounts");
                return;
            }
        };
        let now: HashMap<i64, Shown> = accounts
            .into_iter()
            .map(|a| {
                let shown = Shown {
                    name: a.name,
                    display_name: a.display_name,
                    role: a.role,
                    disabled: a.disabled,
                };
                (a.id, shown)
            })
            .collect();
        let Some(known) = self.known.as_mut() else {
            self.known = Some(now);
            return;
        };
        let told = changed(known, &now);
        for (id, shown) in now {
            if told.contains(&id)
                && let Err(e) = store.run(Cmd::TellAccount { operator_id: id }).await
            {
                tracing::warn!(error = %e, operator_id = id, "cannot tell an account change");
                continue;
            }
            known.insert(id, shown);
        }
    }
}

/// The accounts consoles should hear about, by id: changed in what they show, disabled or
/// enabled again. One added is not among them (see the module's text).
pub fn changed(known: &HashMap<i64, Shown>, now: &HashMap<i64, Shown>) -> Vec<i64> {
    let mut ids: Vec<i64> = now
        .iter()
        .filter(|(id, shown)| match known.get(id) {
            None => false,
            Some(before) if before.disabled && shown.disabled => false,
            Some(before) => before != *shown,
        })
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    ids
}

/// The writer's half: the account as it is now, as an event for the consoles.
pub(super) fn tell(tx: &mut Tx<'_>, operator_id: i64) -> Result<Reply, OpError> {
    let disabled: Option<bool> = sql::opt(
        tx.conn,
        "SELECT disabled != 0 FROM operators WHERE id = ?",
        [operator_id],
    )?;
    let body = match disabled {
        None => return Ok(Reply::Done),
        Some(true) => EventBody::OperatorDisabled { operator_id },
        Some(false) => match writer_rows::operator(tx.conn, operator_id)? {
            Some(operator) => EventBody::OperatorChanged { operator },
            None => return Ok(Reply::Done),
        },
    };
    let refs = Refs {
        operator_id: Some(operator_id),
        ..Refs::default()
    };
    tx.emit(body, refs, None)?;
    Ok(Reply::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(display_name: &str, role: &str, disabled: bool) -> Shown {
        Shown {
            name: "olga".into(),
            display_name: display_name.into(),
            role: role.into(),
            disabled,
        }
    }

    #[test]
    fn only_what_consoles_show_or_may_use_counts_as_a_change() {
        let known = HashMap::from([
            (1, shown("Ольга", "operator", false)),
            (2, shown("Иван", "operator", false)),
            (3, shown("Пётр", "operator", true)),
            (4, shown("Анна", "operator", false)),
            (5, shown("Мария", "operator", true)),
            (6, shown("Олег", "operator", false)),
        ]);
        let now = HashMap::from([
            (1, shown("Ольга Петровна", "operator", false)), // renamed
            (2, shown("Иван", "supervisor", false)),         // another role
            (3, shown("Пётр", "operator", false)),           // enabled again
            (4, shown("Анна", "operator", true)),            // disabled
            (5, shown("Мария Ивановна", "operator", true)),  // renamed while disabled
            (6, shown("Олег", "operator", false)),           // as before
            (7, shown("Нина", "operator", false)),           // added
        ]);
        assert_eq!(changed(&known, &now), vec![1, 2, 3, 4]);
        assert!(changed(&now, &now).is_empty());
    }
}
