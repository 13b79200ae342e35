//! Canned replies: prepared answers the operator fires with a hotkey, a fuzzy picker or
//! `/shortcut` in the reply box. The file format is in docs/canned_replies.md.
//!
//! - `format` — one reply file (TOML front matter between `+++` lines, then the body) to a [`Reply`]
//! - `shipped` — the library that ships in `canned_replies/`, embedded in the binary
//! - `library` — loading a folder, merging the user's library over the shipped one, choosing
//!   a reply's language
//! - `fill` — placeholders (`{visitor.name}`, …) filled from the chat, gaps where a value is missing
//! - `rank` — the picker's order: where the query words are found, then use count
//! - `usage` — how often this operator used each reply, kept in the data dir
//! - `check` — `frontdesk canned check`: every problem of a library as `file:line: message`
//!
//! Pure library code: what the console keeps about canned replies is `app::state::canned`,
//! what firing one does is `app::update::canned`, and loading, watching and saving at the
//! edges is `runtime::canned`.

pub mod check;
pub mod fill;
pub mod format;
pub mod library;
pub mod rank;
pub mod shipped;
pub mod usage;

pub use format::{Problem, Reply};
pub use library::{Library, Loaded};

/// The folder of the user's replies inside the config dir (and of the shipped ones in the
/// source tree): `ru/…md`, `en/…md`.
pub const DIR: &str = "canned_replies";
