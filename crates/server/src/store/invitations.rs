//! Invitations to chat: made by an operator or an automatic rule, shown to a visitor on the
//! site, then answered (the visitor's first message opens a chat already with the inviting
//! operator), dismissed, or lapsed (the visitor left). One pending per visitor.

use frontdesk_protocol::{
    Author, Chat, ChatStatus, ErrorCode, MessageKind, Millis, OperatorStatus, Role,
};

use super::emit::Tx;
use super::{OpError, Reply, apply_operator, lifecycle, rows};

/// An invitation to store: who invites (`None`: a rule picks an online operator), whom, why.
#[derive(Debug, Clone)]
pub struct InviteRequest {
    pub operator_id: Option<i64>,
    pub visitor_id: i64,
    pub text: String,
    /// The automatic rule's name; `None` for an operator's own invitation.
    pub rule: Option<String>,
    /// The operator's command id (idempotency); `None` for a rule.
    pub client_id: Option<String>,
    /// A rule's: no automatic invitation for the visitor in this many milliseconds before.
    pub period_ms: Option<Millis>,
}

/// The stored invitation, for the visitor's sockets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub invitation_id: i64,
    pub operator_id: i64,
    pub operator_name: String,
    /// The same command id was stored before: nothing new to show.
    pub repeated: bool,
}

const PENDING: &str = "dismissed_at IS NULL AND answered_chat_id IS NULL AND lapsed_at IS NULL";

pub async fn invite(tx: &mut Tx<'_>, req: &InviteRequest) -> Result<Reply, OpError> {
    if let (Some(operator_id), Some(client_id)) = (req.operator_id, &req.client_id) {
        let seen: Option<(i64, String)> = sqlx::query_as(
            "SELECT i.id, o.display_name FROM invitations i JOIN operators o ON o.id = i.operator_id
             WHERE i.operator_id = ? AND i.client_id = ?",
        )
        .bind(operator_id)
        .bind(client_id)
        .fetch_optional(&mut *tx.conn)
        .await?;
        if let Some((invitation_id, operator_name)) = seen {
            return Ok(Reply::Invited(Invited {
                invitation_id,
                operator_id,
                operator_name,
                repeated: true,
            }));
        }
    }
    if let Some(period) = req.period_ms {
        let last: Option<Millis> = sqlx::query_scalar(
            "SELECT MAX(created_at) FROM invitations WHERE visitor_id = ? AND rule IS NOT NULL",
        )
        .bind(req.visitor_id)
        .fetch_one(&mut *tx.conn)
        .await?;
        if last.is_some_and(|at| tx.now - at < period) {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                "invited automatically within the period already",
            ));
        }
    }
    let operator = match req.operator_id {
        Some(id) => rows::operator(tx.conn, id).await?.ok_or_else(|| {
            OpError::new(ErrorCode::Unauthorized, "this operator account is gone")
        })?,
        None => least_loaded_online(tx).await?.ok_or_else(|| {
            OpError::new(ErrorCode::InvalidState, "no operator is online to invite")
        })?,
    };
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM chats WHERE visitor_id = ? AND status IN ('waiting', 'active')",
    )
    .bind(req.visitor_id)
    .fetch_optional(&mut *tx.conn)
    .await?;
    if open.is_some() {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("visitor {} is chatting already", req.visitor_id),
        ));
    }
    let pending: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM invitations WHERE visitor_id = ? AND {PENDING}"
    )))
    .bind(req.visitor_id)
    .fetch_optional(&mut *tx.conn)
    .await?;
    if pending.is_some() {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("visitor {} has an invitation pending", req.visitor_id),
        ));
    }
    let invitation_id: i64 = sqlx::query_scalar(
        "INSERT INTO invitations
            (visitor_id, operator_id, rule, text, client_id, created_at, shown_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(req.visitor_id)
    .bind(operator.id)
    .bind(&req.rule)
    .bind(&req.text)
    .bind(&req.client_id)
    .bind(tx.now)
    .bind(tx.now)
    .fetch_one(&mut *tx.conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => OpError::new(
            ErrorCode::NotFound,
            format!("no visitor {}", req.visitor_id),
        ),
        other => other.into(),
    })?;
    Ok(Reply::Invited(Invited {
        invitation_id,
        operator_id: operator.id,
        operator_name: operator.display_name,
        repeated: false,
    }))
}

