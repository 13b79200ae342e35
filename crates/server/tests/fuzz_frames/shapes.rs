//! The frame types each socket takes and the fields each has: what the generator builds.

/// What a field holds, to generate mostly plausible values for it.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Id,
    Text,
    Int,
    Bool,
    Status,
    Rating,
    Form,
}

/// Every frame type a socket takes, with its fields (`true`: required). A test checks this
/// list against the protocol's, so a new frame type cannot go unfuzzed.
pub type Shape = (&'static str, &'static [(&'static str, Kind, bool)]);

pub const VISITOR: &[Shape] = &[
    (
        "hello",
        &[
            ("token", Kind::Id, false),
            ("site", Kind::Id, false),
            ("language", Kind::Id, false),
        ],
    ),
    (
        "page_view",
        &[
            ("id", Kind::Id, true),
            ("url", Kind::Text, true),
            ("title", Kind::Text, false),
            ("referrer", Kind::Text, false),
            ("search_query", Kind::Text, false),
        ],
    ),
    (
        "prechat",
        &[("id", Kind::Id, true), ("fields", Kind::Form, true)],
    ),
    (
        "identify",
        &[
            ("id", Kind::Id, true),
            ("customer_id", Kind::Text, true),
            ("hash", Kind::Id, true),
        ],
    ),
    (
        "start_chat",
        &[
            ("id", Kind::Id, true),
            ("text", Kind::Text, false),
            ("department", Kind::Id, false),
        ],
    ),
    (
        "message",
        &[("id", Kind::Id, true), ("text", Kind::Text, true)],
    ),
    ("typing", &[("draft", Kind::Text, true)]),
    ("close_chat", &[("id", Kind::Id, true)]),
    (
        "offline_message",
        &[
            ("id", Kind::Id, true),
            ("text", Kind::Text, true),
            ("name", Kind::Text, false),
            ("email", Kind::Text, false),
        ],
    ),
    (
        "history",
        &[
            ("id", Kind::Id, true),
            ("before", Kind::Int, false),
            ("limit", Kind::Int, false),
        ],
    ),
    (
        "rate_chat",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("rating", Kind::Rating, true),
            ("comment", Kind::Text, false),
        ],
    ),
    (
        "dismiss_invitation",
        &[("id", Kind::Id, true), ("invitation_id", Kind::Int, true)],
    ),
    (
        "seen",
        &[("id", Kind::Id, true), ("message_id", Kind::Int, true)],
    ),
    ("ping", &[]),
];

pub const OPERATOR: &[Shape] = &[
    (
        "hello",
        &[
            ("token", Kind::Id, true),
            ("since", Kind::Int, false),
            ("pack_ms", Kind::Int, false),
        ],
    ),
    (
        "accept",
        &[("id", Kind::Id, true), ("chat_id", Kind::Int, true)],
    ),
    (
        "message",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("text", Kind::Text, true),
        ],
    ),
    (
        "note",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("text", Kind::Text, true),
        ],
    ),
    (
        "transfer",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("to_operator", Kind::Int, true),
            ("note", Kind::Text, false),
        ],
    ),
    (
        "transfer_to_department",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("department", Kind::Id, true),
            ("note", Kind::Text, false),
        ],
    ),
    (
        "accept_transfer",
        &[("id", Kind::Id, true), ("chat_id", Kind::Int, true)],
    ),
    (
        "decline_transfer",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("reason", Kind::Text, false),
        ],
    ),
    (
        "close",
        &[("id", Kind::Id, true), ("chat_id", Kind::Int, true)],
    ),
    (
        "set_status",
        &[("id", Kind::Id, true), ("status", Kind::Status, true)],
    ),
    (
        "typing",
        &[("chat_id", Kind::Int, true), ("typing", Kind::Bool, true)],
    ),
    ("viewing", &[("chat_id", Kind::Int, false)]),
    (
        "history",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("before", Kind::Int, false),
            ("limit", Kind::Int, false),
        ],
    ),
    (
        "visitor_chats",
        &[
            ("id", Kind::Id, true),
            ("visitor_id", Kind::Int, true),
            ("before", Kind::Int, false),
            ("limit", Kind::Int, false),
        ],
    ),
    // Durations are mostly out of bounds here (a valid one by address would ban the
    // fuzzing visitors' address); tests/bans.rs covers bans that are made.
    (
        "ban",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("duration_secs", Kind::Int, true),
            ("reason", Kind::Text, true),
            ("by_ip", Kind::Bool, false),
        ],
    ),
    (
        "unban",
        &[("id", Kind::Id, true), ("ban_id", Kind::Int, true)],
    ),
    (
        "list_bans",
        &[("id", Kind::Id, true), ("before", Kind::Int, false)],
    ),
    (
        "whisper",
        &[
            ("id", Kind::Id, true),
            ("chat_id", Kind::Int, true),
            ("text", Kind::Text, true),
        ],
    ),
    (
        "team_message",
        &[
            ("id", Kind::Id, true),
            ("to_operator", Kind::Int, false),
            ("text", Kind::Text, true),
        ],
    ),
    (
        "team_history",
        &[
            ("id", Kind::Id, true),
            ("with_operator", Kind::Int, false),
            ("before", Kind::Int, false),
            ("limit", Kind::Int, false),
        ],
    ),
    ("watch_site", &[("on", Kind::Bool, true)]),
    (
        "invite",
        &[
            ("id", Kind::Id, true),
            ("visitor_id", Kind::Int, true),
            ("text", Kind::Text, true),
        ],
    ),
    (
        "site_card",
        &[("id", Kind::Id, true), ("visitor_id", Kind::Int, true)],
    ),
    ("ping", &[]),
];
