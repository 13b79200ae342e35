//! Decoding what a visitor sends, run for every frame the server reads: the general
//! `frontdesk_protocol::decode` and `decode_visitor_in`, which the visitor socket uses (one
//! pass for a message). A message of 100 characters as the load generator sends it, in Russian
//! and English, and a page view. Results: docs/benchmarks.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk_protocol::{VisitorIn, decode, decode_visitor_in};

fn frames() -> [(&'static str, &'static str); 3] {
    [
        (
            "message_russian",
            r#"{"v":1,"type":"message","id":"c-48213-0001","text":"Здравствуйте! Подскажите, пожалуйста, есть ли доставка в выходные дни и сколько она стоит? Заказ №48213"}"#,
        ),
        (
            "message_english",
            r#"{"v":1,"type":"message","id":"c-48213-0002","text":"Hello, could you tell me whether you deliver on weekends and how much it costs? Order #48213, thanks"}"#,
        ),
        (
            "page_view",
            r#"{"v":1,"type":"page_view","id":"p-17","url":"https://shop.example/catalog/chairs?page=2","title":"Стулья — каталог","referrer":"https://yandex.ru/search/?text=%D1%81%D1%82%D1%83%D0%BB"}"#,
        ),
    ]
}

fn bench_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode_visitor_frame");
    for (name, text) in frames() {
        group.bench_with_input(BenchmarkId::new("general", name), text, |b, text| {
            b.iter(|| decode::<VisitorIn>(text).expect("a valid frame"));
        });
        // What the visitor socket uses: one pass for a message.
        group.bench_with_input(BenchmarkId::new("visitor_socket", name), text, |b, text| {
            b.iter(|| decode_visitor_in(text).expect("a valid frame"));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_decode);
criterion_main!(benches);
