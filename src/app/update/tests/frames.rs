//! Server frames: snapshot, events, acks, errors, drafts, resync.

use super::*;

#[test]
fn snapshot_builds_sections_and_selects_first() {
    let s = ready();
    assert_eq!(s.chats.len(), 2);
    assert_eq!(s.last_seq, Some(10));
    assert_eq!(s.selected, Some(1), "the waiting chat comes first");
    assert_eq!(crate::app::list::order(&s), vec![1, 2]);
}

#[test]
fn accepted_event_moves_chat_to_mine_with_system_line() {
    let mut s = ready();
    update(
        &mut s,
        event(
            11,
            EventBody::ChatAccepted {
                chat_id: 1,
                operator_id: ME,
                operator_name: "Анна".into(),
                routed: false,
            },
        ),
    );
    let c = &s.chats[&1];
    assert_eq!(c.chat.status, ChatStatus::Active);
    assert_eq!(c.messages.last().map(|e| c.text_of(e)), Some("Анна joined"));
    assert_eq!(
        crate::app::list::section_of(c, Some(ME)),
        crate::app::list::Section::Mine
    );
}

#[test]
fn send_shows_pending_then_ack_stores_it() {
    let mut s = ready();
    let id = send_reply(&mut s, "Здравствуйте!");
    assert!(s.compose.is_empty(), "compose is cleared after sending");
    let last = s.chats[&2].messages.last().cloned().expect("entry");
    assert_eq!(last.delivery, Delivery::Pending);
    assert!(matches!(last.who, Who::Operator { own: true, .. }));
    update(
        &mut s,
        frame(OperatorOut::Ack {
            id: id.clone(),
            seq: Some(11),
            chat_id: Some(2),
            message_id: Some(99),
        }),
    );
    let last = s.chats[&2].messages.last().cloned().expect("entry");
    assert_eq!(last.delivery, Delivery::Stored);
    assert_eq!(last.id(), Some(99));
    // The event for the same message arrives after the ack: still one copy.
    let mut m = visitor_msg(99, 2, 11, "Здравствуйте!");
    m.author = Author {
        role: Role::Operator,
        operator_id: Some(ME),
        name: Some("Анна".into()),
    };
    m.client_id = Some(id);
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    assert_eq!(s.chats[&2].messages.len(), 1);
}

#[test]
fn event_before_ack_replaces_pending_copy() {
    let mut s = ready();
    let id = send_reply(&mut s, "Привет");
    let mut m = visitor_msg(50, 2, 11, "Привет");
    m.author = Author {
        role: Role::Operator,
        operator_id: Some(ME),
        name: Some("Анна".into()),
    };
    m.client_id = Some(id);
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    let msgs = &s.chats[&2].messages;
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].delivery, Delivery::Stored);
}

#[test]
fn error_marks_message_failed_and_shows_notice() {
    let mut s = ready();
    let id = send_reply(&mut s, "x");
    update(
        &mut s,
        frame(OperatorOut::Error {
            id: Some(id),
            code: frontdesk_protocol::ErrorCode::InvalidState,
            message: "chat closed\x1b[2J".into(),
            retry_after_ms: None,
            reason: None,
        }),
    );
    assert_eq!(s.chats[&2].messages[0].delivery, Delivery::Failed);
    // The server's words, neutralised, inside the console's own sentence.
    assert_eq!(
        s.notice.as_deref(),
        Some("not sent (chat closed␛[2J); the text is back in the reply box")
    );
}

