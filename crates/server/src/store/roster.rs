//! Account changes made from the command line, told to the consoles. `frontdesk-server
//! operator …` changes accounts from another process and emits no events (`accounts.rs`: only
//! the serving writer hands out `seq`s), so without this pass colleagues' consoles kept a
//! renamed operator's old name and a disabled one among the people to hand chats to until they
//! reconnected. Each such change raises the account's `revision` (migration 0027); every few
//! seconds the serving process reads the accounts whose revision is above the one last told
//! (`told_revision`, migration 0028), and the writer tells each as it is then:
//! `operator_changed` (renamed, another role, enabled again) or `operator_disabled`, and
//! records it told in the same transaction. Kept with the account, not in memory, so a change
//! made while no server ran is told when one starts: consoles that reconnect with `since`
//! replay events and would otherwise keep the old name. A new account or password raises
//! nothing: an account added is named by its first login's status event
//! (`apply_operator::set_status`), so setting up a team makes no events nobody needs.

use std::time::Duration;

use frontdesk_protocol::EventBody;

use super::emit::{Refs, Tx};
use super::{Cmd, OpError, Reply, Store, sql, writer_rows};

/// How often the accounts are looked at: a rename or a disabled account reaches the consoles
/// within this, about when the disabled account's own consoles close (they check their
/// session every 5 s). The read looks at each account's two revisions: a team's few dozen
/// rows, which find nothing almost always.
pub const EVERY: Duration = Duration::from_secs(2);

/// Tells the consoles of each account changed since it was last told, oldest change first; a
/// change the writer could not tell is tried again in the next pass.
pub async fn pass(store: &Store) {
    let untold = match store.accounts_untold().await {
        Ok(untold) => untold,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the operator accounts");
            return;
        }
    };
    for id in untold {
        if let Err(e) = store.run(Cmd::TellAccount { operator_id: id }).await {
            tracing::warn!(error = %e, operator_id = id, "cannot tell an account change");
            break;
        }
    }
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
    // Told as it is now, in the event's own transaction: a change after this raises the
    // revision again and is told in its turn.
    tx.conn
        .prepare_cached("UPDATE operators SET told_revision = revision WHERE id = ?")?
        .execute([operator_id])?;
    Ok(Reply::Done)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::{Arc, Mutex};

    use frontdesk_protocol::OperatorRole;

    use super::*;
    use crate::store::test_store::open_store_with;

    /// A store and the events its commits carry, as they come.
    async fn watched() -> (tempfile::TempDir, Store, Arc<Mutex<Vec<EventBody>>>) {
        let dir = tempfile::tempdir().unwrap();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = heard.clone();
        let store = open_store_with(
            &dir.path().join("frontdesk.db"),
            Arc::new(move |events| {
                let bodies = events.iter().map(|e| e.body.clone());
                sink.lock().unwrap().extend(bodies);
            }),
        )
        .await;
        (dir, store, heard)
    }

    #[tokio::test]
    async fn each_change_consoles_show_is_told_once_and_nothing_else_is() {
        let (_dir, store, heard) = watched().await;
        let add = |name: &'static str| {
            let store = store.clone();
            async move {
                crate::add_operator(&store, name, name, "pw-123456", OperatorRole::Operator)
                    .await
                    .unwrap()
            }
        };
        let anna = add("anna").await;
        pass(&store).await;
        // Added, or given a new password: nothing to tell.
        add("boris").await;
        crate::set_operator_password(&store, "anna", "pw-654321")
            .await
            .unwrap();
        pass(&store).await;
        assert!(heard.lock().unwrap().is_empty());

        crate::set_operator_display_name(&store, "anna", "Анна Петрова")
            .await
            .unwrap();
        crate::set_operator_role(&store, "anna", OperatorRole::Supervisor)
            .await
            .unwrap();
        crate::set_operator_disabled(&store, "anna", true)
            .await
            .unwrap();
        pass(&store).await;
        pass(&store).await;
        let heard = heard.lock().unwrap().clone();
        assert_eq!(
            heard,
            vec![EventBody::OperatorDisabled { operator_id: anna }]
        );
    }
}
