//! The queue view: toggling, the cursor, opening a chat from it within rights, and the time
//! in status it shows coming from the status events.

use super::*;

/// `ready()` with Boris online, his active chat 3 where the visitor waits, and the clock
/// running: chat 1 waits since 1000, chat 3's visitor since 700.
fn with_boris() -> State {
    let mut s = ready();
    s.operators.insert(
        4,
        OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator),
    );
    let mut chat3 = chat(3, ChatStatus::Active, Some(4), 700);
    chat3.messages.push(Message {
        ts: 700,
        ..visitor_msg(30, 3, 5, "Алло?")
    });
    update(
        &mut s,
        event(
            11,
            EventBody::ChatCreated {
                chat: chat3.chat.clone(),
                visitor: chat3.visitor.clone(),
            },
        ),
    );
    let view = s.chats.get_mut(&3).expect("chat 3");
    view.awaiting_since = Some(700);
    s.now = 5_000;
    s
}

#[test]
fn f7_opens_at_the_longest_wait_and_closes_again() {
    let mut s = with_boris();
    assert!(!s.queue.open);
    assert_eq!(
        act(&mut s, Action::ToggleQueue).len(),
        1,
        "asks for today's totals"
    );
    assert!(s.queue.open);
    assert_eq!(s.queue.cursor, Some(3));
    // The list's keys drive the view.
    assert_eq!(s.key_context(), crate::app::KeyContext::List);
    assert!(s.has_running_timers());
    act(&mut s, Action::ToggleQueue);
    assert!(!s.queue.open);
    // Esc (the list's `focus_list`) closes it too.
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::FocusList);
    assert!(!s.queue.open);
}

#[test]
fn typing_and_the_lists_other_keys_do_not_reach_what_the_view_hides() {
    let mut s = with_boris();
    act(&mut s, Action::ToggleQueue);
    type_text(&mut s, "x");
    act(&mut s, Action::AcceptSelected);
    assert!(s.queue.open);
    assert_eq!(s.focus, Focus::List);
    assert!(s.compose.lines().join("").is_empty());
    assert_eq!(s.chats[&1].chat.status, ChatStatus::Waiting);
}

#[test]
fn the_cursor_moves_within_the_rows_and_leaves_the_list_alone() {
    let mut s = with_boris();
    let selected = s.selected;
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::SelectNext);
    assert_eq!(s.queue.cursor, Some(1));
    act(&mut s, Action::SelectNext);
    assert_eq!(s.queue.cursor, Some(1), "stops at the last row");
    act(&mut s, Action::SelectFirst);
    assert_eq!(s.queue.cursor, Some(3));
    assert_eq!(s.selected, selected);
}

#[test]
fn enter_opens_a_waiting_chat_in_the_focused_pane_without_taking_it() {
    let mut s = with_boris();
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::SelectLast);
    let fx = act(&mut s, Action::OpenSelected);
    assert!(!s.queue.open);
    assert_eq!(s.open_id(), Some(1));
    assert_eq!(s.selected, Some(1));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::Accept { .. }))),
        "{fx:?}"
    );
    assert_eq!(s.chats[&1].chat.status, ChatStatus::Waiting);
}

#[test]
fn a_plain_operator_cannot_open_a_colleagues_chat_from_the_queue() {
    let mut s = with_boris();
    act(&mut s, Action::ToggleQueue);
    assert_eq!(s.queue.cursor, Some(3));
    act(&mut s, Action::OpenSelected);
    assert!(s.queue.open, "stays open");
    assert_ne!(s.open_id(), Some(3));
    assert_eq!(s.notice.as_deref(), Some(crate::i18n::EN.queue.not_yours));
}

#[test]
fn a_supervisor_opens_a_colleagues_chat_from_the_queue() {
    let mut s = with_boris();
    s.me.as_mut().expect("me").role = OperatorRole::Supervisor;
    act(&mut s, Action::ToggleQueue);
    act(&mut s, Action::OpenSelected);
    assert!(!s.queue.open);
    assert_eq!(s.open_id(), Some(3));
}

#[test]
fn a_status_change_tells_since_when() {
    let mut s = with_boris();
    update(
        &mut s,
        frame(OperatorOut::Event {
            seq: 12,
            ts: 4_000,
            event: EventBody::OperatorStatusChanged {
                operator_id: 4,
                status: OperatorStatus::Away,
                operator: None,
            },
        }),
    );
    let boris = &s.operators[&4];
    assert_eq!(
        (boris.status, boris.status_since),
        (OperatorStatus::Away, Some(4_000))
    );
}

#[test]
fn the_departments_frame_brings_the_cap() {
    let mut s = ready();
    update(
        &mut s,
        frame(OperatorOut::Departments {
            departments: vec![],
            max_chats: Some(4),
        }),
    );
    assert_eq!(s.max_chats, Some(4));
}

fn fetches(fx: &[Effect]) -> Vec<(i64, String)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::FetchToday { since, tz } => Some((*since, tz.clone())),
            _ => None,
        })
        .collect()
}

const DAY: i64 = 86_400_000;