#[test]
fn a_refusal_with_a_reason_is_said_in_the_consoles_language() {
    use frontdesk_protocol::{ErrorCode, ErrorReason};
    let mut s = ready();
    s.strings = &crate::i18n::RU;
    let refuse = |s: &mut State, id: String, reason: ErrorReason| {
        update(
            s,
            frame(OperatorOut::Error {
                id: Some(id),
                code: ErrorCode::InvalidState,
                message: "chat 2 was already accepted by another operator".into(),
                retry_after_ms: None,
                reason: Some(reason),
            }),
        );
    };
    let id = send_reply(&mut s, "x");
    refuse(&mut s, id, ErrorReason::ChatTaken);
    assert_eq!(
        s.notice.as_deref(),
        Some("не отправлено (этот чат уже взял другой оператор); текст снова в поле ответа")
    );
    // A reason's values come from the server: neutralised like its words.
    s.compose = ratatui_textarea::TextArea::default();
    let id = send_reply(&mut s, "y");
    let held = ErrorReason::HeldForDepartment {
        department: "Продажи\u{202e}".into(),
        secs: 30,
    };
    refuse(&mut s, id, held);
    let notice = s.notice.clone().unwrap_or_default();
    assert!(notice.contains("30 с ждёт отдел «Продажи"), "{notice}");
    assert!(!notice.contains('\u{202e}'), "{notice}");
    // A reason this build does not know: the server's own words.
    s.compose = ratatui_textarea::TextArea::default();
    let id = send_reply(&mut s, "z");
    refuse(&mut s, id, ErrorReason::Other);
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("already accepted by another operator")),
        "{:?}",
        s.notice
    );
}

#[test]
fn a_chat_seen_as_an_offline_message_stays_marked_when_taken_and_after_a_snapshot() {
    let mut s = ready();
    let left = chat(3, ChatStatus::Offline, None, 900);
    update(
        &mut s,
        event(
            11,
            EventBody::ChatCreated {
                chat: left.chat.clone(),
                visitor: left.visitor.clone(),
            },
        ),
    );
    assert!(s.chats[&3].left_offline);
    assert!(!s.chats[&1].left_offline, "a live chat is not");
    update(
        &mut s,
        event(
            12,
            EventBody::ChatAccepted {
                chat_id: 3,
                operator_id: ME,
                operator_name: "Анна".into(),
                routed: false,
            },
        ),
    );
    assert_eq!(s.chats[&3].chat.status, ChatStatus::Active);
    assert!(s.chats[&3].left_offline, "taken in, still a message left");
    // A resync's snapshot says only "active": the console remembers.
    let mut taken = chat(3, ChatStatus::Active, Some(ME), 900);
    taken.chat.accepted_at = Some(1_000);
    update(
        &mut s,
        frame(OperatorOut::snapshot(13, vec![taken], vec![me()])),
    );
    assert!(s.chats[&3].left_offline);
}

/// Message `id` of chat 1's visitor, as event `seq`.
fn posted(id: i64, seq: u64) -> Event {
    let message = visitor_msg(id, 1, seq, "hi");
    event(seq, EventBody::MessagePosted { message })
}

#[test]
fn duplicate_and_old_events_are_ignored() {
    let mut s = ready();
    update(&mut s, posted(1, 11));
    update(&mut s, posted(1, 11));
    update(&mut s, posted(2, 9));
    assert_eq!(s.chats[&1].messages.len(), 1);
    assert_eq!(s.chats[&1].unread, 1);
    assert_eq!(s.last_seq, Some(11));
}

#[test]
fn visitor_text_is_sanitized_on_arrival() {
    let mut s = ready();
    let m = visitor_msg(1, 1, 11, "\x1b]52;c;SGVsbG8=\x07 \u{202E}x");
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    let chat = &s.chats[&1];
    assert_eq!(chat.text(0), "␛]52;c;SGVsbG8=␇ ⟨U+202E⟩x");
    assert_eq!(chat.preview(), chat.text(0));
}

#[test]
fn typing_preview_shows_and_clears() {
    let mut s = ready();
    let typing = |draft: &str| {
        frame(OperatorOut::VisitorTyping {
            chat_id: 1,
            draft: draft.into(),
        })
    };
    update(&mut s, typing("А оплата\nпри\x1b"));
    assert_eq!(s.chats[&1].draft.as_deref(), Some("А оплата⏎при␛"));
    update(&mut s, typing(""));
    assert_eq!(s.chats[&1].draft, None);
    update(&mut s, typing("again"));
    let m = visitor_msg(1, 1, 11, "again");
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    assert_eq!(s.chats[&1].draft, None, "a sent message ends the draft");
}

