//! Alerts that make a chat impossible to miss and easy to quiet: desktop notifications
//! (notify-rust, on a thread of their own), the terminal bell, an unread count in the title,
//! OSC 9 / OSC 777 terminal notifications, and a hook command.
//!
//! - `rules` — the `[notifications]` section of `config.toml`.
//! - `notice` — what the core takes in (`Signal`) and gives out (`Notice`).
//! - `decide` — the pure core: server events and the clock in, [`Notice`]s out; grouping,
//!   repeats, first-response warnings, do-not-disturb and quiet hours. Called by `app::update`.
//! - `text` — summaries and bodies: sanitized names and first words, cut with `…`.
//! - `outlet` — the loop's side: sends each notice down its channels, keeps the title.
//! - `desktop`, `hook`, `terminal` — the channels.

pub mod decide;
pub mod desktop;
pub mod hook;
pub mod notice;
pub mod outlet;
pub mod rules;
pub mod terminal;
#[cfg(test)]
mod tests;
pub mod text;

pub use decide::Notifier;
pub use notice::{Alert, HookEvent, Notice, Signal};
pub use outlet::Outlet;
pub use rules::{Channel, Kind, NotificationsConfig};
