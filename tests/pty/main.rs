//! The real `frontdesk` binary in a pseudo-terminal against a real in-process server, with
//! visitors on real WebSockets: one test binary, one module per scenario. Each test starts its
//! own server and data dirs, so the tests share code, never state, and run in any order.

#[path = "../common/mod.rs"]
mod common;
mod keys;
// The SMTP server the server's e-mail tests start (aiosmtpd), shared as source.
#[allow(dead_code)]
#[path = "../../crates/server/tests/common/smtp.rs"]
mod smtp;
mod support;

mod awkward_keys;
mod basics;
mod canned;
mod card;
mod commands;
mod confirm;
mod earlier;
mod echo;
mod editor;
mod export;
mod export_set;
mod files;
mod focus;
mod hangup;
mod help;
mod next_waiting;
mod offline;
mod offline_mail;
mod queue;
mod refusals;
mod search_chats;
mod session;
mod site;
mod slash;
mod snapshot;
mod stats;
mod team;
mod theme;
mod two_panes;
mod writing;
