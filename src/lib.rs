//! Frontdesk: a terminal operator console for website live chat.
//!
//! `main.rs` is a thin CLI over [`cli::main`]; the demo and the tests start the console with
//! [`run_console`]. Module map: `app` (state + pure update), `ui` (pure rendering), `net`
//! (WebSocket task, REST), `run` (the loop), `screen` (frames to the terminal), `keymap`,
//! `sanitize`, `tui`, `session`, `paths`.

// Standard error may be gone (a closed terminal, `2>&-`): `eprintln!` then panics. Lines for
// it go through `stderr::line`, which lets the failure go.
#![warn(clippy::print_stderr)]

pub mod action;
pub mod app;
pub mod autostart;
pub mod canned;
pub mod cli;
pub mod config;
pub mod demo;
pub mod downloads;
pub mod export;
pub mod file_problems;
pub mod i18n;
pub mod keymap;
pub mod logging;
pub mod net;
pub mod notify;
pub mod pace;
pub mod paths;
pub mod run;
pub mod runtime;
pub mod sanitize;
pub mod screen;
pub mod search_cli;
pub mod session;
pub mod stats_cli;
pub mod stderr;
pub mod tail;
pub mod theme_file;
pub mod tui;
pub mod ui;
pub mod useragent;
pub mod when;
pub mod writing;

pub use run::run_console;

/// What the console needs to start: where, as whom, where to keep files, and an optional line
/// for the status bar and help (the demo shows its widget page address there).
#[derive(Debug, Clone)]
pub struct ConsoleOptions {
    pub server_url: String,
    pub token: String,
    pub operator_name: String,
    pub data_dir: std::path::PathBuf,
    pub banner: Option<String>,
}
