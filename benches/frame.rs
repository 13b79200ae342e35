//! One frame of the console with a long history: drawing must cost the same whatever the
//! history's length, because messages are wrapped once on arrival and only the visible rows
//! are built. Four panes, each showing a chat with 10 or with 10,000 messages, plus the
//! visitor card, at 160x48. Results: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk::app::{Action, Event, State, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

fn state(messages: i64) -> State {
    let mut s = support::four_panes((1..=4).map(|id| support::chat(id, messages)).collect());
    update(&mut s, Event::Action(Action::ToggleCard));
    s
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
