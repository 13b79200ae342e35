//! One frame of the console with a long history: drawing must cost the same whatever the
//! history's length, because messages are wrapped once on arrival and only the visible rows
//! are built. Four panes, each showing a chat with 10 or with 10,000 messages, plus the
//! visitor card, at 160x48; and the same with a thousand chats in the list. Results:
//! docs/benchmarks.md.
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
    // A busy console: a thousand chats in the list (ten messages each), four of them open.
    let mut group = c.benchmark_group("frame_160x48_4_panes_1000_chats_in_list");
    let s = support::four_panes((1..=1000).map(|id| support::chat(id, 10)).collect());
    assert_eq!(s.chats.len(), 1000, "the list must hold a thousand chats");
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    group.bench_function("frame", |b| {
        b.iter(|| {
            terminal.draw(|f| frontdesk::ui::render(&s, f)).unwrap();
        });
    });
    group.finish();
}

/// A key typed into the reply box during work on four busy panes: the whole frame it used to
/// draw, against the reply box drawn alone (`frontdesk::screen`), and applying the key without
/// drawing (what drawing adds). Each iteration types a letter and deletes it again: two keys.
fn typed_key(c: &mut Criterion) {
    #[derive(Clone, Copy, PartialEq)]
    enum Draw {
        WholeFrame,
        ReplyBoxAlone,
        /// The box alone, then the standards check the loop runs once the letter is on
        /// screen, and the box again: all a typed letter costs the console.
        ReplyBoxAloneAndCheck,
        Nothing,
    }
    let mut group = c.benchmark_group("typed_key_160x48_4_panes_two_keys");
    let key = |k| {
        Event::Action(Action::ComposeInput(ratatui_textarea::Input {
            key: k,
            ..Default::default()
        }))
    };
    // The terminal run's key probes type into an empty box (placeholder, hints and the
    // offered reply change with the first letter); the others into a draft under way.
    const UNDER_WAY: &str = "Здравствуйте! Посмотрю, когда курьер";
    // A long answer with the writing rules' marks in it (slang, a lowercase start, the polite
    // «ваш» in lowercase), as an operator's reply is before it is sent: 450-odd characters.
    const LONG_WITH_MARKS: &str = "Здравствуйте, Ольга! Спасибо за ожидание. я проверила \
        ваш заказ, он уже собран на складе и будет передан в доставку завтра утром. Курьер \
        позвонит вам за час до приезда, щас уточню время. Если вам удобнее забрать заказ \
        самостоятельно, могу оформить самовывоз из пункта на Ленинском проспекте. Подскажите, \
        пожалуйста, как вам будет удобнее";
    for (draw, draft, name) in [
        (Draw::WholeFrame, UNDER_WAY, "whole_frame"),
        (Draw::ReplyBoxAlone, UNDER_WAY, "reply_box_alone"),
        (Draw::ReplyBoxAlone, "", "reply_box_alone_empty_draft"),
        (
            Draw::ReplyBoxAloneAndCheck,
            "",
            "reply_box_alone_and_check_empty_draft",
        ),
        (
            Draw::ReplyBoxAlone,
            LONG_WITH_MARKS,
            "reply_box_alone_long_draft_with_marks",
        ),
        (Draw::Nothing, UNDER_WAY, "update_only"),
        (Draw::Nothing, "", "update_only_empty_draft"),
    ] {
        let mut s = state(10_000);
        update(&mut s, Event::Action(Action::ToggleCard));
        s.focus = frontdesk::app::Focus::Compose;
        s.compose.insert_str(draft);
        update(&mut s, Event::CheckDraft);
        if draft == LONG_WITH_MARKS {
            assert!(s.writing.marks.len() >= 3, "{:?}", s.writing.marks);
        }
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let mut screen = frontdesk::screen::Screen::default();
        screen.draw(&mut terminal, &s).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                for k in [
                    ratatui_textarea::Key::Char('z'),
                    ratatui_textarea::Key::Backspace,
                ] {
                    update(&mut s, key(k));
                    match draw {
                        Draw::WholeFrame => screen.draw(&mut terminal, &s).unwrap(),
                        Draw::ReplyBoxAlone => {
                            assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
                        }
                        Draw::ReplyBoxAloneAndCheck => {
                            // As the loop does (`run.rs`).
                            assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
                            let drawn_with: Vec<_> =
                                s.writing.marks_for(s.compose.lines()).cloned().collect();
                            update(&mut s, Event::CheckDraft);
                            if s.writing.marks != drawn_with {
                                assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
                            }
                        }
                        Draw::Nothing => {}
                    }
                }
            });
        });
    }
    // The letter echoed before `update` (`Screen::echo`): the time from the key to the
    // letter's write. The box is drawn after it, as the follow-up does, outside the timing.
    let mut s = state(10_000);
    update(&mut s, Event::Action(Action::ToggleCard));
    s.focus = frontdesk::app::Focus::Compose;
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut screen = frontdesk::screen::Screen::default();
    screen.draw(&mut terminal, &s).unwrap();
    group.bench_function("echo_letter_empty_draft", |b| {
        b.iter_custom(|iterations| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let typed = [key(ratatui_textarea::Key::Char('z'))];
                let start = std::time::Instant::now();
                assert!(screen.echo(&mut terminal, &s, &typed).unwrap());
                spent += start.elapsed();
                let [typed] = typed;
                update(&mut s, typed);
                assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
                update(&mut s, key(ratatui_textarea::Key::Backspace));
                assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
            }
            spent
        });
    });
    group.finish();
}

criterion_group!(benches, frame, typed_key);
criterion_main!(benches);
