//! The identity behind a visitor socket: the visitor its token names, or a new one. New
//! identities are limited per network (`new_visitors_per_ip_per_min`), or one script could
//! fill the database with visitors; a visitor presenting a token we know is never new. An
//! unknown token (made up, or of a visitor since forgotten) counts as new.

use std::net::IpAddr;

use frontdesk_protocol::{ErrorCode, VisitorOut, encode};

use super::AppState;
use crate::store::{Cmd, Reply, VisitorIdentity};

/// Why a hello got no identity: the frame to send, then the close code and reason.
pub struct Refused {
    pub frame: String,
    pub close_code: u16,
    pub reason: &'static str,
}

fn refused(code: ErrorCode, message: String, retry_after_ms: Option<u64>) -> Refused {
    let (close_code, reason) = match code {
        ErrorCode::RateLimited => (1013, "try again later"),
        _ => (1011, "internal error"),
    };
    Refused {
        frame: encode(&VisitorOut::Error {
            id: None,
            code,
            message,
            retry_after_ms,
        }),
        close_code,
        reason,
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
            Ok(_) | Err(_) => return Err(internal()),
        }
    }
    if let Err(wait) = app.limits.check_new_visitor(ip) {
        let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX).max(1);
        let message = format!(
            "too many new visitors from your network: at most {} a minute; try again in {} s",
            app.config.limits.new_visitors_per_ip_per_min,
            ms.div_ceil(1000)
        );
        return Err(refused(ErrorCode::RateLimited, message, Some(ms)));
    }
    if let Cmd::VisitorHello { may_create, .. } = &mut hello {
        *may_create = true;
    }
    match app.store.run(hello).await {
        Ok(Reply::Visitor(identity)) => Ok(identity),
        Ok(_) | Err(_) => Err(internal()),
    }
}

fn internal() -> Refused {
    refused(ErrorCode::Internal, "try again".into(), None)
}
