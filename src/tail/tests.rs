//! The queue as tail counts it, and the human line's safety and colour.

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, EventBody, Message, MessageKind, OperatorInfo,
    OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};

use super::format_human::Human;
use super::line::Line;
use super::picture::Picture;
use crate::i18n::{TAIL_EN, TAIL_RU};

fn visitor(id: i64, name: &str) -> VisitorProfile {
    VisitorProfile {
        id,
        fields: PrechatFields {
            name: Some(name.into()),
            ..PrechatFields::default()
        },
        pages: Vec::new(),
        referrer: None,
        search_query: None,
        user_agent: None,
        language: None,
        city: None,
        region: None,
        customer_id: None,
        visits: 1,
        chats: 1,
        first_seen: 0,
        last_seen: 0,
    }
}

/// Olga's chat 1, waiting in `sales`.
pub(super) fn olga_waiting_in_sales() -> ChatState {
    ChatState::new(
        chat(1, ChatStatus::Waiting, Some("sales")),
        visitor(10, "Ольга"),
        Vec::new(),
    )
}

fn chat(id: i64, status: ChatStatus, department: Option<&str>) -> Chat {
    Chat {
        id,
        visitor_id: id * 10,
        status,
        operator_id: None,
        department: department.map(str::to_owned),
        created_at: 0,
        accepted_at: None,
        closed_at: None,
        queued_at: None,
    }
}

fn created(id: i64, department: Option<&str>) -> EventBody {
    EventBody::ChatCreated {
        chat: chat(id, ChatStatus::Waiting, department),
        visitor: visitor(id * 10, &format!("v{id}")),
    }
}

fn anna() -> OperatorInfo {
    OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    }
}

fn accepted(chat_id: i64) -> EventBody {
    EventBody::ChatAccepted {
        chat_id,
        operator_id: 3,
        operator_name: "Анна".into(),
        routed: false,
    }
}

#[test]
fn the_queue_follows_created_accepted_requeued_and_closed() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[anna()]);
    assert_eq!(picture.waiting(), 1);

    let facts = picture.apply(101, &created(2, None));
    assert_eq!((facts.waiting, facts.queue_changed), (Some(2), true));
    assert_eq!(facts.visitor.as_deref(), Some("v2"));

    let facts = picture.apply(102, &accepted(1));
    assert_eq!((facts.waiting, facts.queue_changed), (Some(1), true));
    assert_eq!(facts.department.as_deref(), Some("sales"));
    assert_eq!(facts.chat_operator, Some(3));
    assert_eq!(facts.visitor.as_deref(), Some("Ольга"));

    let requeued = EventBody::ChatRequeued {
        chat_id: 1,
        from_operator_id: 3,
        department: "billing".into(),
        note: None,
    };
    let facts = picture.apply(103, &requeued);
    assert_eq!((facts.waiting, facts.queue_changed), (Some(2), true));
    assert_eq!(facts.department.as_deref(), Some("billing"));
    assert_eq!(facts.chat_operator, None);

    let closed = EventBody::ChatClosed {
        chat_id: 2,
        by: Role::Visitor,
        operator_id: None,
    };
    let facts = picture.apply(104, &closed);
    assert_eq!((facts.waiting, facts.queue_changed), (Some(1), true));
    let unclaimed = EventBody::ChatUnclaimed {
        chat_id: 1,
        department: "billing".into(),
    };
    let facts = picture.apply(105, &unclaimed);
    assert_eq!((facts.waiting, facts.queue_changed), (Some(1), false));
}

#[test]
fn history_before_the_snapshot_names_things_but_leaves_the_queue_alone() {
    let mut picture = Picture::default();
    picture.reset(50, Vec::new(), &[anna()]);
    let facts = picture.apply(40, &created(7, Some("sales")));
    assert_eq!((facts.waiting, facts.queue_changed), (None, false));
    assert_eq!(facts.department.as_deref(), Some("sales"));
    assert_eq!(picture.apply(41, &accepted(7)).waiting, None);
    assert_eq!(
        picture.waiting(),
        0,
        "the snapshot already holds their effect"
    );
    // The chat learnt from history still names its department on live lines.
    let facts = picture.apply(51, &accepted(7));
    assert_eq!(facts.department.as_deref(), Some("sales"));
}

