//! One event as tail prints it: the facts both formats share, and a short text. The text is
//! raw here (it may hold anything a visitor typed); each format makes it safe its own way.

use frontdesk_protocol::{
    EventBody, MailDelivery, Message, MessageKind, Millis, OperatorRole, OperatorStatus, Role, Seq,
};

use crate::i18n::TailWords;

use super::picture::{Facts, Picture};

/// Longest text kept on a line, in characters; the full text is in the JSON `event`.
pub const TEXT_CHARS: usize = 300;

#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub seq: Seq,
    pub ts: Millis,
    pub kind: &'static str,
    pub facts: Facts,
    /// The operator the event is about, by login (see [`operator_ids`]).
    pub operator: Option<String>,
    /// Every operator the event names, and the chat's operator.
    pub operator_ids: Vec<i64>,
    pub text: String,
    pub event: &'a EventBody,
}

impl<'a> Line<'a> {
    pub fn new(
        seq: Seq,
        ts: Millis,
        event: &'a EventBody,
        facts: Facts,
        picture: &Picture,
        words: &TailWords,
    ) -> Self {
        let mut operator_ids = operators_named(event);
        let main = operator_ids.first().copied().or(facts.chat_operator);
        if let Some(id) = facts.chat_operator.filter(|id| !operator_ids.contains(id)) {
            operator_ids.push(id);
        }
        Self {
            seq,
            ts,
            kind: event.kind(),
            operator: main.map(|id| login_or_id(picture, id)),
            operator_ids,
            text: text(event, picture, words),
            facts,
            event,
        }
    }
}

fn login_or_id(picture: &Picture, id: i64) -> String {
    picture
        .login(id)
        .map_or_else(|| format!("#{id}"), str::to_owned)
}

/// The operators an event names, the one who acted first.
fn operators_named(event: &EventBody) -> Vec<i64> {
    match event {
        EventBody::ChatAccepted { operator_id, .. }
        | EventBody::ChatTransferDeclined { operator_id, .. }
        | EventBody::OperatorStatusChanged { operator_id, .. }
        | EventBody::OperatorDisabled { operator_id }
        | EventBody::VisitorUnbanned { operator_id, .. } => vec![*operator_id],
        EventBody::ChatTransferOffered {
            from_operator_id,
            to_operator_id,
            ..
        }
        | EventBody::ChatTransferred {
            from_operator_id,
            to_operator_id,
            ..
        } => vec![*from_operator_id, *to_operator_id],
        EventBody::ChatRequeued {
            from_operator_id, ..
        } => vec![*from_operator_id],
        EventBody::ChatReleased { operator_id, .. } => vec![*operator_id],
        EventBody::OperatorChanged { operator } => vec![operator.id],
        EventBody::ChatClosed { operator_id, .. } => operator_id.iter().copied().collect(),
        EventBody::MessagePosted { message } => message.author.operator_id.into_iter().collect(),
        EventBody::VisitorBanned { ban } => vec![ban.operator_id],
        EventBody::TeamMessagePosted { message } => {
            let mut ids = vec![message.from_operator_id];
            ids.extend(message.to_operator_id);
            ids
        }
        _ => Vec::new(),
    }
}

