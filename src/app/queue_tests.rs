//! The queue view's rows: order, urgency, rights, time in status and load.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, DepartmentInfo, OperatorInfo, OperatorRole, OperatorStatus,
    PrechatFields, VisitorProfile,
};

use super::*;
use crate::app::state::ChatView;

const NOW: Millis = 1_795_000_100_000;
const ME: i64 = 3;
const BORIS: i64 = 4;

fn operator(id: i64, name: &str, role: OperatorRole) -> OperatorInfo {
    OperatorInfo::new(id, name, name, role)
}

fn state(role: OperatorRole) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.now = NOW;
    s.me = Some(operator(ME, "Анна", role));
    s.operators.insert(ME, operator(ME, "Анна", role));
    s.operators
        .insert(BORIS, operator(BORIS, "Борис", OperatorRole::Operator));
    s.departments = vec![
        DepartmentInfo {
            key: "sales".into(),
            title: "Отдел продаж".into(),
            operator_ids: vec![ME, BORIS],
        },
        DepartmentInfo {
            key: "support".into(),
            title: "Support".into(),
            operator_ids: vec![BORIS],
        },
    ];
    s
}

/// Chat `id` of `status` started `ago` ms before `NOW`, in `department`.
fn add(s: &mut State, id: i64, status: ChatStatus, ago: Millis, department: Option<&str>) {
    let chat = ChatState::new(
        Chat {
            id,
            visitor_id: id * 10,
            status,
            operator_id: (status == ChatStatus::Active).then_some(BORIS),
            department: department.map(str::to_owned),
            created_at: NOW - ago,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: id * 10,
            fields: PrechatFields::default(),
            ..VisitorProfile::default()
        },
        Vec::new(),
    );
    let mut view = ChatView::new(chat, Some(ME), s.strings);
    if status == ChatStatus::Active {
        view.awaiting_since = Some(NOW - ago);
    }
    s.chats.insert(id, view);
}

fn ids(rows: &[ChatRow]) -> Vec<i64> {
    rows.iter().map(|r| r.chat_id).collect()
}

#[test]
fn chats_come_longest_wait_first_with_answers_awaited_among_them() {
    let mut s = state(OperatorRole::Supervisor);
    add(&mut s, 1, ChatStatus::Waiting, 10_000, None);
    add(&mut s, 2, ChatStatus::Waiting, 70_000, Some("sales"));
    add(&mut s, 3, ChatStatus::Active, 30_000, None);
    add(&mut s, 4, ChatStatus::Closed, 99_000, None);
    add(&mut s, 5, ChatStatus::Waiting, 30_000, None);
    let rows = chat_rows(&s);
    assert_eq!(ids(&rows), vec![2, 3, 5, 1]);
    assert_eq!(rows[0].waited, 70_000);
    assert_eq!(rows[0].department.as_deref(), Some("Отдел продаж"));
    assert_eq!(rows[1].operator.as_deref(), Some("Борис"));
    assert_eq!(cursor_index(&s, &rows), Some(0));
}

#[test]
fn an_active_chat_nobody_waits_in_is_not_listed() {
    let mut s = state(OperatorRole::Supervisor);
    add(&mut s, 1, ChatStatus::Active, 5_000, None);
    s.chats.get_mut(&1).expect("chat").awaiting_since = None;
    assert!(chat_rows(&s).is_empty());
}

#[test]
fn urgency_warns_from_45_seconds_and_breaches_from_60() {
    let t = Targets::default();
    let at = |secs: i64| urgency(secs * 1000, t);
    assert_eq!(at(44), Urgency::Calm);
    assert_eq!(at(45), Urgency::Warning);
    assert_eq!(at(59), Urgency::Warning);
    assert_eq!(at(60), Urgency::Breach);
    assert_eq!(at(61), Urgency::Breach);
    assert_eq!(left_ms(44_000, t), 16_000);
    assert_eq!(left_ms(61_000, t), -1_000);
    let custom = Targets {
        warn_after_ms: 20_000,
        breach_after_ms: 30_000,
    };
    assert_eq!(urgency(25_000, custom), Urgency::Warning);
    assert_eq!(urgency(30_000, custom), Urgency::Breach);
}

#[test]
fn a_plain_operator_sees_their_departments_and_the_common_queue() {
    let mut s = state(OperatorRole::Operator);
    add(&mut s, 1, ChatStatus::Waiting, 10_000, Some("support"));
    add(&mut s, 2, ChatStatus::Waiting, 20_000, Some("sales"));
    add(&mut s, 3, ChatStatus::Waiting, 30_000, None);
    add(&mut s, 4, ChatStatus::Active, 40_000, Some("sales"));
    let rows = chat_rows(&s);
    assert_eq!(ids(&rows), vec![4, 3, 2]);
    // Waiting chats open; a colleague's active chat is read-only.
    let openable: Vec<bool> = rows.iter().map(|r| r.openable).collect();
    assert_eq!(openable, vec![false, true, true]);
    assert!(limited(&s));
}

#[test]
fn a_supervisor_sees_and_opens_everything() {
    let mut s = state(OperatorRole::Supervisor);
    add(&mut s, 1, ChatStatus::Waiting, 10_000, Some("support"));
    add(&mut s, 4, ChatStatus::Active, 40_000, Some("support"));
    let rows = chat_rows(&s);
    assert_eq!(ids(&rows), vec![4, 1]);
    assert!(rows.iter().all(|r| r.openable));
    assert!(!limited(&s));
}

#[test]
fn operators_show_time_in_status_and_load_against_the_cap() {
    let mut s = state(OperatorRole::Supervisor);
    add(&mut s, 1, ChatStatus::Active, 1_000, None);
    add(&mut s, 2, ChatStatus::Active, 1_000, None);
    let boris = s.operators.get_mut(&BORIS).expect("boris");
    boris.status = OperatorStatus::Away;
    boris.status_since = Some(NOW - 125_000);
    s.max_chats = Some(3);
    let rows = operator_rows(&s);
    assert_eq!(rows.len(), 2);
    // Online first, then away.
    assert_eq!((rows[0].id, rows[0].in_status), (ME, None));
    assert_eq!(rows[1].id, BORIS);
    assert_eq!(rows[1].in_status, Some(125_000));
    assert_eq!((rows[1].active, rows[1].cap), (2, Some(3)));
}

#[test]
fn a_plain_operator_sees_only_colleagues_of_their_departments() {
    let mut s = state(OperatorRole::Operator);
    s.operators
        .insert(9, operator(9, "Вера", OperatorRole::Operator));
    let seen: Vec<i64> = operator_rows(&s).iter().map(|o| o.id).collect();
    assert_eq!(seen, vec![ME, BORIS], "by name: Анна, Борис");
    s.departments.clear();
    assert_eq!(operator_rows(&s).len(), 3, "no departments: everyone");
}
