//! Wire protocol v1 shared by the Frontdesk server, the console and (as JSON) the widget.
//!
//! Every frame is a JSON object tagged by `type` and carrying the protocol version `v`.
//! Four directions, four enums: [`VisitorIn`] / [`VisitorOut`] on the visitor socket,
//! [`OperatorIn`] / [`OperatorOut`] on the operator socket. Stored events (the things an
//! operator replays after a reconnect) are [`EventBody`] values inside [`OperatorOut::Event`].
//! docs/protocol.md shows every frame with an example; a test parses all of them.

mod ban;
mod codec;
mod error;
mod error_reason;
mod event;
mod mail;
mod model;
mod operator;
mod posted;
mod replies;
pub mod rest;
pub mod search;
mod site;
pub mod stats;
pub mod transcript;
mod visitor;
mod visitor_message;

pub use ban::{Ban, MAX_BAN_REASON_CHARS, MAX_BAN_SECS, MAX_BANS_PAGE, MIN_BAN_SECS};
pub use codec::{DecodeError, decode, encode};
pub use error::ErrorCode;
pub use error_reason::ErrorReason;
pub use event::EventBody;
pub use mail::{MailDelivery, MailStatus};
pub use model::*;
pub use operator::{AwayChat, OperatorIn, OperatorOut};
pub use posted::decode_operator_out;
pub use replies::Replies;
pub use site::SiteVisitor;
pub use visitor::{SystemEvent, VisitorIn, VisitorOut};
pub use visitor_message::decode_visitor_in;

/// The protocol version this build speaks. A frame with another `v` is refused.
pub const PROTOCOL_VERSION: u16 = 1;

/// Longest client-generated command id accepted.
pub const MAX_CLIENT_ID_LEN: usize = 64;
