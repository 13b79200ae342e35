//! The queue view as text snapshots (insta), built only through `update` with protocol
//! frames at a fixed time in UTC: a supervisor's view at 80x24 and 120x32 in English and
//! Russian, a plain operator's (their departments, read-only), more chats than fit, and the
//! urgency styles under NO_COLOR written out as modifiers beside the text.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, DepartmentInfo, EventBody, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PrechatFields, VisitorProfile,
};

use super::screen_test::{draw, shown_text as text, styled};
use crate::app::{Action, Event, State, update};

const NOW: i64 = 1_795_000_000_000;
const SEC: i64 = 1_000;
const ME: i64 = 3;
const BORIS: i64 = 4;
const VERA: i64 = 5;

fn frame(f: OperatorOut) -> Event {
    Event::Frame(Box::new(f))
}

/// Chat `id` of visitor `name`, started `ago` seconds before now.
fn chat(id: i64, name: &str, status: ChatStatus, ago: i64, department: Option<&str>) -> ChatState {
    let operator_id = (status == ChatStatus::Active).then_some(BORIS);
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status,
            operator_id,
            department: department.map(str::to_owned),
            created_at: NOW - ago * SEC,
            accepted_at: operator_id.map(|_| NOW - ago * SEC),
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: Some(name.into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        Vec::new(),
    )
}

fn operator(id: i64, name: &str, role: OperatorRole, status: OperatorStatus) -> OperatorInfo {
    OperatorInfo {
        status,
        status_since: Some(NOW - id * 95 * SEC),
        ..OperatorInfo::new(id, name.to_lowercase(), name, role)
    }
}

/// Logged in as Анна (`role`), the queue view open at `width`x`height`, with `chats`.
fn state(
    strings: &'static crate::i18n::Strings,
    role: OperatorRole,
    size: (u16, u16),
    chats: Vec<ChatState>,
) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    s.now = NOW;
    let (width, height) = size;
    update(&mut s, Event::Resize { width, height });
    let me = operator(ME, "Анна", role, OperatorStatus::Online);
    update(&mut s, frame(OperatorOut::welcome(me.clone(), 10)));
    let operators = vec![
        me,
        operator(
            BORIS,
            "Борис",
            OperatorRole::Operator,
            OperatorStatus::Online,
        ),
        operator(
            VERA,
            "Вера 🌸",
            OperatorRole::Operator,
            OperatorStatus::Offline,
        ),
    ];
    update(&mut s, frame(OperatorOut::snapshot(10, chats, operators)));
    let department = |key: &str, title: &str, operator_ids: Vec<i64>| DepartmentInfo {
        key: key.into(),
        title: title.into(),
        operator_ids,
    };
    update(
        &mut s,
        frame(OperatorOut::Departments {
            departments: vec![
                department("sales", "Отдел продаж", vec![ME, BORIS]),
                department("support", "サポート窓口", vec![VERA]),
            ],
            max_chats: Some(3),
        }),
    );
    // Boris steps away 20 seconds ago: the view shows it from the event's time.
    update(
        &mut s,
        frame(OperatorOut::Event {
            seq: 11,
            ts: NOW - 20 * SEC,
            event: EventBody::OperatorStatusChanged {
                operator_id: BORIS,
                status: OperatorStatus::Away,
                operator: None,
            },
        }),
    );
    update(&mut s, Event::Action(Action::ToggleQueue));
    s
}

/// Waits of 10, 44, 50, 75 s and a visitor waiting 61 s for Boris's answer.
fn chats() -> Vec<ChatState> {
    let mut answer = chat(5, "Игорь", ChatStatus::Active, 300, Some("sales"));
    answer.messages.push(frontdesk_protocol::Message {
        id: 500,
        chat_id: 5,
        seq: 9,
        ts: NOW - 61 * SEC,
        author: frontdesk_protocol::Author {
            role: frontdesk_protocol::Role::Visitor,
            operator_id: None,
            name: None,
        },
        kind: frontdesk_protocol::MessageKind::Text,
        text: "Алло?".into(),
        client_id: None,
        attachment: None,
    });
    vec![
        chat(1, "Ольга", ChatStatus::Waiting, 10, None),
        chat(2, "John 👋 Smith", ChatStatus::Waiting, 44, Some("sales")),
        chat(3, "王小明", ChatStatus::Waiting, 50, Some("support")),
        chat(
            4,
            "Очень длинное имя посетителя, которое не влезает",
            ChatStatus::Waiting,
            75,
            Some("sales"),
        ),
        answer,
    ]
}

