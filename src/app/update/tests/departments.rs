//! Departments in the console: `:transfer <department>` puts the focused chat back in that
//! department's queue, Tab completes department keys, and a requeued chat shows as waiting.

use frontdesk_protocol::{
    ChatStatus, DepartmentInfo, EventBody, OperatorIn, OperatorInfo, OperatorOut, OperatorRole,
};

use super::*;

/// `ready()` with my chat 2 open, colleague boris, and departments sales and billing.
fn open() -> State {
    let mut s = ready();
    let boris = OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator);
    s.operators.insert(boris.id, boris);
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Departments {
            departments: vec![
                DepartmentInfo {
                    key: "sales".into(),
                    title: "Отдел продаж".into(),
                    operator_ids: vec![4],
                },
                DepartmentInfo {
                    key: "billing".into(),
                    title: "Бухгалтерия".into(),
                    operator_ids: vec![],
                },
            ],
            max_chats: None,
        })),
    );
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    s
}

fn box_text(s: &State) -> String {
    s.compose.lines().join("\n")
}

#[test]
fn transfer_to_a_department_by_key_or_title_sends_it_with_the_note() {
    for (line, key, note) in [
        (
            ":transfer billing invoice for a company",
            "billing",
            Some("invoice for a company"),
        ),
        (":transfer бухгалтерия", "billing", None),
        (":transfer SALES", "sales", None),
    ] {
        let mut s = open();
        type_text(&mut s, line);
        let fx = act(&mut s, Action::SendMessage);
        let [
            Effect::Send(OperatorIn::TransferToDepartment {
                chat_id: 2,
                department,
                note: sent,
                ..
            }),
        ] = fx.as_slice()
        else {
            panic!("{line}: {fx:?}");
        };
        assert_eq!(
            (department.as_str(), sent.as_deref()),
            (key, note),
            "{line}"
        );
        assert_eq!(box_text(&s), "", "{line}");
    }
}

#[test]
fn tab_completes_colleagues_first_then_departments() {
    let mut s = open();
    type_text(&mut s, ":transfer bi");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer billing ");

    let mut s = open();
    type_text(&mut s, ":transfer b");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer boris ");

    // By the start of its title too, completed to its key.
    let mut s = open();
    type_text(&mut s, ":transfer отдел");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer sales ");
}

#[test]
fn a_requeued_chat_is_waiting_for_its_department_again() {
    let mut s = open();
    let fx = update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 99,
            ts: 5,
            event: EventBody::ChatRequeued {
                chat_id: 2,
                from_operator_id: 3,
                department: "billing".into(),
                note: None,
            },
        })),
    );
    let chat = &s.chats[&2];
    assert_eq!(chat.chat.status, ChatStatus::Waiting);
    assert_eq!(chat.chat.operator_id, None);
    assert_eq!(chat.chat.department.as_deref(), Some("billing"));
    let last = chat.messages.last().expect("a system line");
    assert!(
        chat.text_of(last).contains("Бухгалтерия"),
        "{}",
        chat.text_of(last)
    );
    // What was said while a colleague had it never reached this console: it is asked for.
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::History { chat_id: 2, .. }))),
        "{fx:?}"
    );
}