fn posted(text: &str, name: &str) -> EventBody {
    EventBody::MessagePosted {
        message: Message {
            id: 1,
            chat_id: 1,
            seq: 101,
            ts: 0,
            author: Author {
                role: Role::Visitor,
                operator_id: None,
                name: Some(name.into()),
            },
            kind: MessageKind::Text,
            text: text.into(),
            client_id: None,
            attachment: None,
        },
    }
}

#[test]
fn human_lines_show_hostile_text_as_marks_and_colour_only_when_asked() {
    let mut picture = Picture::default();
    picture.reset(100, Vec::new(), &[anna()]);
    let event = posted("hi\x1b]0;owned\x07 \u{202E}x\u{200B}y\nz", "Eve\x1b[31m");
    let facts = picture.apply(101, &event);
    let line = Line::new(101, 0, &event, facts, &picture, &TAIL_EN);
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(
        !plain.contains(['\x1b', '\x07', '\u{202E}', '\u{200B}', '\n']),
        "{plain:?}"
    );
    assert!(
        plain.contains("#101 message_posted chat=1 | Eve␛[31m: hi␛]0;owned␇"),
        "{plain}"
    );
    assert!(plain.contains("⟨U+202E⟩x⟨U+200B⟩y"), "{plain}");
    let coloured = Human {
        colour: true,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(
        coloured.contains("\x1b[36mmessage_posted\x1b[0m"),
        "{coloured:?}"
    );
    // Only tail's own colour codes: the visitor's escape is still a mark.
    assert!(coloured.contains("Eve␛[31m"), "{coloured:?}");
}

#[test]
fn json_lines_keep_every_key_and_the_raw_text() {
    let mut picture = Picture::default();
    picture.reset(100, Vec::new(), &[anna()]);
    let event = posted("a\x1b[2Jb", "Eve");
    let facts = picture.apply(99, &event);
    let line = Line::new(99, 1_795_000_000_000, &event, facts, &picture, &TAIL_EN);
    let json: serde_json::Value =
        serde_json::from_str(&super::format_json::format(&line)).expect("JSON");
    assert_eq!(json["v"], 1);
    assert_eq!(json["time"], "2026-11-18T11:06:40Z");
    assert!(json["waiting"].is_null() && json["department"].is_null());
    assert_eq!(json["text"], "Eve: a\x1b[2Jb");
    assert_eq!(json["event"]["message"]["text"], "a\x1b[2Jb");
}

#[test]
fn an_emails_state_is_a_line_of_its_chat_with_the_servers_reason_made_safe() {
    let mut picture = Picture::default();
    picture.reset(100, Vec::new(), &[anna()]);
    let event = EventBody::MailState {
        mail: frontdesk_protocol::MailStatus {
            mail_id: 12,
            chat_id: 1,
            recipient: "igor@example.ru".into(),
            state: frontdesk_protocol::MailDelivery::Queued,
            attempts: 3,
            next_attempt_at: Some(1_795_000_100_000),
            error: Some("connection refused\x1b[2J".into()),
            sent_at: None,
        },
    };
    let facts = picture.apply(101, &event);
    let line = Line::new(101, 0, &event, facts, &picture, &TAIL_EN);
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(
        plain.contains(
            "#101 mail_state chat=1 | e-mail to igor@example.ru: queued after 3 attempts (connection refused␛[2J)"
        ),
        "{plain}"
    );
}

/// A lead sees a waiting chat's visitor give up on the site (and come back), named, in the
/// chat's department, the queue unchanged.
#[test]
fn a_visitor_leaving_the_site_and_coming_back_are_lines_of_their_chat() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[anna()]);
    let left_at = 1_795_000_000_000;
    let left = EventBody::VisitorPresence {
        chat_id: 1,
        on_site: false,
        left_at: Some(left_at),
    };
    let facts = picture.apply(101, &left);
    assert!(!facts.queue_changed);
    let line = Line::new(101, left_at + 10_000, &left, facts, &picture, &TAIL_EN);
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    let at = super::format_human::local_time(left_at);
    assert!(
        plain.contains(&format!(
            "#101 visitor_presence chat=1 dept=sales visitor=\"Ольга\" | the visitor left the site at {at}"
        )),
        "{plain}"
    );
    let back = EventBody::VisitorPresence {
        chat_id: 1,
        on_site: true,
        left_at: None,
    };
    let facts = picture.apply(102, &back);
    let line = Line::new(102, left_at + 70_000, &back, facts, &picture, &TAIL_EN);
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(
        plain.ends_with("| the visitor is back on the site"),
        "{plain}"
    );
}

