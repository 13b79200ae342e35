//! What a visitor's frame asks for, after `hello`: answered at once (ping, typing), read
//! (history), or handed to the writer as a command of the visitor's own chat.

use std::sync::Arc;
use std::time::Duration;

use frontdesk_protocol::{
    ErrorCode, MAX_CUSTOMER_ID_CHARS, MAX_RATING_COMMENT_CHARS, OperatorOut, PrechatFields,
    VisitorIn, VisitorOut, decode_visitor_in, encode,
};
use tokio::time::Instant;

use super::AppState;
use super::answers::{self, Pending, error_frame, rate_limited_frame, read_failed, submit};
use super::socket::{
    MAX_EXTRA_FIELDS, MAX_FIELD_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, already_said_hello, bound,
    bound_opt, check_text, read_command,
};
use super::visitor_ws::Peer;
use crate::config::IdentityError;
use crate::limits::Scope;
use crate::store::{ClientCommand, Cmd, VisitorAction};

/// Typing frames closer together than this are dropped (the widget throttles anyway).
const TYPING_GAP: Duration = Duration::from_millis(100);

pub(super) async fn handle(
    app: &Arc<AppState>,
    peer: &Peer,
    visitor_id: i64,
    text: &str,
    pending: &mut Pending,
    last_typing: &mut Option<Instant>,
) -> Option<String> {
    let limits = &app.config.limits;
    let (frame, hash) = match read_command::<_, VisitorOut>(text, limits, decode_visitor_in) {
        Ok(read) => read,
        Err(refused) => return Some(refused),
    };
    // A customer's hash, checked once the command has passed the rate limit (so hashes cannot
    // be tried faster than any command).
    let mut vouched_by = None;
    let (client_id, action) = match frame {
        VisitorIn::Hello { .. } => return Some(already_said_hello::<VisitorOut>()),
        VisitorIn::Ping => return Some(encode(&VisitorOut::Pong)),
        VisitorIn::Typing { draft } => {
            if last_typing.is_none_or(|t| t.elapsed() >= TYPING_GAP) {
                *last_typing = Some(Instant::now());
                // The draft goes where the chat's messages go (`store/audience.rs`).
                if let Ok(Some((chat_id, readers))) = app.store.open_chat_readers(visitor_id).await
                {
                    let draft = bound(&draft, limits.max_message_chars);
                    let frame = encode(&OperatorOut::VisitorTyping { chat_id, draft });
                    app.hub.to_readers(readers, frame);
                }
            }
            return None;
        }
        VisitorIn::History { id, before, limit } => {
            let app = app.clone();
            pending.push_back(Box::pin(async move {
                match app.store.visitor_history(visitor_id, before, limit).await {
                    Ok((messages, more)) => encode(&VisitorOut::History { id, messages, more }),
                    Err(e) => read_failed::<VisitorOut>(id, e),
                }
            }));
            return None;
        }
        VisitorIn::PageView {
            id,
            url,
            title,
            referrer,
            search_query,
        } => (
            id,
            VisitorAction::PageView {
                url: bound(&url, MAX_URL_CHARS),
                title: bound_opt(title.as_deref(), MAX_TITLE_CHARS),
                referrer: bound_opt(referrer.as_deref(), MAX_URL_CHARS),
                search_query: bound_opt(search_query.as_deref(), MAX_TITLE_CHARS),
            },
        ),
        VisitorIn::Prechat { id, fields } => (id, VisitorAction::Prechat(bound_fields(fields))),
        VisitorIn::Identify {
            id,
            customer_id,
            hash,
        } => {
            if let Err(message) = check_customer_id(&customer_id) {
                return Some(error_frame::<VisitorOut>(
                    Some(id),
                    ErrorCode::InvalidFrame,
                    message,
                ));
            }
            vouched_by = Some(hash);
            (id, VisitorAction::Identify(customer_id))
        }
        VisitorIn::StartChat {
            id,
            text,
            department,
        } => {
            if let Some(t) = text.as_deref().filter(|t| !t.trim().is_empty())
                && let Err((code, message)) = check_text(t, limits)
            {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            let department = bound_opt(department.as_deref(), MAX_TITLE_CHARS);
            (id, VisitorAction::StartChat { text, department })
        }
        VisitorIn::Message { id, text } => {
            if let Err((code, message)) = check_text(&text, limits) {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            (id, VisitorAction::Message(text))
        }
        VisitorIn::CloseChat { id } => (id, VisitorAction::Close),
        VisitorIn::RateChat {
            id,
            chat_id,
            rating,
            comment,
        } => {
            // A blank comment is none; a long one is cut, as the form's fields are.
            let comment = comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let comment = bound_opt(comment, MAX_RATING_COMMENT_CHARS);
            (
                id,
                VisitorAction::Rate {
                    chat_id,
                    rating,
                    comment,
                },
            )
        }
        VisitorIn::Seen { id, message_id } => (id, VisitorAction::Seen(message_id)),
        VisitorIn::DismissInvitation { id, invitation_id } => {
            (id, VisitorAction::DismissInvitation(invitation_id))
        }
        VisitorIn::OfflineMessage {
            id,
            text,
            name,
            email,
        } => {
            if let Err((code, message)) = check_text(&text, limits) {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            let name = bound_opt(name.as_deref(), MAX_FIELD_CHARS);
            let email = bound_opt(email.as_deref(), MAX_FIELD_CHARS);
            (id, VisitorAction::Offline { text, name, email })
        }
    };
    // Only commands count against the rate: pings and typing are cheap and not stored.
    if let Err((scope, wait)) = app.limits.check(visitor_id, peer.ip) {
        let message = match scope {
            Scope::Visitor => format!(
                "too many messages: at most {} per second; wait a moment",
                limits.visitor_messages_per_sec
            ),
            Scope::Address => format!(
                "too many messages from your network: at most {} per second; wait a moment",
                limits.ip_messages_per_sec
            ),
        };
        return Some(rate_limited_frame::<VisitorOut>(
            Some(client_id),
            message,
            wait,
        ));
    }
    if let (VisitorAction::Identify(customer_id), Some(hash)) = (&action, &vouched_by)
        && let Err(e) = app.config.identity.verify(customer_id, hash)
    {
        let code = match e {
            IdentityError::NotConfigured => ErrorCode::Forbidden,
            IdentityError::Mismatch => ErrorCode::Unauthorized,
        };
        // Debug only: a visitor could fill the log at the command rate.
        tracing::debug!(visitor_id, "identify refused: {e}");
        return Some(error_frame::<VisitorOut>(
            Some(client_id),
            code,
            e.to_string(),
        ));
    }
    let dismiss = matches!(action, VisitorAction::DismissInvitation(_));
    let command = Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: client_id.clone(),
        body_hash: hash,
        action,
    });
    if dismiss {
        // The on-site list shows the invitation gone once it is recorded.
        let app = app.clone();
        pending.push_back(Box::pin(async move {
            let answer = app.store.run(command).await;
            if answer.is_ok() {
                app.hub.site.invitation_closed(visitor_id);
            }
            answers::answer_frame::<VisitorOut>(client_id, answer)
        }));
        return None;
    }
    submit::<VisitorOut>(pending, app, client_id, command);
    None
}

/// A customer id is signed as it is, so it is refused rather than cut: empty, longer than
/// [`MAX_CUSTOMER_ID_CHARS`], or with control characters.
fn check_customer_id(customer_id: &str) -> Result<(), String> {
    let chars = customer_id.chars().count();
    if chars == 0 || chars > MAX_CUSTOMER_ID_CHARS {
        return Err(format!(
            "customer_id has {chars} characters; 1 to {MAX_CUSTOMER_ID_CHARS} are taken"
        ));
    }
    if customer_id.chars().any(char::is_control) {
        return Err("customer_id has control characters".into());
    }
    Ok(())
}

/// Bounds every pre-chat field and the number of site-defined ones.
fn bound_fields(fields: PrechatFields) -> PrechatFields {
    PrechatFields {
        name: bound_opt(fields.name.as_deref(), MAX_FIELD_CHARS),
        email: bound_opt(fields.email.as_deref(), MAX_FIELD_CHARS),
        phone: bound_opt(fields.phone.as_deref(), MAX_FIELD_CHARS),
        department: bound_opt(fields.department.as_deref(), MAX_FIELD_CHARS),
        extra: fields
            .extra
            .into_iter()
            .take(MAX_EXTRA_FIELDS)
            .map(|(k, v)| (bound(&k, 64), bound(&v, MAX_FIELD_CHARS)))
            .collect(),
    }
}
