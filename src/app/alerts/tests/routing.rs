//! Departments and routing in alerts: another department's waiting chat stays quiet until
//! it is open to everyone, and a chat routing gives me while I look elsewhere is announced.

use frontdesk_protocol::{
    Chat, ChatStatus, DepartmentInfo, EventBody, OperatorOut, VisitorProfile,
};

use super::fixture::{Console, ME, one, shown};
use crate::notify::NotificationsConfig;
use crate::notify::rules::Kind;

fn with_sales(members: Vec<i64>) -> Console {
    let mut c = Console::new(NotificationsConfig::default());
    c.frame(OperatorOut::Departments {
        departments: vec![DepartmentInfo {
            key: "sales".into(),
            title: "Отдел продаж".into(),
            operator_ids: members,
        }],
        max_chats: None,
    });
    c
}

fn sales_chat(c: &mut Console, id: i64) {
    c.event(EventBody::ChatCreated {
        chat: Chat {
            id,
            visitor_id: id * 10,
            status: ChatStatus::Waiting,
            operator_id: None,
            department: Some("sales".into()),
            created_at: c.s.now,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        visitor: VisitorProfile {
            id: id * 10,
            ..VisitorProfile::default()
        },
    });
    c.says(id, "Сколько стоит доставка?");
}

#[test]
fn another_departments_chat_is_quiet_until_it_is_unclaimed() {
    // Operator 4 (online) is sales; I am not.
    let mut c = with_sales(vec![4]);
    let t = c.s.now;
    sales_chat(&mut c, 7);
    assert!(c.at(t + 1_000).is_empty(), "sales keeps it: nothing for me");
    assert!(c.at(t + 120_000).is_empty(), "and no repeats either");

    c.event(EventBody::ChatUnclaimed {
        chat_id: 7,
        department: "sales".into(),
    });
    let n = c.at(c.s.now + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::NewChat);
    assert_eq!(alert.event.chats[0].chat_id, 7);
}

#[test]
fn my_departments_chat_and_a_department_with_nobody_online_call_me() {
    let mut mine = with_sales(vec![ME]);
    let t = mine.s.now;
    sales_chat(&mut mine, 7);
    assert_eq!(one(&mine.at(t + 400)).kind, Kind::NewChat);

    // Operator 5 is in sales but not among the operators the console knows as online.
    let mut unstaffed = with_sales(vec![5]);
    let t = unstaffed.s.now;
    sales_chat(&mut unstaffed, 8);
    assert_eq!(one(&unstaffed.at(t + 400)).kind, Kind::NewChat);
}

#[test]
fn a_chat_routing_gives_me_is_announced_unless_i_look_at_it() {
    let mut c = Console::new(NotificationsConfig::default());
    c.opens(7, "Мария", "Здравствуйте!");
    c.routed(7, ME);
    let n = c.at(c.s.now + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::Transfer);
    assert_eq!(alert.event.chats[0].chat_id, 7);

    c.opens(8, "Иван", "Добрый день");
    c.look_at(8);
    c.routed(8, ME);
    let later = c.at(c.s.now + 60_000);
    assert!(
        later
            .iter()
            .all(|n| !matches!(n, crate::notify::Notice::Show(a) if a.kind == Kind::Transfer)),
        "{later:#?}"
    );
}

#[test]
fn a_colleagues_chat_released_when_they_went_offline_calls_me_as_a_new_chat() {
    let mut c = Console::new(NotificationsConfig::default());
    c.opens(7, "Мария", "Где мой заказ?");
    c.accepted(7, 4);
    let t = c.s.now;
    assert!(
        shown(&c.at(t + 60_000)).is_empty(),
        "a colleague's chat: nothing for me"
    );

    c.event(EventBody::ChatReleased {
        chat_id: 7,
        operator_id: 4,
    });
    let n = c.at(c.s.now + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::NewChat);
    assert_eq!(alert.event.chats[0].chat_id, 7);
}
