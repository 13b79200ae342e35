//! Canned replies: prepared answers the operator fires with a hotkey, a fuzzy picker or
//! `/shortcut` in the reply box. The file format is in docs/canned_replies.md.
//!
//! - `format` — one reply file (TOML front matter between `+++` lines, then the body) to a [`Reply`]
//! - `shipped` — the library that ships in `canned_replies/`, embedded in the binary
//! - `library` — loading a folder, merging the user's library over the shipped one, choosing
//!   a reply's language
//! - `fill` — placeholders (`{visitor.name}`, …) filled from the chat, gaps where a value is missing
//! - `rank` — the picker's order: fuzzy score (nucleo), then use count
//! - `usage` — how often this operator used each reply, kept in the data dir
//! - `watch` — reloads the user library when its files change
//! - `check` — `frontdesk canned check`: every problem of a library as `file:line: message`
//! - `state` — what the console keeps: the library, counts, the open picker
//! - `runtime` — the loop's side: loading at start, hotkeys, the watcher, saving counts
//!
//! What firing a reply does to the console's state is in `app::update::canned`.

pub mod check;
pub mod fill;
pub mod format;
pub mod library;
pub mod rank;
pub mod runtime;
pub mod shipped;
pub mod state;
pub mod usage;
pub mod watch;

pub use format::{Problem, Reply};
pub use library::{Library, Loaded};
pub use state::{CannedState, Picker};

/// The folder of the user's replies inside the config dir (and of the shipped ones in the
/// source tree): `ru/…md`, `en/…md`.
pub const DIR: &str = "canned_replies";
