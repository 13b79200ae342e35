use super::*;
use crate::i18n::{EXPORT_EN, EXPORT_RU};

fn now() -> Timestamp {
    "2026-12-10T12:00:00Z".parse().expect("time")
}

fn ms(t: &str) -> i64 {
    t.parse::<Timestamp>().expect("time").as_millisecond()
}

fn known() -> Known {
    Known {
        departments: vec!["sales".into(), "Support".into()],
        operators: vec!["anna".into(), "boris".into()],
    }
}

fn read(args: &str) -> Result<Asked, String> {
    parse(args, &known(), now(), &TimeZone::UTC, &EXPORT_EN)
}

#[test]
fn nothing_or_a_format_alone_is_the_focused_chat() {
    let bare = read("").expect("bare");
    assert_eq!(bare.filter, None);
    assert_eq!(bare.format, None);
    let csv = read("CSV").expect("a format");
    assert_eq!((csv.filter, csv.format), (None, Some(Format::Csv)));
}

#[test]
fn an_age_counts_back_from_now_and_words_come_in_any_order() {
    let asked = read("csv 24h sales").expect("good words");
    assert_eq!(asked.format, Some(Format::Csv));
    assert_eq!(asked.label, "24h sales");
    let filter = asked.filter.expect("a period");
    assert_eq!(filter.since, ms("2026-12-09T12:00:00Z"));
    assert_eq!(filter.until, now().as_millisecond() + 1);
    assert_eq!(filter.department.as_deref(), Some("sales"));
    assert_eq!(filter.operator, None);
}

#[test]
fn a_range_of_dates_ends_before_its_second_date_and_names_keep_the_servers_spelling() {
    let asked = read("2026-12-01..2026-12-08 ANNA support jsonl").expect("good words");
    let filter = asked.filter.expect("a period");
    assert_eq!(filter.since, ms("2026-12-01T00:00:00Z"));
    assert_eq!(filter.until, ms("2026-12-08T00:00:00Z"));
    assert_eq!(filter.operator.as_deref(), Some("anna"));
    assert_eq!(filter.department.as_deref(), Some("Support"));
    assert_eq!(asked.format, Some(Format::Jsonl));
    // An open end: up to now.
    let open = read("2026-12-01..")
        .expect("open range")
        .filter
        .expect("period");
    assert_eq!(open.until, now().as_millisecond() + 1);
    // A time is one word with a `T`.
    let at = read("2026-12-01T14:30..2026-12-02")
        .expect("a time")
        .filter
        .expect("period");
    assert_eq!(at.since, ms("2026-12-01T14:30:00Z"));
    // A single date: since that day.
    let day = read("2026-12-01").expect("a date").filter.expect("period");
    assert_eq!(day.since, ms("2026-12-01T00:00:00Z"));
}

#[test]
fn bad_words_say_which_word_and_what_would_do() {
    let cases = [
        ("7d mars", "`mars` is not a period"),
        ("7d 24h", "`24h`: one period"),
        ("7d csv jsonl", "`jsonl`: one period"),
        ("7d sales support", "`support`: one period"),
        (
            "2026-12-08..2026-12-01",
            "`2026-12-08..2026-12-01`: not a period",
        ),
        ("..2026-12-01", "`..2026-12-01`: not a period"),
        ("2026-13-01..", "`2026-13-01..`: not a period"),
        ("sales csv", "needs a period: :export 7d sales"),
        ("anna", "needs a period: :export 7d anna"),
    ];
    for (args, says) in cases {
        let err = read(args).expect_err(args);
        assert!(err.contains(says), "{args}: {err}");
    }
    let ru = parse("7d марс", &known(), now(), &TimeZone::UTC, &EXPORT_RU).expect_err("ru");
    assert!(ru.contains("`марс`") && ru.contains("период"), "{ru}");
}
