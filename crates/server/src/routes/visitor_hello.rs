//! The identity behind a visitor socket: the visitor its token names, or a new one. New
//! identities are limited per network (`new_visitors_per_ip_per_min`), or one script could
//! fill the database with visitors; a visitor presenting a token we know is never new. An
//! unknown token (made up, or of a visitor since forgotten) counts as new.

use std::net::IpAddr;

use frontdesk_protocol::{ErrorCode, VisitorOut};

use super::AppState;
use super::answers::{error_frame, rate_limited_frame, wait_ms};
use crate::store::{BANNED_MESSAGE, Cmd, Reply, VisitorIdentity};

/// Why a hello got no identity: the frame to send, then the close code and reason.
pub struct Refused {
    pub frame: String,
    pub close_code: u16,
    pub reason: &'static str,
}

/// A banned visitor (or network): told so, and the socket closes for good.
fn banned() -> Refused {
    Refused {
        frame: error_frame::<VisitorOut>(None, ErrorCode::Banned, BANNED_MESSAGE),
        close_code: 1008,
        reason: "banned",
    }
}

fn internal() -> Refused {
    Refused {
        frame: error_frame::<VisitorOut>(None, ErrorCode::Internal, "try again"),
        close_code: 1011,
        reason: "internal error",
    }
}

/// Runs `hello` (a `Cmd::VisitorHello`) through the writer: first as "known visitors only"
/// when it has a token, then, if the limit allows, as a new identity.
pub async fn identify(
    app: &AppState,
    ip: IpAddr,
    mut hello: Cmd,
) -> Result<VisitorIdentity, Refused> {
    let Cmd::VisitorHello {
        token, may_create, ..
    } = &mut hello
    else {
        return Err(internal());
    };
    if token.is_some() {
        *may_create = false;
        match app.store.run(hello.clone()).await {
            Ok(Reply::Visitor(identity)) => return Ok(identity),
            Err(e) if e.code == ErrorCode::NotFound => {}
            Err(e) if e.code == ErrorCode::Banned => return Err(banned()),
            Ok(_) | Err(_) => return Err(internal()),
        }
    }
    if let Err(wait) = app.limits.check_new_visitor(ip) {
        let message = format!(
            "too many new visitors from your network: at most {} a minute; try again in {} s",
            app.config.limits.new_visitors_per_ip_per_min,
            wait_ms(wait).div_ceil(1000)
        );
        return Err(Refused {
            frame: rate_limited_frame::<VisitorOut>(None, message, wait),
            close_code: 1013,
            reason: "try again later",
        });
    }
    if let Cmd::VisitorHello { may_create, .. } = &mut hello {
        *may_create = true;
    }
    match app.store.run(hello).await {
        Ok(Reply::Visitor(identity)) => Ok(identity),
        Err(e) if e.code == ErrorCode::Banned => Err(banned()),
        Ok(_) | Err(_) => Err(internal()),
    }
}