#[test]
fn todays_totals_are_asked_on_opening_and_every_30_seconds_while_open() {
    let mut s = with_boris();
    let now = 20_000 * DAY + 5_000_000;
    s.now = now;
    let start_of_day = 20_000 * DAY;
    let fx = act(&mut s, Action::ToggleQueue);
    assert_eq!(fetches(&fx), vec![(start_of_day, "UTC".to_owned())]);
    let tick = |s: &mut State, at: i64| fetches(&update(s, Event::Tick { now: at }));
    assert!(tick(&mut s, now + 29_000).is_empty());
    assert_eq!(tick(&mut s, now + 30_000).len(), 1);
    assert!(tick(&mut s, now + 31_000).is_empty());
    act(&mut s, Action::ToggleQueue);
    assert!(tick(&mut s, now + 90_000).is_empty(), "closed: not asked");
}

#[test]
fn the_answer_sets_the_totals_and_a_failure_leaves_them_out() {
    let mut s = with_boris();
    let metrics = frontdesk_protocol::stats::Metrics {
        chats_started: 12,
        chats_answered: 10,
        chats_missed: 2,
        first_response_median_ms: Some(42_000),
        ..Default::default()
    };
    update(&mut s, Event::Today(Ok(Box::new(metrics))));
    let today = s.queue.today.expect("totals");
    assert_eq!((today.chats, today.answered, today.missed), (12, 10, 2));
    assert_eq!(today.median_first_response_ms, Some(42_000));
    update(&mut s, Event::Today(Err("HTTP 404 Not Found".into())));
    assert_eq!(s.queue.today, None);
}

/// A colleague added since the snapshot is listed from their first status event on.
#[test]
fn a_colleague_unknown_to_the_snapshot_is_listed_from_their_status_event() {
    let mut s = with_boris();
    assert!(!s.operators.contains_key(&9));
    let vera = OperatorInfo::new(9, "vera", "Вера", OperatorRole::Operator);
    update(
        &mut s,
        frame(OperatorOut::Event {
            seq: 12,
            ts: 4_500,
            event: EventBody::OperatorStatusChanged {
                operator_id: 9,
                status: OperatorStatus::Online,
                operator: Some(vera),
            },
        }),
    );
    let vera = &s.operators[&9];
    assert_eq!(
        (vera.display_name.as_str(), vera.status, vera.status_since),
        ("Вера", OperatorStatus::Online, Some(4_500))
    );
}

/// Accounts changed from the server's command line: a renamed colleague is named anew and a
/// disabled one is no longer someone to hand a chat to, though still named where their chats
/// show; enabled again, they are back.
#[test]
fn a_colleague_renamed_or_disabled_on_the_server_is_shown_as_the_account_is_now() {
    let mut s = with_boris();
    let mut boris = OperatorInfo::new(4, "boris", "Борис Петров", OperatorRole::Supervisor);
    boris.status = OperatorStatus::Offline;
    update(
        &mut s,
        event(
            12,
            EventBody::OperatorChanged {
                operator: boris.clone(),
            },
        ),
    );
    assert_eq!(s.operator_label(4), "Борис Петров");
    assert_eq!(s.operators[&4].role, OperatorRole::Supervisor);
    let colleague = |s: &State| super::super::shared::colleague(s, "boris").map(|op| op.id);
    assert_eq!(colleague(&s), Ok(4));

    update(
        &mut s,
        event(13, EventBody::OperatorDisabled { operator_id: 4 }),
    );
    assert!(!s.operators.contains_key(&4));
    assert!(colleague(&s).is_err());
    // Still named where their doings show: the chat they hold until it goes back to the queue.
    assert_eq!(s.operator_label(4), "Борис Петров");
    let rows = crate::app::queue::chat_rows(&s);
    let held = rows.iter().find(|r| r.chat_id == 3).expect("chat 3");
    assert_eq!(held.operator.as_deref(), Some("Борис Петров"));

    update(
        &mut s,
        event(14, EventBody::OperatorChanged { operator: boris }),
    );
    assert_eq!(colleague(&s), Ok(4));
}

/// A console started after a colleague was disabled learns their name from the snapshot: their
/// chat shows it, and they are still no one to hand a chat to. A later snapshot without them
/// (enabled again and listed, or gone) forgets the former name.
#[test]
fn a_snapshot_names_a_colleague_disabled_before_the_console_started() {
    let mut s = ready();
    let mut snapshot = OperatorOut::snapshot(
        20,
        vec![chat(3, ChatStatus::Active, Some(4), 700)],
        vec![me()],
    );
    if let OperatorOut::Snapshot {
        former_operators, ..
    } = &mut snapshot
    {
        former_operators.push(frontdesk_protocol::FormerOperator {
            id: 4,
            name: "boris".into(),
            display_name: "Борис Петров".into(),
        });
    }
    update(&mut s, frame(snapshot));
    assert_eq!(s.operator_label(4), "Борис Петров");
    // The queue view lists an active chat whose visitor waits for an answer.
    s.chats.get_mut(&3).expect("chat 3").awaiting_since = Some(700);
    let rows = crate::app::queue::chat_rows(&s);
    let held = rows.iter().find(|r| r.chat_id == 3).expect("chat 3");
    assert_eq!(held.operator.as_deref(), Some("Борис Петров"));
    assert!(super::super::shared::colleague(&s, "boris").is_err());

    update(
        &mut s,
        frame(OperatorOut::snapshot(21, Vec::new(), vec![me()])),
    );
    assert_ne!(s.operator_label(4), "Борис Петров");
}