/// A few words on what happened.
fn text(event: &EventBody, picture: &Picture, w: &TailWords) -> String {
    let who = |id: i64| login_or_id(picture, id);
    let with_note = |head: String, note: &Option<String>| match note {
        Some(note) => format!("{head}: {note}"),
        None => head,
    };
    let moved = |pattern: &str, from: i64, to: i64| {
        pattern
            .replace("{from}", &who(from))
            .replace("{to}", &who(to))
    };
    match event {
        EventBody::PageViewed { page, .. } => match &page.title {
            Some(title) => format!("{} \"{title}\"", page.url),
            None => page.url.clone(),
        },
        EventBody::VisitorUpdated { visitor } => {
            let f = &visitor.fields;
            let parts: Vec<&str> = [&f.name, &f.email, &f.phone]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let head = w.visit.replace("{visits}", &visitor.visits.to_string());
            format!("{head}{}", parts.join(", "))
        }
        EventBody::ChatCreated { chat, .. } => match chat.status {
            frontdesk_protocol::ChatStatus::Offline => w.offline_message.to_owned(),
            _ => w.new_chat.to_owned(),
        },
        EventBody::ChatAccepted {
            operator_name,
            routed,
            ..
        } => {
            let how = if *routed { w.routed } else { "" };
            format!("{}{how}", w.accepted.replace("{name}", operator_name))
        }
        EventBody::MessagePosted { message } => message_text(message, w),
        EventBody::ChatTransferOffered {
            from_operator_id,
            to_operator_id,
            note,
            ..
        } => with_note(moved(w.offered, *from_operator_id, *to_operator_id), note),
        EventBody::ChatTransferred {
            from_operator_id,
            to_operator_id,
            note,
            ..
        } => with_note(
            moved(w.transferred, *from_operator_id, *to_operator_id),
            note,
        ),
        EventBody::ChatRequeued {
            department, note, ..
        } => with_note(w.requeued.replace("{department}", department), note),
        EventBody::ChatReleased { operator_id, .. } => {
            w.released.replace("{name}", &who(*operator_id))
        }
        EventBody::ChatTransferDeclined { reason, .. } => with_note(w.declined.to_owned(), reason),
        EventBody::ChatClosed {
            by: Role::System, ..
        } => w.closed_quiet.to_owned(),
        EventBody::ChatClosed { by, .. } => w.closed_by.replace("{who}", role(*by, w)),
        EventBody::ChatRated {
            rating, comment, ..
        } => with_note(rating.pick(w.rated).to_owned(), comment),
        EventBody::OperatorStatusChanged { status, .. } => {
            let status = match status {
                OperatorStatus::Online => w.online,
                OperatorStatus::Away => w.away,
                OperatorStatus::Offline => w.offline,
            };
            w.status.replace("{status}", status)
        }
        EventBody::OperatorChanged { operator } => {
            let role = match operator.role {
                OperatorRole::Operator => w.role_operator,
                OperatorRole::Supervisor => w.role_supervisor,
            };
            w.account
                .replace("{name}", &operator.display_name)
                .replace("{role}", role)
        }
        EventBody::OperatorDisabled { .. } => w.account_disabled.to_owned(),
        EventBody::VisitorBanned { ban } => {
            let until = jiff::Timestamp::from_millisecond(ban.until)
                .map(|t| t.to_string())
                .unwrap_or_default();
            w.banned
                .replace("{until}", &until)
                .replace("{reason}", &ban.reason)
        }
        EventBody::VisitorUnbanned { ban_id, .. } => {
            w.unbanned.replace("{id}", &ban_id.to_string())
        }
        EventBody::ChatUnclaimed { .. } => w.unclaimed.to_owned(),
        EventBody::MailState { mail } => {
            let state = match mail.state {
                MailDelivery::Queued => w.queued,
                MailDelivery::Sent => w.sent,
                MailDelivery::Failed => w.failed,
            };
            let head = w
                .mail
                .replace("{to}", &mail.recipient)
                .replace("{state}", state)
                .replace("{n}", &mail.attempts.to_string());
            match &mail.error {
                Some(error) => format!("{head} ({error})"),
                None => head,
            }
        }
        EventBody::ChatSeen { .. } => w.seen.to_owned(),
        EventBody::VisitorPresence { on_site: true, .. } => w.visitor_back.to_owned(),
        EventBody::VisitorPresence { left_at, .. } => match left_at {
            Some(at) => w
                .visitor_left_at
                .replace("{time}", &super::format_human::local_time(*at)),
            None => w.visitor_left.to_owned(),
        },
        EventBody::TeamMessagePosted { message } => {
            let to = message.to_operator_id.map_or(w.team.to_owned(), who);
            format!("{} -> {to}: {}", message.from_name, message.text)
        }
    }
}

fn message_text(message: &Message, w: &TailWords) -> String {
    let author = match (&message.author.name, message.author.role) {
        (Some(name), _) => name.clone(),
        (None, by) => role(by, w).to_owned(),
    };
    let mark = match message.kind {
        MessageKind::Text => "",
        MessageKind::Note => w.note,
        MessageKind::Whisper => w.whisper,
    };
    format!("{mark}{author}: {}", message.text)
}

fn role(by: Role, w: &TailWords) -> &'static str {
    match by {
        Role::Visitor => w.visitor,
        Role::Operator => w.operator,
        Role::System => w.system,
    }
}
