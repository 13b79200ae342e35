//! `frontdesk tail`, the real binary against a real server: ordered and sanitised lines, JSON
//! Lines, filters, history from `--since`, a closed pipe, signals, and resuming across a server
//! killed with SIGKILL and started again on the same database. One test binary, a module per
//! concern; each test starts its own server and data dirs.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod lines;
mod process;
mod restart;
mod since;
