//! Who may read what. An event's audience is decided when it is stored and kept with it (the
//! `events.audience` column), so replay after a reconnect filters exactly like live delivery;
//! the snapshot and `history` apply the same rule to a chat ([`may_read`]).
//!
//! A plain operator reads the chats nobody has yet, their own, chats offered to them and closed
//! ones; a supervisor reads every chat. A whisper reaches only the operator it was for (the
//! assignee when it was written) and supervisors; a one-to-one team line only its two
//! operators. Everything else reaches every operator.

use frontdesk_protocol::{Chat, ChatStatus, OperatorInfo, OperatorRole};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// The operators an event is for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Every operator (chat-level events, untaken chats, the team room).
    #[default]
    Everyone,
    /// These operators, and every supervisor when `supervisors`.
    Only {
        operators: Vec<i64>,
        supervisors: bool,
    },
}

/// Who holds an operator socket, for the per-event check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    pub operator_id: i64,
    pub supervisor: bool,
}

impl From<&OperatorInfo> for Reader {
    fn from(op: &OperatorInfo) -> Self {
        Self {
            operator_id: op.id,
            supervisor: op.role == OperatorRole::Supervisor,
        }
    }
}

impl Audience {
    /// Whether `reader` gets the event: a comparison or two, no allocation.
    pub fn admits(&self, reader: Reader) -> bool {
        match self {
            Self::Everyone => true,
            Self::Only {
                operators,
                supervisors,
            } => (*supervisors && reader.supervisor) || operators.contains(&reader.operator_id),
        }
    }

    /// The `events.audience` column: NULL for everyone.
    pub fn column(&self) -> Option<String> {
        match self {
            Self::Everyone => None,
            only => serde_json::to_string(only).ok(),
        }
    }

    /// Back from the column. An unreadable value reaches supervisors only: never wider.
    pub fn from_column(column: Option<&str>) -> Self {
        column.map_or(Self::Everyone, |text| {
            serde_json::from_str(text).unwrap_or(Self::Only {
                operators: Vec::new(),
                supervisors: true,
            })
        })
    }
}

/// Whether `reader` may read the messages of `chat`; `offered_to` is the colleague the chat
/// is offered to, if any (they read the history before accepting).
pub fn may_read(reader: Reader, chat: &Chat, offered_to: Option<i64>) -> bool {
    reader.supervisor
        || chat.status != ChatStatus::Active
        || chat.operator_id == Some(reader.operator_id)
        || offered_to == Some(reader.operator_id)
}

/// The colleague `chat` is offered to now, if any.
pub async fn offered_to(
    conn: &mut SqliteConnection,
    chat_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT to_operator_id FROM transfer_offers WHERE chat_id = ?")
        .bind(chat_id)
        .fetch_optional(&mut *conn)
        .await
}

/// Who reads a message posted in `chat` as it is now: everyone while nobody has it (or once
/// closed); its operator, the colleague it is offered to and supervisors while it is active.
pub async fn of_chat(conn: &mut SqliteConnection, chat: &Chat) -> Result<Audience, sqlx::Error> {
    let offered = match assignee(chat) {
        Some(_) => offered_to(conn, chat.id).await?,
        None => None,
    };
    Ok(of_chat_offered(chat, offered))
}

/// [`of_chat`] inside the writer's transaction.
pub fn of_chat_now(conn: &rusqlite::Connection, chat: &Chat) -> Result<Audience, super::OpError> {
    let offered = match assignee(chat) {
        Some(_) => super::sql::opt(
            conn,
            "SELECT to_operator_id FROM transfer_offers WHERE chat_id = ?",
            [chat.id],
        )?,
        None => None,
    };
    Ok(of_chat_offered(chat, offered))
}

/// The operator an active chat belongs to; only then does its audience narrow.
fn assignee(chat: &Chat) -> Option<i64> {
    match (chat.status, chat.operator_id) {
        (ChatStatus::Active, Some(assignee)) => Some(assignee),
        _ => None,
    }
}

fn of_chat_offered(chat: &Chat, offered: Option<i64>) -> Audience {
    match assignee(chat) {
        Some(assignee) => Audience::Only {
            operators: std::iter::once(assignee).chain(offered).collect(),
            supervisors: true,
        },
        None => Audience::Everyone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: Reader = Reader {
        operator_id: 3,
        supervisor: false,
    };
    const BORIS: Reader = Reader {
        operator_id: 5,
        supervisor: false,
    };
    const LEAD: Reader = Reader {
        operator_id: 1,
        supervisor: true,
    };

    #[test]
    fn only_the_named_operators_and_supervisors_when_asked() {
        let whisper = Audience::Only {
            operators: vec![3],
            supervisors: true,
        };
        assert!(whisper.admits(ANNA) && whisper.admits(LEAD) && !whisper.admits(BORIS));
        let one_to_one = Audience::Only {
            operators: vec![3, 5],
            supervisors: false,
        };
        assert!(one_to_one.admits(ANNA) && one_to_one.admits(BORIS));
        assert!(!one_to_one.admits(LEAD));
        assert!(Audience::Everyone.admits(BORIS));
    }

    #[test]
    fn the_column_keeps_the_audience_and_a_bad_one_is_narrow() {
        for audience in [
            Audience::Everyone,
            Audience::Only {
                operators: vec![3, 5],
                supervisors: false,
            },
        ] {
            let column = audience.column();
            assert_eq!(Audience::from_column(column.as_deref()), audience);
        }
        assert_eq!(Audience::Everyone.column(), None);
        let bad = Audience::from_column(Some("nonsense"));
        assert!(bad.admits(LEAD) && !bad.admits(ANNA));
    }

    #[test]
    fn a_colleagues_active_chat_is_not_for_a_plain_operator() {
        let mut chat = Chat {
            id: 7,
            visitor_id: 42,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        };
        assert!(may_read(ANNA, &chat, None));
        assert!(may_read(LEAD, &chat, None));
        assert!(!may_read(BORIS, &chat, None));
        assert!(may_read(BORIS, &chat, Some(5)), "offered to Boris");
        chat.status = ChatStatus::Closed;
        assert!(may_read(BORIS, &chat, None));
        chat.status = ChatStatus::Waiting;
        chat.operator_id = None;
        assert!(may_read(BORIS, &chat, None));
    }
}
