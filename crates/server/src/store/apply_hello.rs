//! A visitor's `hello`: who they are (a known token, or a new identity) and what the server
//! learns of them on connecting.

use rusqlite::params;

use super::apply_visitor::open_chat;
use super::emit::Tx;
use super::{OpError, VisitorIdentity, bans, sql, visits};
use crate::auth::{hash_token, new_token};
use frontdesk_protocol::ErrorCode;

/// What the server learns about a visitor when it connects.
pub struct Seen<'a> {
    pub site: &'a Option<String>,
    pub language: &'a Option<String>,
    pub user_agent: &'a Option<String>,
    pub ip: &'a Option<String>,
    pub city: &'a Option<String>,
    pub region: &'a Option<String>,
}

/// The visitor `token` names, or a new one when `may_create`.
pub fn hello(
    tx: &mut Tx<'_>,
    token: Option<&str>,
    seen: &Seen<'_>,
    may_create: bool,
) -> Result<VisitorIdentity, OpError> {
    let known: Option<i64> = match token {
        Some(t) => sql::opt(
            tx.conn,
            "SELECT id FROM visitors WHERE token_hash = ?",
            [hash_token(t)],
        )?,
        None => None,
    };
    // A banned token, or any token (or none) from a banned network, gets no identity.
    bans::refuse_if_banned(tx, known, seen.ip.as_deref())?;
    let (visitor_id, token) = match (known, token) {
        (Some(id), Some(t)) => {
            sql::exec(
                tx.conn,
                "UPDATE visitors SET
                    language = COALESCE(?, language), user_agent = COALESCE(?, user_agent),
                    ip = COALESCE(?, ip), city = COALESCE(?, city), region = COALESCE(?, region)
                 WHERE id = ?",
                params![
                    seen.language,
                    seen.user_agent,
                    seen.ip,
                    seen.city,
                    seen.region,
                    id
                ],
            )?;
            visits::active(tx, id)?;
            (id, t.to_owned())
        }
        _ if !may_create => {
            return Err(OpError::new(
                ErrorCode::NotFound,
                "no visitor has this token",
            ));
        }
        // No token, or one we do not know (e.g. the database was replaced): a new identity.
        _ => {
            let token = new_token();
            let id: i64 = sql::insert(
                tx.conn,
                "INSERT INTO visitors
                    (token_hash, site, language, user_agent, ip, city, region, first_seen, last_seen)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params![
                    hash_token(&token),
                    seen.site,
                    seen.language,
                    seen.user_agent,
                    seen.ip,
                    seen.city,
                    seen.region,
                    tx.now,
                    tx.now
                ],
            )?;
            (id, token)
        }
    };
    let open_chat = open_chat(tx, visitor_id)?.map(|c| (c.id, c.status));
    Ok(VisitorIdentity {
        visitor_id,
        token,
        open_chat,
    })
}
