//! The server's integration tests in one binary (one link instead of one per file): each
//! module is one file beside this one, sharing `common/`. Run one with
//! `cargo test -p frontdesk-server --test integration <module>`. `fuzz_frames/` stays a binary
//! of its own: it measures its process's memory, which other tests would disturb.

mod common;

mod accounts_told;
mod bad_input;
mod bans;
mod chat_flow;
mod chat_starts;
mod colleague_typing;
mod collision;
mod config_docs;
mod connection_limits;
mod customer_identity;
mod durability;
mod event_seq;
mod files;
mod http_answers;
mod login_log;
mod login_throttle;
mod mail_durability;
mod mail_relay;
mod note_rights;
mod offline_mail;
mod offline_reply;
mod open_file_limit;
mod operator_accounts;
mod packed_burst;
mod presence;
mod pruning;
mod queue_view;
mod quiet_close;
#[path = "read_rights/main.rs"]
mod read_rights;
mod release;
mod resume;
mod routing;
mod search;
mod search_period;
mod server_process;
mod site;
mod site_card;
mod slow_visitor;
mod snapshot_bounds;
#[path = "stats/main.rs"]
mod stats;
mod team_chat;
mod transcripts;
mod transfers;
mod unkept_files;
mod visitor_frame_rate;
mod visitor_identity;
mod visitor_on_site;
mod visitor_record;
mod visitor_seen;
mod watch_socket;
mod widget_attention;
mod widget_browser;
mod widget_contact;
mod widget_routes;
mod widget_settings;
mod writer_batches;
