//! The canned picker ranks the whole library on every key, so one call must stay far below a
//! frame. Copies of the shipped library, 300 replies in Russian and English, with a
//! query found by words, a one-letter query, a phrase, and a typo that only the fuzzy tiers
//! find. Results: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk::canned::library::parse_files;
use frontdesk::canned::rank::rank;
use frontdesk::canned::shipped;
use frontdesk::canned::usage::Usage;

/// Copies of the shipped replies, each with its own ids and shortcuts, 300 in all.
fn library() -> frontdesk::canned::library::Library {
    let shipped = shipped::files();
    let files: Vec<(String, String)> = (0..)
        .flat_map(|n| shipped.iter().map(move |(name, text)| (n, name, text)))
        .take(300)
        .map(|(n, name, text)| {
            let text = text
                .replacen("id = \"", &format!("id = \"x{n}"), 1)
                .replace("shortcut = \"", &format!("shortcut = \"x{n}"));
            (format!("{n}{name}"), text)
        })
        .collect();
    let loaded = parse_files(&files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.library
}

fn picker(c: &mut Criterion) {
    let lib = library();
    assert_eq!(lib.replies.len(), 300, "the benchmark ranks 300 replies");
    let usage = Usage::new();
    let mut group = c.benchmark_group("picker_rank_300_replies");
    for query in ["доставк", "д", "нет в наличии", "specalist"] {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
            b.iter(|| rank(&lib, &usage, q, &["ru", "en"]));
        });
    }
    group.finish();
}

criterion_group!(benches, picker);
criterion_main!(benches);
