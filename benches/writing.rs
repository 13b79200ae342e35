//! The reply box is checked on every change while the operator types, so checking a long
//! draft (about 500 characters, Russian and English, a few mistakes and rule hits) must cost
//! well under a millisecond once the dictionaries are in; suggestions are asked for one word at
//! a time, on a key. Also the dictionaries' load time, which the console spends in the
//! background at start. Debian's hunspell-ru and hunspell-en-us (the test command installs
//! them). Results: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use frontdesk::writing::rules_file::Rules;
use frontdesk::writing::spell::{DEFAULT_DIR, Speller, load_dictionary};
use frontdesk::writing::{check, words};

const DRAFT: &str = "Здраствуйте, Ольга! Спасибо, что написали нам. Ваш заказ A-1043 уже \
    собран и передан в службу доставки, трек-номер пришлём на почту olga@example.ru сегодня \
    вечером. щас уточню у склада, можно ли привезти его завтра до обеда!!! Если удобнее \
    забрать самостоятельно, пункт выдачи работает с 9 до 21 часа, адрес есть на странице \
    https://shop.example/pickup. By the way, we also ship to Kazan in two days, pls let me \
    know if you need it. Я не знаю точной даты поставки нового цвета, но уточню и вернусь";

fn speller() -> Speller {
    let dir = Path::new(DEFAULT_DIR);
    let started = Instant::now();
    let ru = load_dictionary(dir, "ru_RU").expect("hunspell-ru");
    let en = load_dictionary(dir, "en_US").expect("hunspell-en-us");
    eprintln!("dictionaries loaded in {:?}", started.elapsed());
    Speller::new(Some(ru), Some(en))
}

fn writing(c: &mut Criterion) {
    let chars = DRAFT.chars().count();
    assert!((480..=560).contains(&chars), "{chars} characters");
    let speller = speller();
    let rules = Rules::default();
    let marks = check(Some(&speller), &rules, DRAFT);
    assert!(
        marks.len() >= 5,
        "the draft has mistakes to find: {marks:?}"
    );
    c.bench_function("check_500_char_draft", |b| {
        b.iter(|| check(Some(&speller), &rules, DRAFT));
    });
    c.bench_function("rules_only_500_char_draft", |b| {
        b.iter(|| check(None, &rules, DRAFT));
    });
    let word = words::words("здраствуйте").remove(0);
    c.bench_function("suggest_one_word", |b| {
        b.iter(|| speller.suggest(&word, 5));
    });
}

criterion_group!(benches, writing);
criterion_main!(benches);
