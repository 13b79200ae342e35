//! Memory of a long day: the console's resident size with 1,000 chats of 1,000 messages each
//! loaded into its state (four of them open in panes, so wrapped). Messages arrive one by one
//! as `message_posted` events, the way a running console gets them, with everyday lengths.
//! Prints resident set size (Linux `VmRSS`) before and after. Results: docs/benchmarks.md.
//!
//! `cargo bench --bench memory`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk::app::{Event, update};
use frontdesk_protocol::{EventBody, OperatorOut};

mod support;

const CHATS: i64 = 1_000;
const PER_CHAT: i64 = 1_000;

/// What visitors and operators write, short and long, in both languages.
const TEXTS: [&str; 8] = [
    "Здравствуйте!",
    "Подскажите, пожалуйста, когда будет доставка в Казань?",
    "Hello, is the blue one in stock?",
    "Одну минуту, уточню у склада и сразу вернусь с ответом.",
    "Спасибо 👍",
    "Заказ 48213, оплатил картой вчера, а статус всё ещё «ожидает оплаты». Что делать?",
    "Sure, I have sent the tracking link to your e-mail.",
    "Да, размер M есть, могу забронировать для Вас до вечера.",
];

fn main() {
    let before = rss_kib();
    let mut s = support::four_panes((1..=CHATS).map(|id| support::chat(id, 0)).collect());
    let mut text_bytes = 0usize;
    let mut seq = 1u64;
    for round in 0..PER_CHAT {
        for chat_id in 1..=CHATS {
            seq += 1;
            let mut message = support::message(chat_id, chat_id * PER_CHAT + round);
            message.seq = seq;
            message.text = TEXTS[usize::try_from((round + chat_id) % 8).unwrap()].to_owned();
            text_bytes += message.text.len();
            let event = OperatorOut::Event {
                seq,
                ts: message.ts,
                event: EventBody::MessagePosted { message },
            };
            update(&mut s, Event::Frame(Box::new(event)));
        }
    }
    let after = rss_kib();
    let messages: usize = s.chats.values().map(|c| c.messages.len()).sum();
    assert_eq!(messages, usize::try_from(CHATS * PER_CHAT).unwrap());
    assert_eq!(s.panes.len(), 4);
    println!(
        "chats: {CHATS}, messages: {messages}, average text: {} bytes",
        text_bytes / messages
    );
    println!(
        "rss before: {:.1} MiB, after: {:.1} MiB, per message: {} bytes",
        f64::from(before) / 1024.0,
        f64::from(after) / 1024.0,
        (u64::from(after - before) * 1024) / u64::try_from(messages).unwrap()
    );
}

/// Resident set size of this process in KiB, from `/proc/self/status`.
fn rss_kib() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}
