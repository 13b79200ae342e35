//! The console's edges, used only by the loop (`run.rs`): everything here does I/O, and what it
//! loads or hears reaches the state as an [`crate::app::Event`] through the loop, never by
//! calling `update` or touching the state itself. The network task (`net`) is the other edge.
//!
//! - `alerts` — delivers notices: desktop notifications, the hook, bell/OSC/title.
//! - `canned` — loads the canned library and use counts at start, binds reply hotkeys,
//!   watches the user's folder, writes the counts.
//! - `watch` — the file watcher behind the canned library's hot reload.
//! - `editor` — lends the terminal to `$VISUAL`/`$EDITOR` for a long reply.
//! - `layout_file`, `drafts_file` — the pane layout and unsent drafts kept in the data dir.
//! - `latest` — a thread that writes such a file (drafts, use counts), newest version last.
//! - `low_priority` — a thread for heavy work nobody waits for (the dictionaries), nice +10.
//! - `transcript` — the export key's REST fetch and the file it writes.
//! - `side_reads` — which effects are REST reads beside the socket, and the events their
//!   answers become.
//! - `settings` — the keymap, `config.toml` and `theme.toml`, read once before the loop
//!   starts; their problems go into the initial state as a notice (the one place here that
//!   writes the state, as it does not exist as a loop yet).

pub mod alerts;
pub mod canned;
pub mod drafts_file;
pub mod editor;
pub mod latest;
pub mod layout_file;
pub mod low_priority;
pub mod path_completion;
pub mod settings;
pub mod side_reads;
pub mod transcript;
pub mod watch;
pub mod writing;

/// What loads beside the loop and reaches it as events: the canned library (at start and on
/// changes), the spelling dictionaries (once, in the background) and suggestions.
pub struct Loaders {
    pub canned: canned::Runtime,
    pub writing: writing::Runtime,
}
