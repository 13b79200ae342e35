//! Plain application state and the pure `update` that changes it.
//!
//! Nothing here does I/O or knows about the terminal backend or the socket: the loop in
//! `run.rs` feeds [`Event`]s in and carries the returned [`Effect`]s out.

pub mod alerts;
pub mod cues;
pub mod effect;
pub mod event;
pub mod geometry;
pub mod help;
pub mod list;
pub mod queue;
pub mod search;
pub mod site;
pub mod state;
pub mod stats;
mod update;
pub mod wrap;

pub use crate::action::Action;
pub use effect::Effect;
pub use event::{Connection, EditorFailure, Event};
pub use state::{Confirm, Focus, KeyContext, SavedLayout, State};
pub use update::update;
