//! The search indexer turns every stored message into stems (`search::words::terms`) off the
//! write path, but on the server's CPU: at 1,000 msg/s it is a tenth of the store's cost per
//! message (`writer_cpu`). Messages like the load generator's, in Russian and English, and one
//! with invisible characters inside words. Results: docs/benchmarks.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk_server::search::words::terms;

fn messages() -> [(&'static str, &'static str); 3] {
    [
        (
            "russian",
            "Здравствуйте! Подскажите, пожалуйста, есть ли доставка в выходные дни и сколько она стоит? Заказ №48213",
        ),
        (
            "english",
            "Hello, could you tell me whether you deliver on weekends and how much it costs? Order #48213, thanks",
        ),
        (
            "invisible",
            "Оль\u{200B}га из Ёлкино: «ЗАКАЗАЛА» три сту\u{AD}ла, где мой заказ? Ordered\u{200D}Items",
        ),
    ]
}

fn bench_terms(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_terms");
    for (name, text) in messages() {
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| terms(text));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_terms);
criterion_main!(benches);
