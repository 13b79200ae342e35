//! The real `frontdesk` binary in a pseudo-terminal against a real in-process server, with
//! visitors on real WebSockets: one test binary, one module per scenario. Each test starts its
//! own server and data dirs, so the tests share code, never state, and run in any order.

#[path = "../common/mod.rs"]
mod common;
mod keys;
mod support;

mod basics;
mod canned;
mod card;
mod commands;
mod confirm;
mod earlier;
mod editor;
mod export;
mod export_set;
mod files;
mod focus;
mod help;
mod offline;
mod queue;
mod search_chats;
mod session;
mod slash;
mod snapshot;
mod stats;
mod team;
mod theme;
mod two_panes;
