//! What a flood message costs the console from the socket's text to its state: the frame
//! decoded and applied (`update`) in a 160x48 console with four panes open, the chats waiting;
//! with `--draw`, also a frame drawn every hundred messages, as a flood gets them. Texts as `frontdesk-loadgen` writes them (100 characters, Russian). One number
//! a run: the time a message, printed with the wall time. Counted instead of timed under
//! callgrind, where `apply_all` holds the part that scales with the messages:
//!
//! `valgrind --tool=callgrind --toggle-collect='*apply_all*' target/release/deps/apply_cpu-* 4000`
//!
//! (the difference of two counts, e.g. 2,000 and 4,000 messages, divided by 2,000, is the
//! instructions a message). `cargo bench --bench apply_cpu [-- MESSAGES]`; results in
//! docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Instant;

use frontdesk::app::{Event, State, update};
use frontdesk::screen::Screen;
use frontdesk_protocol::{EventBody, OperatorOut, decode_operator_out, encode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FILLER: &str = "Здравствуйте! Подскажите, есть ли доставка в Казань?";

/// The console's frames in a flood: five a second, one every hundred messages at 500/s.
const MESSAGES_A_FRAME: usize = 100;

#[inline(never)]
fn apply_all(s: &mut State, texts: &[String], mut screen: Option<&mut Drawn>) {
    for (i, t) in texts.iter().enumerate() {
        let frame = decode_operator_out(t.as_str()).expect("our own frames");
        update(s, Event::Frame(Box::new(frame)));
        if let Some((screen, terminal)) = screen.as_deref_mut()
            && (i + 1) % MESSAGES_A_FRAME == 0
        {
            screen.draw(terminal, s).expect("drawn");
        }
    }
}

/// The console's screen, drawn as it draws it, onto a test terminal.
type Drawn = (Screen, Terminal<TestBackend>);

fn main() {
    // `cargo bench` passes `--bench`: any number among the arguments is the count; `--draw`
    // also draws the frames a flood gets.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: i64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(20_000);
    let mut screen = args.iter().any(|a| a == "--draw").then(|| {
        let terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
        (Screen::default(), terminal)
    });
    let mut s = support::four_panes((1..=4).map(|id| support::chat(id, 10)).collect());
    let texts: Vec<String> = (0..n)
        .map(|i| {
            let mut m = support::message(1 + i % 4, 1000 + i * 2);
            let mut text = format!("lg:{i}:{} {FILLER}", 1_000_000 + i);
            let more: String = std::iter::once(' ')
                .chain(FILLER.chars())
                .cycle()
                .take(100usize.saturating_sub(text.chars().count()))
                .collect();
            text.push_str(&more);
            m.text = text;
            encode(&OperatorOut::Event {
                seq: 100 + u64::try_from(i).unwrap(),
                ts: support::T0 + 100_000 + i,
                event: EventBody::MessagePosted { message: m },
            })
        })
        .collect();
    let start = Instant::now();
    apply_all(&mut s, &texts, screen.as_mut());
    let took = start.elapsed();
    std::hint::black_box(&s);
    let drawn = if screen.is_some() { ", drawn" } else { "" };
    println!(
        "{n} messages decoded and applied{drawn} in {:.1} ms: {:.2} µs a message",
        took.as_secs_f64() * 1000.0,
        took.as_secs_f64() * 1e6 / n as f64
    );
}
