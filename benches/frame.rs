//! One frame of the console with a long history: drawing must cost the same whatever the
//! history's length, because messages are wrapped once on arrival and only the visible rows
//! are built. Four panes, each showing a chat with 10 or with 10,000 messages, plus the
//! visitor card, at 160x48. Results: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk::app::{Action, Event, State, update};
use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PageView, PrechatFields, Role, VisitorProfile,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const T0: i64 = 1_795_000_000_000;

fn message(chat_id: i64, id: i64) -> Message {
    let visitor = id % 2 == 0;
    Message {
        id,
        chat_id,
        seq: u64::try_from(id).unwrap(),
        ts: T0 + id * 1000,
        author: Author {
            role: if visitor {
                Role::Visitor
            } else {
                Role::Operator
            },
            operator_id: (!visitor).then_some(3),
            name: Some(if visitor { "Ольга" } else { "Анна" }.into()),
        },
        kind: MessageKind::Text,
        text: format!(
            "Сообщение {id}: здравствуйте, подскажите, пожалуйста, сроки доставки в Казань 🚚 — 東京も?"
        ),
        client_id: None,
    }
}

fn state(messages: i64) -> State {
    let mut s = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    update(
        &mut s,
        Event::Resize {
            width: 160,
            height: 48,
        },
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Welcome {
            operator: OperatorInfo {
                id: 3,
                name: "anna".into(),
                display_name: "Анна".into(),
                role: OperatorRole::Operator,
                status: OperatorStatus::Online,
            },
            head_seq: 1,
            resumed: false,
        })),
    );
    let chats = (1..=4).map(|id| chat(id, messages)).collect();
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Snapshot {
            seq: 1,
            chats,
            operators: vec![],
        })),
    );
    // Four panes, one chat each.
    update(&mut s, Event::Action(Action::SelectNext));
    update(&mut s, Event::Action(Action::OpenSelected));
    for _ in 0..3 {
        update(&mut s, Event::Action(Action::SelectNext));
        update(&mut s, Event::Action(Action::SplitVertical));
    }
    update(&mut s, Event::Action(Action::ToggleCard));
    s
}

fn chat(id: i64, messages: i64) -> ChatState {
    ChatState {
        chat: Chat {
            id,
            visitor_id: 40 + id,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: T0,
            accepted_at: Some(T0),
            closed_at: None,
        },
        visitor: VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                email: Some("olga@example.ru".into()),
                ..PrechatFields::default()
            },
            pages: (0..20)
                .map(|i| PageView {
                    url: format!("https://shop.example/catalog/{i}"),
                    title: Some(format!("Каталог {i}")),
                    referrer: None,
                    search_query: None,
                    ts: T0 + i,
                })
                .collect(),
            visits: 3,
            chats: 2,
            ..VisitorProfile::default()
        },
        messages: (1..=messages).map(|i| message(id, i)).collect(),
    }
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_160x48_4_panes_with_card");
    for messages in [10, 10_000] {
        let s = state(messages);
        assert_eq!(s.panes.len(), 4, "the benchmark must draw four panes");
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(messages), &s, |b, s| {
            b.iter(|| {
                terminal.draw(|f| frontdesk::ui::render(s, f)).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