#[test]
fn a_snapshot_holding_our_message_stored_gets_no_pending_copy() {
    let mut s = ready();
    let id = send_reply(&mut s, "уже сохранено");
    let resync = OperatorOut::Resync {
        reason: "old".into(),
        oldest_seq: 500,
    };
    update(&mut s, frame(resync));
    let mut mine = visitor_msg(50, 2, 550, "уже сохранено");
    mine.author = Author {
        role: Role::Operator,
        operator_id: Some(ME),
        name: Some("Анна".into()),
    };
    mine.client_id = Some(id);
    let mut chat = chat(2, ChatStatus::Active, Some(ME), 500);
    chat.messages.push(mine);
    update(
        &mut s,
        frame(OperatorOut::snapshot(600, vec![chat], vec![me()])),
    );
    let view = &s.chats[&2];
    let texts: Vec<&str> = view.messages.iter().map(|e| view.text_of(e)).collect();
    assert_eq!(texts, ["уже сохранено"]);
    assert_eq!(view.messages[0].delivery, Delivery::Stored);
}

#[test]
fn resync_drops_chats_and_snapshot_rebuilds_keeping_pending() {
    let mut s = ready();
    let id = send_reply(&mut s, "не потеряй меня");
    update(
        &mut s,
        frame(OperatorOut::Resync {
            reason: "old".into(),
            oldest_seq: 500,
        }),
    );
    assert!(s.chats.is_empty());
    update(
        &mut s,
        frame(OperatorOut::snapshot(
            600,
            vec![chat(2, ChatStatus::Active, Some(ME), 500)],
            vec![me()],
        )),
    );
    assert_eq!(s.last_seq, Some(600));
    assert_eq!(s.chats.len(), 1);
    let msgs = &s.chats[&2].messages;
    assert_eq!(msgs.len(), 1);
    assert_eq!(s.chats[&2].client_id(0), Some(id.as_str()));
    assert_eq!(msgs[0].delivery, Delivery::Pending);
    assert_eq!(s.open_id(), Some(2));
}

/// Unread counts what waits for my answer: the queue's and my chats', not a colleague's (a
/// supervisor reads those in the list, and their closed ones stayed marked for nothing).
#[test]
fn a_colleagues_chat_gathers_no_unread() {
    let mut s = ready();
    update(&mut s, posted(1, 11));
    assert_eq!(
        s.chats[&1].unread, 1,
        "waiting in the queue: mine to answer"
    );
    let accepted = |seq, operator_id| {
        event(
            seq,
            EventBody::ChatAccepted {
                chat_id: 1,
                operator_id,
                operator_name: "Мария".into(),
                routed: false,
            },
        )
    };
    update(&mut s, accepted(12, 9));
    assert_eq!(s.chats[&1].unread, 0, "a colleague took it");
    update(&mut s, posted(2, 13));
    assert_eq!(s.chats[&1].unread, 0, "their visitor writes to them");
    // Transferred to me, it is mine again and counts.
    let transferred = EventBody::ChatTransferred {
        chat_id: 1,
        from_operator_id: 9,
        to_operator_id: ME,
        note: None,
    };
    update(&mut s, event(14, transferred));
    update(&mut s, posted(3, 15));
    assert_eq!(s.chats[&1].unread, 1);
}

/// The server's word that this console's session ended (a new password, a disabled account)
/// comes before the socket closes: the operator reads why, in their language.
#[test]
fn a_session_ended_by_the_server_is_said_in_the_consoles_language() {
    use frontdesk_protocol::{ErrorCode, ErrorReason};
    let mut s = ready();
    s.strings = &crate::i18n::RU;
    update(
        &mut s,
        frame(OperatorOut::Error {
            id: None,
            code: ErrorCode::Unauthorized,
            message: "the session ended; log in again".into(),
            retry_after_ms: None,
            reason: Some(ErrorReason::SessionEnded),
        }),
    );
    let notice = s.notice.as_deref().unwrap_or_default();
    assert!(notice.starts_with("сервер завершил сессию"), "{notice}");
    assert!(notice.contains("пароль"), "{notice}");
}
