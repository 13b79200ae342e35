//! What a flood message costs the console from the socket's text to its state: the frame
//! decoded and applied (`update`) in a 160x48 console with four panes open, the chats waiting,
//! no drawing. Texts as `frontdesk-loadgen` writes them (100 characters, Russian). One number
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
use frontdesk_protocol::{EventBody, OperatorOut, decode_operator_out, encode};

const FILLER: &str = "Здравствуйте! Подскажите, есть ли доставка в Казань?";

#[inline(never)]
fn apply_all(s: &mut State, texts: &[String]) {
    for t in texts {
        let frame = decode_operator_out(t.as_str()).expect("our own frames");
        update(s, Event::Frame(Box::new(frame)));
    }
}

fn main() {
    // `cargo bench` passes `--bench`: any number among the arguments is the count.
    let n: i64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
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
    apply_all(&mut s, &texts);
    let took = start.elapsed();
    std::hint::black_box(&s);
    println!(
        "{n} messages decoded and applied in {:.1} ms: {:.2} µs a message",
        took.as_secs_f64() * 1000.0,
        took.as_secs_f64() * 1e6 / n as f64
    );
}
