//! Invitations to chat: made by an operator or an automatic rule, shown to a visitor on the
//! site, then answered (the visitor's first message opens a chat already with the inviting
//! operator), dismissed, or lapsed (the visitor left). One pending per visitor.

use frontdesk_protocol::{
    Author, Chat, ChatStatus, ErrorCode, ErrorReason, MessageKind, Millis, OperatorStatus, Role,
};

use rusqlite::params;

use super::emit::Tx;
use super::{OpError, Reply, apply_operator, lifecycle, sql, writer_rows};

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

pub fn invite(tx: &mut Tx<'_>, req: &InviteRequest) -> Result<Reply, OpError> {
    if let (Some(operator_id), Some(client_id)) = (req.operator_id, &req.client_id) {
        let seen: Option<(i64, String)> = sql::row(
            tx.conn,
            "SELECT i.id, o.display_name FROM invitations i JOIN operators o ON o.id = i.operator_id
             WHERE i.operator_id = ? AND i.client_id = ?",
            params![operator_id, client_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
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
        let last: Option<Millis> = sql::one(
            tx.conn,
            "SELECT MAX(created_at) FROM invitations WHERE visitor_id = ? AND rule IS NOT NULL",
            [req.visitor_id],
        )?;
        if last.is_some_and(|at| tx.now - at < period) {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                "invited automatically within the period already",
            ));
        }
    }
    let operator = match req.operator_id {
        Some(id) => writer_rows::operator(tx.conn, id)?.ok_or_else(|| {
            OpError::new(ErrorCode::Unauthorized, "this operator account is gone")
        })?,
        None => least_loaded_online(tx)?.ok_or_else(|| {
            OpError::new(ErrorCode::InvalidState, "no operator is online to invite")
        })?,
    };
    let open: Option<i64> = sql::opt(
        tx.conn,
        "SELECT id FROM chats WHERE visitor_id = ? AND status IN ('waiting', 'active')",
        [req.visitor_id],
    )?;
    if open.is_some() {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("visitor {} is chatting already", req.visitor_id),
        )
        .because(ErrorReason::VisitorChatting));
    }
    let pending: Option<i64> = sql::opt(
        tx.conn,
        &format!("SELECT id FROM invitations WHERE visitor_id = ? AND {PENDING}"),
        [req.visitor_id],
    )?;
    if pending.is_some() {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!("visitor {} has an invitation pending", req.visitor_id),
        )
        .because(ErrorReason::InvitationPending));
    }
    let invitation_id: i64 = tx
        .conn
        .prepare_cached(
            "INSERT INTO invitations
                (visitor_id, operator_id, rule, text, client_id, created_at, shown_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )?
        .insert(params![
            req.visitor_id,
            operator.id,
            req.rule,
            req.text,
            req.client_id,
            tx.now,
            tx.now
        ])
        .map_err(|e| {
            if sql::is_foreign_key_violation(&e) {
                OpError::new(
                    ErrorCode::NotFound,
                    format!("no visitor {}", req.visitor_id),
                )
            } else {
                e.into()
            }
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
fn least_loaded_online(
    tx: &mut Tx<'_>,
) -> Result<Option<frontdesk_protocol::OperatorInfo>, OpError> {
    let id: Option<i64> = sql::opt(
        tx.conn,
        "SELECT o.id FROM operators o
         WHERE o.status = 'online' AND o.disabled = 0
         ORDER BY (SELECT COUNT(*) FROM chats c WHERE c.operator_id = o.id AND c.status = 'active'),
                  o.id
         LIMIT 1",
        [],
    )?;
    match id {
        Some(id) => writer_rows::operator(tx.conn, id),
        None => Ok(None),
    }
}

/// The visitor closed their pending invitation.
pub fn dismiss(tx: &mut Tx<'_>, visitor_id: i64, invitation_id: i64) -> Result<(), OpError> {
    let done = sql::exec(
        tx.conn,
        &format!(
            "UPDATE invitations SET dismissed_at = ? WHERE id = ? AND visitor_id = ? AND {PENDING}"
        ),
        params![tx.now, invitation_id, visitor_id],
    )?;
    if done == 0 {
        return Err(OpError::new(
            ErrorCode::NotFound,
            format!("no pending invitation {invitation_id}"),
        ));
    }
    Ok(())
}

/// The visitor left the site (or the server restarted) with invitations pending.
pub fn lapse(tx: &mut Tx<'_>, visitor_id: Option<i64>) -> Result<(), OpError> {
    // `?1` is the visitor (or NULL for everyone), `?2` the time.
    sql::exec(
        tx.conn,
        &format!(
            "UPDATE invitations SET lapsed_at = ?2 WHERE (?1 IS NULL OR visitor_id = ?1) AND {PENDING}"
        ),
        params![visitor_id, tx.now],
    )?;
    Ok(())
}

/// A chat the visitor just opened answers their pending invitation: it becomes the inviting
/// operator's at once (if they are still present), with the invitation's text as their first
/// message. Returns the chat as it is now.
pub fn answer(tx: &mut Tx<'_>, chat: Chat) -> Result<Chat, OpError> {
    let pending: Option<(i64, i64, String)> = sql::row(
        tx.conn,
        &format!(
            "SELECT id, operator_id, text FROM invitations WHERE visitor_id = ? AND {PENDING}
             ORDER BY id DESC LIMIT 1"
        ),
        [chat.visitor_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let Some((invitation_id, operator_id, text)) = pending else {
        return Ok(chat);
    };
    sql::exec(
        tx.conn,
        "UPDATE invitations SET answered_chat_id = ? WHERE id = ?",
        params![chat.id, invitation_id],
    )?;
    let Some(operator) = writer_rows::operator(tx.conn, operator_id)? else {
        return Ok(chat);
    };
    // An inviter who has gone offline since cannot answer: the chat waits like any other.
    if operator.status == OperatorStatus::Offline {
        return Ok(chat);
    }
    apply_operator::accept(tx, &chat, &operator, false)?;
    let chat = writer_rows::chat(tx.conn, chat.id)?.unwrap_or(Chat {
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
    )?;
    // No `first_response_at`: the invitation was written before the visitor said anything,
    // so it answers nothing; the inviter's next line is the first response.
    Ok(chat)
}