/// The online operator with the fewest active chats (routing's cap does not apply: an
/// invitation is an offer the operator's team chose to make).
async fn least_loaded_online(
    tx: &mut Tx<'_>,
) -> Result<Option<frontdesk_protocol::OperatorInfo>, OpError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT o.id FROM operators o
         WHERE o.status = 'online' AND o.disabled = 0
         ORDER BY (SELECT COUNT(*) FROM chats c WHERE c.operator_id = o.id AND c.status = 'active'),
                  o.id
         LIMIT 1",
    )
    .fetch_optional(&mut *tx.conn)
    .await?;
    match id {
        Some(id) => Ok(rows::operator(tx.conn, id).await?),
        None => Ok(None),
    }
}

/// The visitor closed their pending invitation.
pub async fn dismiss(tx: &mut Tx<'_>, visitor_id: i64, invitation_id: i64) -> Result<(), OpError> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE invitations SET dismissed_at = ? WHERE id = ? AND visitor_id = ? AND {PENDING}"
    )))
    .bind(tx.now)
    .bind(invitation_id)
    .bind(visitor_id)
    .execute(&mut *tx.conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(OpError::new(
            ErrorCode::NotFound,
            format!("no pending invitation {invitation_id}"),
        ));
    }
    Ok(())
}

/// The visitor left the site (or the server restarted) with invitations pending.
pub async fn lapse(tx: &mut Tx<'_>, visitor_id: Option<i64>) -> Result<(), OpError> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE invitations SET lapsed_at = ? WHERE (?1 IS NULL OR visitor_id = ?1) AND {PENDING}"
    )))
    .bind(tx.now)
    .bind(visitor_id)
    .execute(&mut *tx.conn)
    .await?;
    Ok(())
}

/// A chat the visitor just opened answers their pending invitation: it becomes the inviting
/// operator's at once (if they are still present), with the invitation's text as their first
/// message. Returns the chat as it is now.
pub async fn answer(tx: &mut Tx<'_>, chat: Chat) -> Result<Chat, OpError> {
    let pending: Option<(i64, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, operator_id, text FROM invitations WHERE visitor_id = ? AND {PENDING}
         ORDER BY id DESC LIMIT 1"
    )))
    .bind(chat.visitor_id)
    .fetch_optional(&mut *tx.conn)
    .await?;
    let Some((invitation_id, operator_id, text)) = pending else {
        return Ok(chat);
    };
    sqlx::query("UPDATE invitations SET answered_chat_id = ? WHERE id = ?")
        .bind(chat.id)
        .bind(invitation_id)
        .execute(&mut *tx.conn)
        .await?;
    let Some(operator) = rows::operator(tx.conn, operator_id).await? else {
        return Ok(chat);
    };
    // An inviter who has gone offline since cannot answer: the chat waits like any other.
    if operator.status == OperatorStatus::Offline {
        return Ok(chat);
    }
    apply_operator::accept(tx, &chat, &operator, false).await?;
    let chat = rows::chat(tx.conn, chat.id).await?.unwrap_or(Chat {
        status: ChatStatus::Active,
        operator_id: Some(operator.id),
        ..chat
    });
    let author = Author {
        role: Role::Operator,
        operator_id: Some(operator.id),
        name: Some(operator.display_name.clone()),
    };
    let client_id = format!("invitation-{invitation_id}");
    lifecycle::post(
        tx,
        &chat,
        author,
        MessageKind::Text,
        &text,
        &client_id,
        None,
    )
    .await?;
    sqlx::query("UPDATE chats SET first_response_at = COALESCE(first_response_at, ?) WHERE id = ?")
        .bind(tx.now)
        .bind(chat.id)
        .execute(&mut *tx.conn)
        .await?;
    Ok(chat)
}