/// In Russian the words after ` | ` are Russian; what the visitor and operators wrote, the
/// kinds and the keys stay as they are.
#[test]
fn a_line_for_people_speaks_their_language() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[anna()]);
    let mut russian = |seq: u64, event: &EventBody| {
        let facts = picture.apply(seq, event);
        let line = Line::new(seq, 0, event, facts, &picture, &TAIL_RU);
        Human {
            colour: false,
            words: &TAIL_RU,
        }
        .format(&line)
    };
    let plain = russian(101, &accepted(1));
    assert!(
        plain.contains(
            "chat_accepted chat=1 dept=sales op=anna visitor=\"Ольга\" waiting=0 | принял Анна"
        ),
        "{plain}"
    );
    let back = EventBody::VisitorPresence {
        chat_id: 1,
        on_site: true,
        left_at: None,
    };
    assert!(russian(102, &back).ends_with("| посетитель снова на сайте"));
}

/// Every English phrase has its Russian one, with the same places to fill.
#[test]
fn both_languages_fill_the_same_places() {
    let places = |w: &crate::i18n::TailWords| {
        let all = format!("{w:?}");
        let mut found: Vec<String> = all
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .filter(|name| !name.contains(' ') && !name.contains(':'))
            .collect();
        found.sort();
        found
    };
    assert_eq!(places(&TAIL_EN), places(&TAIL_RU));
}

/// A rating reads as one, in either language, with the visitor's comment after it.
#[test]
fn a_rating_is_told_with_its_comment() {
    let picture = Picture::default();
    let rated = EventBody::ChatRated {
        chat_id: 2,
        rating: frontdesk_protocol::Rating::Bad,
        comment: Some("долго ждала".into()),
    };
    let facts = super::picture::Facts::default();
    let ru = Line::new(9, 0, &rated, facts.clone(), &picture, &TAIL_RU);
    assert_eq!(ru.text, "оценка: плохо: долго ждала");
    let good = EventBody::ChatRated {
        chat_id: 2,
        rating: frontdesk_protocol::Rating::Good,
        comment: None,
    };
    let en = Line::new(10, 0, &good, facts, &picture, &TAIL_EN);
    assert_eq!((en.kind, en.text.as_str()), ("chat_rated", "rated good"));
}

/// A close says who closed it; one the server made says why, in either language.
#[test]
fn a_close_says_who_closed_and_the_servers_says_why() {
    let picture = Picture::default();
    let closed = |by| EventBody::ChatClosed {
        chat_id: 2,
        by,
        operator_id: None,
    };
    let facts = super::picture::Facts::default();
    let text = |by, words| Line::new(9, 0, &closed(by), facts.clone(), &picture, words).text;
    assert_eq!(text(Role::Visitor, &TAIL_EN), "closed by visitor");
    assert_eq!(
        text(Role::System, &TAIL_EN),
        "closed by itself: the visitor left, nobody wrote"
    );
    assert_eq!(
        text(Role::System, &TAIL_RU),
        "закрылся сам: посетитель ушёл, никто не писал"
    );
}

/// A lead sees a chat go back to the queue when its operator went offline holding it.
#[test]
fn a_chat_released_by_an_operator_gone_offline_is_waiting_again() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[anna()]);
    picture.apply(101, &accepted(1));
    assert_eq!(picture.waiting(), 0);
    let released = EventBody::ChatReleased {
        chat_id: 1,
        operator_id: 3,
    };
    let facts = picture.apply(102, &released);
    assert_eq!((facts.waiting, facts.queue_changed), (Some(1), true));
    assert_eq!(facts.chat_operator, None);
    let line = Line::new(102, 0, &released, facts, &picture, &TAIL_EN);
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(
        plain.contains("chat_released chat=1 dept=sales")
            && plain.ends_with("| back to the queue: anna went offline"),
        "{plain}"
    );
}