#[test]
fn en_80x24_supervisor() {
    let s = state(
        &crate::i18n::EN,
        OperatorRole::Supervisor,
        (80, 24),
        chats(),
    );
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_80x24_plain_operator() {
    let s = state(&crate::i18n::RU, OperatorRole::Operator, (80, 24), chats());
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn en_120x32_supervisor() {
    let s = state(
        &crate::i18n::EN,
        OperatorRole::Supervisor,
        (120, 32),
        chats(),
    );
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_120x32_supervisor_cursor_moved() {
    let mut s = state(
        &crate::i18n::RU,
        OperatorRole::Supervisor,
        (120, 32),
        chats(),
    );
    update(&mut s, Event::Action(Action::SelectNext));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn en_80x24_more_chats_than_fit_keep_the_cursor_in_view() {
    let many = (1..=30)
        .map(|i| chat(i, &format!("Visitor {i}"), ChatStatus::Waiting, i * 7, None))
        .collect();
    let mut s = state(&crate::i18n::EN, OperatorRole::Supervisor, (80, 24), many);
    update(&mut s, Event::Action(Action::SelectLast));
    insta::assert_snapshot!(text(&draw(&s)));
}

/// At 80 columns the totals keep their first response median; who left before an answer
/// (2 here) is said where the line has room (the 120-column snapshot).
#[test]
fn ru_80x24_with_todays_totals() {
    let mut s = state(
        &crate::i18n::RU,
        OperatorRole::Supervisor,
        (80, 24),
        chats(),
    );
    let metrics = frontdesk_protocol::stats::Metrics {
        chats_started: 37,
        chats_answered: 33,
        chats_missed: 4,
        chats_left_waiting: 2,
        first_response_median_ms: Some(41_000),
        ..Default::default()
    };
    update(&mut s, Event::Today(Ok(Box::new(metrics))));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn en_120x32_with_todays_totals_none_answered_yet() {
    let mut s = state(
        &crate::i18n::EN,
        OperatorRole::Supervisor,
        (120, 32),
        chats(),
    );
    let metrics = frontdesk_protocol::stats::Metrics {
        chats_started: 3,
        chats_left_waiting: 1,
        ..Default::default()
    };
    update(&mut s, Event::Today(Ok(Box::new(metrics))));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn en_80x24_no_color_styles() {
    let mut s = state(
        &crate::i18n::EN,
        OperatorRole::Supervisor,
        (80, 24),
        chats(),
    );
    s.screen.no_color = true;
    let buf = draw(&s);
    // Without colour every cell has the default colours: only modifiers tell states apart.
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    insta::assert_snapshot!(styled(&buf));
}

#[test]
fn nothing_overflows_at_any_small_size() {
    for (width, height) in [(80, 24), (60, 20), (40, 12), (20, 8), (8, 4)] {
        let s = state(
            &crate::i18n::RU,
            OperatorRole::Supervisor,
            (width, height),
            chats(),
        );
        let screen = text(&draw(&s));
        for line in screen.lines() {
            assert_eq!(
                crate::app::wrap::width(line),
                usize::from(width),
                "{line:?}"
            );
        }
    }
}

#[test]
fn the_wait_moves_as_time_passes() {
    let mut s = state(
        &crate::i18n::EN,
        OperatorRole::Supervisor,
        (80, 24),
        chats(),
    );
    assert!(text(&draw(&s)).contains("1:15"));
    update(&mut s, Event::Tick { now: NOW + 2 * SEC });
    let screen = text(&draw(&s));
    assert!(
        screen.contains("1:17") && screen.contains("+0:17"),
        "{screen}"
    );
}

/// Two waiting visitors have left the site: their rows say so, still in wait order.
#[test]
fn ru_80x24_visitors_who_left_the_site() {
    let mut s = state(
        &crate::i18n::RU,
        OperatorRole::Supervisor,
        (80, 24),
        chats(),
    );
    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[2, 4]),
    };
    update(&mut s, frame(away));
    insta::assert_snapshot!(text(&draw(&s)));
}
