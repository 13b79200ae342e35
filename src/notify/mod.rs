//! What alerts are made of, shared by the decision core (`app::alerts`) and the channels that
//! deliver them (`runtime::alerts`): desktop notifications, the terminal bell, an unread count
//! in the title, OSC 9 / OSC 777 terminal notifications, and a hook command.
//!
//! - `rules` — the `[notifications]` section of `config.toml`.
//! - `notice` — what the core takes in (`Signal`) and gives out (`Notice`).
//! - `text` — summaries and bodies: sanitized names and first words, cut with `…`.

pub mod notice;
pub mod rules;
#[cfg(test)]
mod tests;
pub mod text;

pub use notice::{Alert, HookEvent, Notice, Signal};
pub use rules::{Channel, Kind, NotificationsConfig};
