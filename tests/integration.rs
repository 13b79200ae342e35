//! The console's integration tests in one binary (one link instead of one per file): each module
//! is one file beside this one, sharing `common/`. Run one with
//! `cargo test --test integration <module>`. Binaries of their own: `pty/` (the console in a
//! pseudo-terminal), `notify_dbus/` and `tail/` (folders of modules), and `wss.rs`, which sets
//! an environment variable while it runs.

mod common;

mod architecture;
mod autostart;
mod canned_cli;
mod canned_spelling;
mod cli;
mod completions;
mod demo;
mod demo_returning;
mod export;
mod net;
mod run_loop;
mod search;
mod stats_cli;
mod test_files;
