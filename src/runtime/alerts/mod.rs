//! The alert channels: the outlet takes the [`crate::notify::Notice`]s `update` returns and
//! sends each down its channels — the desktop thread (notify-rust), the hook command, and the
//! bell, OSC notifications and title on the terminal.

pub mod desktop;
pub mod hook;
pub mod outlet;
pub mod terminal;
#[cfg(test)]
mod tests;

pub use outlet::Outlet;
