//! The canned picker ranks the whole library on every key, so one call must stay far below a
//! frame. The shipped library copied ten times (300 replies, Russian and English), with a
//! query found by words, a one-letter query, a phrase, and a typo that only the fuzzy tiers
//! find. Results: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontdesk::canned::library::parse_files;
use frontdesk::canned::rank::rank;
use frontdesk::canned::shipped;
use frontdesk::canned::usage::Usage;

/// The shipped replies ten times over, each copy with its own ids and shortcuts.
fn library() -> frontdesk::canned::library::Library {
    let mut files = Vec::new();
    for n in 0..10 {
        for (name, text) in shipped::files() {
            let text = text
                .replacen("id = \"", &format!("id = \"x{n}"), 1)
                .replace("shortcut = \"", &format!("shortcut = \"x{n}"));
            files.push((format!("{n}{name}"), text));
        }
    }
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
