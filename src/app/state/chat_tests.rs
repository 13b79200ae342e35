//! `ChatView` with its stores: texts and names kept once, client ids only while pending,
//! rows only while wrapped, and all of it through replace and prepend.

use frontdesk_protocol::{ChatState, VisitorProfile};

use super::{ChatView, Delivery, NewEntry, Who};

pub(super) fn view() -> ChatView {
    let state = ChatState::new(
        frontdesk_protocol::Chat {
            id: 1,
            visitor_id: 9,
            status: frontdesk_protocol::ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile::default(),
        Vec::new(),
    );
    ChatView::new(state, Some(3), &crate::i18n::EN)
}

/// Wraps `v` at `width` on the day its lines are from (times near the epoch, in UTC).
fn wrap(v: &mut ChatView, width: usize) {
    v.ensure_wrapped(
        width,
        &jiff::tz::TimeZone::UTC,
        jiff::civil::date(1970, 1, 1),
    );
}

pub(super) fn visitor(id: i64, text: &str) -> NewEntry {
    NewEntry {
        id: Some(id),
        client_id: None,
        ts: id,
        who: Who::Visitor,
        name: "Ольга".into(),
        text: text.into(),
        delivery: Delivery::Stored,
        attachment: None,
    }
}

#[test]
fn texts_and_names_come_back_for_every_entry() {
    let mut v = view();
    for i in 1..=3_000 {
        v.push(visitor(i, &format!("Здравствуйте 👋 日本語 {i}")));
    }
    v.push(NewEntry::system(5, "Анна joined".into()));
    assert_eq!(v.text(0), "Здравствуйте 👋 日本語 1");
    assert_eq!(v.text(2_999), "Здравствуйте 👋 日本語 3000");
    assert_eq!(v.text(3_000), "Анна joined");
    assert_eq!(v.author(&v.messages[1_234]), "Ольга");
    assert_eq!(v.author(&v.messages[3_000]), "");
    // One name for 3,000 messages, plus the empty one.
    assert_eq!(v.names.len(), 2);
    assert!(v.has_message(17) && !v.has_message(3_001));
}

#[test]
fn a_pending_message_is_replaced_by_the_stored_one() {
    let mut v = view();
    wrap(&mut v, 20);
    v.push(visitor(1, "Привет"));
    v.push(NewEntry::own(
        "c-1".into(),
        2,
        "Анна".into(),
        "Добрый день! Чем помочь?".into(),
    ));
    assert_eq!(v.find_client("c-1"), Some(1));
    assert_eq!(v.client_id(1), Some("c-1"));
    let pending_rows = v.total_rows();
    let mut stored = NewEntry::own("c-1".into(), 3, "Анна".into(), "Да!".into());
    stored.id = Some(7);
    stored.delivery = Delivery::Stored;
    v.replace(1, stored);
    assert_eq!(v.text(1), "Да!");
    assert_eq!(v.messages[1].id(), Some(7));
    assert_eq!(v.messages[1].delivery, Delivery::Stored);
    // Stored: the client id is no longer kept, and the rows follow the new text.
    assert_eq!(v.find_client("c-1"), None);
    assert!(v.total_rows() < pending_rows);
    assert_eq!((v.row_count(1), v.row(1, 0)), (1, "Да!"));
    assert!(v.has_message(7));
}

#[test]
fn an_ack_with_an_id_forgets_the_client_id_and_one_without_keeps_it() {
    let mut v = view();
    v.push(NewEntry::own("a".into(), 1, "Анна".into(), "one".into()));
    v.push(NewEntry::own("b".into(), 2, "Анна".into(), "two".into()));
    v.ack(0, None);
    assert_eq!(
        v.find_client("a"),
        Some(0),
        "its event is found by client id"
    );
    v.ack(1, Some(40));
    assert_eq!((v.find_client("b"), v.messages[1].id()), (None, Some(40)));
    assert!(v.has_message(40));
    v.fail(0);
    assert_eq!(v.messages[0].delivery, Delivery::Failed);
    assert_eq!(v.owned(1).map(|e| e.text), Some("two".into()));
}

#[test]
fn older_pages_go_before_with_their_rows_search_and_pending_indexes() {
    let mut v = view();
    // 13 columns of "HH:MM Ольга: " leave 7 on the first row.
    wrap(&mut v, 20);
    v.push(visitor(50, "новое сообщение"));
    v.push(NewEntry::own("c".into(), 51, "Анна".into(), "ждёт".into()));
    v.set_search("сообщ");
    let rows = v.total_rows();
    v.prepend(
        (10..13)
            .map(|i| visitor(i, &format!("старое сообщение {i}")))
            .collect(),
    );
    assert_eq!(v.messages.len(), 5);
    let texts: Vec<&str> = (0..5).map(|i| v.text(i)).collect();
    assert_eq!(
        texts,
        [
            "старое сообщение 10",
            "старое сообщение 11",
            "старое сообщение 12",
            "новое сообщение",
            "ждёт"
        ]
    );
    // The rows of the newer entries are kept, the older ones wrapped to the same width.
    assert_eq!(v.row(3, 0), "новое");
    assert_eq!(v.row(0, 1), "сообщение 10");
    assert_eq!(v.total_rows(), rows + 6);
    assert_eq!(v.find_client("c"), Some(4));
    assert_eq!(
        v.preview(),
        "You: ждёт",
        "the list still previews the newest message"
    );
    let hits: Vec<usize> = v
        .search
        .as_ref()
        .map_or(vec![], |s| s.hits.iter().map(|h| h.entry).collect());
    assert_eq!(hits, [0, 1, 2, 3]);
}

#[test]
fn rows_exist_only_while_wrapped() {
    let mut v = view();
    v.push(visitor(1, "один два три"));
    assert_eq!((v.total_rows(), v.wrapped_width()), (0, 0));
    wrap(&mut v, 8);
    assert_eq!(v.row_count(0), 3);
    v.unwrap_rows();
    assert_eq!((v.total_rows(), v.row(0, 0)), (0, ""));
}

#[test]
fn a_refused_reply_is_not_the_preview_and_does_not_answer() {
    let mut v = view();
    v.push(visitor(1, "Вы ещё здесь?"));
    assert_eq!(v.awaiting_since, Some(1));
    v.push(NewEntry::own("c-1".into(), 5, "Анна".into(), "Да".into()));
    assert_eq!((v.preview().as_ref(), v.awaiting_since), ("You: Да", None));
    v.fail(1);
    assert_eq!(v.preview(), "Вы ещё здесь?");
    assert_eq!(v.awaiting_since, Some(1), "the visitor still waits");
}

#[test]
fn the_preview_says_who_wrote_unless_the_visitor_did() {
    let mut v = view();
    v.push(visitor(1, "Есть доставка?"));
    assert_eq!(v.preview(), "Есть доставка?");
    v.push(NewEntry {
        who: Who::Operator {
            own: false,
            note: false,
            whisper: false,
        },
        name: "Мария".into(),
        ..visitor(2, "Да, есть.")
    });
    assert_eq!(v.preview(), "Мария: Да, есть.");
    v.push(NewEntry {
        who: Who::Operator {
            own: false,
            note: true,
            whisper: false,
        },
        name: "Мария".into(),
        ..visitor(3, "постоянный клиент")
    });
    assert_eq!(v.preview(), "[note] постоянный клиент");
}

#[test]
fn the_preview_is_one_safe_line_of_the_newest_words_cut_visibly() {
    let mut v = view();
    assert_eq!(v.preview(), "");
    v.push(visitor(1, "первая\nвторая строка"));
    assert_eq!(v.preview(), "первая⏎вторая строка");
    v.push(visitor(2, &"ж".repeat(200)));
    assert_eq!(v.preview(), format!("{}…", "ж".repeat(79)));
}

#[test]
fn a_long_author_name_is_cut_visibly_and_a_short_one_whole() {
    let mut v = view();
    v.push(NewEntry {
        name: "Передаваемый Олегович Константинопольский".into(),
        ..visitor(1, "…")
    });
    assert_eq!(v.author(&v.messages[0]), "Передаваемый Олегов…");
    v.push(NewEntry {
        name: "Передаваемый Олег".into(),
        ..visitor(2, "…")
    });
    assert_eq!(v.author(&v.messages[1]), "Передаваемый Олег");
}

/// A visitor who gives a name later (a form on a later visit): their lines that were signed
/// "Visitor #9" carry the name the list and titles now show, and are wrapped for it; an
/// operator's line is not renamed even when it bore the same name.
#[test]
fn a_visitor_named_later_signs_their_earlier_lines_with_the_name() {
    let mut v = view();
    let unnamed = v.label.clone();
    assert!(unnamed.starts_with("Visitor #"), "{unnamed}");
    wrap(&mut v, 40);
    let mut first = visitor(1, "а а а а а а а а а");
    first.name = unnamed.clone();
    v.push(first);
    let mut colleague = NewEntry::own("c-1".into(), 2, unnamed.clone(), "Да".into());
    colleague.delivery = Delivery::Stored;
    colleague.id = Some(2);
    v.push(colleague);
    let rows_before = v.total_rows();

    let named = VisitorProfile {
        fields: frontdesk_protocol::PrechatFields {
            name: Some("Марина Александровна".into()),
            ..Default::default()
        },
        ..VisitorProfile::default()
    };
    v.set_visitor(named, "Visitor");
    assert_eq!(v.label, "Марина Александровна");
    assert!(
        v.author(&v.messages[0]).starts_with("Марина"),
        "{}",
        v.author(&v.messages[0])
    );
    assert_eq!(
        v.author(&v.messages[1]),
        unnamed,
        "an operator's line keeps its name"
    );
    // The longer name takes more of the first row: the rows were made again.
    let mut fresh = v.clone();
    fresh.unwrap_rows();
    wrap(&mut fresh, 40);
    assert_eq!(v.total_rows(), fresh.total_rows());
    assert!(v.total_rows() > rows_before, "{} rows", v.total_rows());
}
