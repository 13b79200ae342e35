//! Sending an invitation: checked against the site presence, stored by the writer, then shown
//! on every socket of the visitor. Used by the operator's `invite` and by automatic rules.

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, VisitorOut, encode};

use super::PendingInvitation;
use crate::hub::{Hub, VisitorPush};
use crate::store::{Cmd, InviteRequest, Invited, OpError, Reply, Store};

/// Stores the invitation and shows it; refused when the visitor is not on the site, chats,
/// or has one pending (the writer checks the last two again in its transaction).
pub async fn send(hub: &Hub, store: &Store, request: InviteRequest) -> Result<Invited, OpError> {
    let visitor_id = request.visitor_id;
    match hub.site.presence(visitor_id) {
        None => {
            return Err(OpError::new(
                ErrorCode::NotFound,
                format!("visitor {visitor_id} is not on the site"),
            ));
        }
        Some((true, _)) => {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                format!("visitor {visitor_id} is chatting already"),
            ));
        }
        Some((_, true)) if request.client_id.is_none() => {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                format!("visitor {visitor_id} has an invitation pending"),
            ));
        }
        Some(_) => {}
    }
    let text = request.text.clone();
    let invited = match store.run(Cmd::Invite(Box::new(request))).await? {
        Reply::Invited(invited) => invited,
        _ => return Err(OpError::new(ErrorCode::Internal, "unexpected answer")),
    };
    if !invited.repeated {
        hub.site.invited(
            visitor_id,
            PendingInvitation {
                id: invited.invitation_id,
                text: text.clone(),
                operator_name: invited.operator_name.clone(),
            },
        );
        hub.push_visitor(
            visitor_id,
            frame(invited.invitation_id, text, &invited.operator_name),
        );
    }
    Ok(invited)
}

/// The visitor frame of an invitation.
pub fn frame(invitation_id: i64, text: String, operator_name: &str) -> Arc<VisitorPush> {
    Arc::new(VisitorPush {
        seq: None,
        frame: Arc::from(encode(&VisitorOut::Invitation {
            invitation_id,
            text,
            operator_name: operator_name.to_owned(),
        })),
        close: false,
    })
}
