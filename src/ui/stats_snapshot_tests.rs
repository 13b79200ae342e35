//! The statistics screen as text snapshots (insta), built only through `update` with the
//! server's answers at a fixed time in UTC: a supervisor's screen at 80x24 and 120x40 in
//! English and Russian, a plain operator's, while loading and after a failure, and the
//! charts under NO_COLOR written out as modifiers beside the text.

use frontdesk_protocol::stats::{GroupBy, GroupStats, Metrics, StatsReport};
use frontdesk_protocol::{OperatorInfo, OperatorOut, OperatorRole, OperatorStatus};

use super::screen_test::{draw, shown_text as text, styled};
use crate::app::{Action, Event, State, update};

const NOW: i64 = 1_795_000_000_000;

/// Logged in as Анна (`role`) at `width`x`height`, the statistics screen open on today.
fn state(strings: &'static crate::i18n::Strings, role: OperatorRole, size: (u16, u16)) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    s.now = NOW;
    let (width, height) = size;
    update(&mut s, Event::Resize { width, height });
    let me = OperatorInfo {
        status: OperatorStatus::Online,
        ..OperatorInfo::new(3, "anna", "Анна", role)
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(me.clone(), 10))),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(10, Vec::new(), vec![me]))),
    );
    update(&mut s, Event::Action(Action::ToggleStats));
    s
}

fn metrics(chats: u64, answered: u64, median: Option<i64>) -> Metrics {
    Metrics {
        chats_started: chats,
        chats_answered: answered,
        first_response_median_ms: median,
        ..Metrics::default()
    }
}

/// 47 chats today, busiest at 14:00; 43 answered, 33 of them within a minute.
fn total() -> Metrics {
    Metrics {
        chats_missed: 4,
        last_message_unanswered: 3,
        chats_left_waiting: 2,
        offline_messages: 2,
        first_response_p90_ms: Some(115_000),
        first_response_within_60s: 33,
        first_response_within_60s_share: Some(0.767),
        response_avg_ms: Some(52_000),
        duration_avg_ms: Some(452_000),
        messages_from_visitors: 212,
        messages_from_operators: 245,
        first_response_buckets: vec![9, 10, 8, 6, 5, 3, 2],
        ..metrics(47, 43, Some(38_000))
    }
}

fn by_hour() -> Box<StatsReport> {
    let chats = [
        (9, 2, 20_000),
        (10, 5, 31_000),
        (11, 8, 44_000),
        (12, 6, 39_000),
        (13, 4, 25_000),
        (14, 9, 71_000),
        (15, 7, 52_000),
        (16, 3, 30_000),
        (17, 2, 18_000),
        (18, 1, 0),
    ];
    let groups = (0..24)
        .map(|h| {
            let found = chats.iter().find(|(hour, _, _)| *hour == h);
            let m = found.map_or_else(Metrics::default, |(_, n, ms)| {
                metrics(*n, *n, (*ms > 0).then_some(*ms))
            });
            GroupStats {
                key: format!("{h:02}"),
                label: format!("{h:02}:00"),
                metrics: m,
            }
        })
        .collect();
    Box::new(StatsReport {
        since: NOW - 3_600_000,
        until: NOW + 3_600_000,
        tz: "UTC".into(),
        by: GroupBy::Hour,
        groups,
        total: total(),
    })
}

fn by_operator() -> Box<StatsReport> {
    let op =
        |key: &str, label: &str, m: Metrics, online_ms: i64, per_hour: Option<f64>| GroupStats {
            key: key.into(),
            label: label.into(),
            metrics: Metrics {
                online_ms,
                chats_per_online_hour: per_hour,
                ..m
            },
        };
    Box::new(StatsReport {
        since: NOW - 3_600_000,
        until: NOW + 3_600_000,
        tz: "UTC".into(),
        by: GroupBy::Operator,
        groups: vec![
            op(
                "anna",
                "Анна",
                metrics(20, 19, Some(35_000)),
                4 * 3_600_000,
                Some(4.75),
            ),
            op(
                "boris",
                "Борис",
                metrics(18, 17, Some(41_000)),
                18_720_000,
                Some(3.269),
            ),
            op(
                "vera",
                "Вера 🌸",
                metrics(7, 7, Some(65_000)),
                7_200_000,
                Some(3.5),
            ),
            op("", "(nobody)", metrics(2, 0, None), 0, None),
        ],
        total: total(),
    })
}

/// Both answers of the first ask arrived.
fn answered(mut s: State) -> State {
    for (by, report) in [
        (GroupBy::Hour, by_hour()),
        (GroupBy::Operator, by_operator()),
    ] {
        update(
            &mut s,
            Event::Stats {
                ask: 1,
                by,
                result: Ok(report),
            },
        );
    }
    s
}

#[test]
fn en_80x24_supervisor() {
    let s = answered(state(&crate::i18n::EN, OperatorRole::Supervisor, (80, 24)));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_80x24_plain_operator() {
    let s = answered(state(&crate::i18n::RU, OperatorRole::Operator, (80, 24)));
    insta::assert_snapshot!(text(&draw(&s)));
}

/// At 80×24 the charts leave the table no room: its key shows the table on the whole screen
/// under the totals, and the same key brings the charts back.
#[test]
fn ru_80x24_operators_table_by_its_key() {
    let mut s = answered(state(&crate::i18n::RU, OperatorRole::Supervisor, (80, 24)));
    s.keys = crate::keymap::Keymap::builtin().help();
    let charts = text(&draw(&s));
    assert!(!charts.contains("Операторы ("), "{charts}");
    assert!(
        charts.contains("· Tab операторы "),
        "the frame names the key: {charts}"
    );
    update(&mut s, Event::Action(Action::StatsOperators));
    let table = text(&draw(&s));
    assert!(table.contains("· Tab графики "), "{table}");
    insta::assert_snapshot!(table);
    update(&mut s, Event::Action(Action::StatsOperators));
    assert_eq!(text(&draw(&s)), charts);
}

#[test]
fn en_120x40_supervisor() {
    let s = answered(state(&crate::i18n::EN, OperatorRole::Supervisor, (120, 40)));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_120x40_supervisor_last_7_days_table_loading() {
    let mut s = state(&crate::i18n::RU, OperatorRole::Supervisor, (120, 40));
    update(&mut s, Event::Action(Action::StatsNextPeriod));
    let result = Ok(by_hour());
    update(
        &mut s,
        Event::Stats {
            ask: 2,
            by: GroupBy::Hour,
            result,
        },
    );
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn loading_then_a_failure_is_said_not_crashed_on() {
    let mut s = state(&crate::i18n::EN, OperatorRole::Supervisor, (80, 24));
    assert!(text(&draw(&s)).contains("loading…"));
    let result = Err("HTTP 502 Bad Gateway\n\u{1b}[31m".to_owned());
    update(
        &mut s,
        Event::Stats {
            ask: 1,
            by: GroupBy::Hour,
            result,
        },
    );
    let screen = text(&draw(&s));
    assert!(
        screen.contains("Could not load the statistics: HTTP 502 Bad Gateway"),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}'));
}

/// The screen once the server's answer by hour is `report`.
fn shown_by_hour(s: &mut State, report: Box<StatsReport>) -> String {
    let result = Ok(report);
    let by = GroupBy::Hour;
    update(s, Event::Stats { ask: 1, by, result });
    text(&draw(s))
}

/// Ratings take a cell only once some chat was rated: no room is lost to an empty one.
#[test]
fn the_visitors_ratings_show_once_there_are_any() {
    let mut s = state(&crate::i18n::RU, OperatorRole::Supervisor, (120, 40));
    let unrated = shown_by_hour(&mut s, by_hour());
    assert!(!unrated.contains("Оценки"), "{unrated}");
    let mut report = by_hour();
    report.total.rated_good = 12;
    report.total.rated_bad = 2;
    let rated = shown_by_hour(&mut s, report);
    assert!(rated.contains("Оценки хор/плох"), "{rated}");
    assert!(rated.contains("12/2 (86%)"), "{rated}");
}

#[test]
fn an_old_server_without_buckets_gets_no_bucket_chart() {
    let mut s = state(&crate::i18n::EN, OperatorRole::Supervisor, (80, 24));
    let mut report = by_hour();
    report.total.first_response_buckets.clear();
    let screen = shown_by_hour(&mut s, report);
    assert!(screen.contains("Chats by hour (top 9)"), "{screen}");
    assert!(!screen.contains("First response"), "{screen}");
}

#[test]
fn en_80x24_no_color_styles() {
    let mut s = answered(state(&crate::i18n::EN, OperatorRole::Supervisor, (80, 24)));
    s.screen.no_color = true;
    let buf = draw(&s);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    insta::assert_snapshot!(styled(&buf));
}

#[test]
fn nothing_overflows_at_any_small_size() {
    for (width, height) in [(80, 24), (72, 20), (60, 20), (40, 12), (20, 8), (8, 4)] {
        let s = answered(state(
            &crate::i18n::RU,
            OperatorRole::Supervisor,
            (width, height),
        ));
        let screen = text(&draw(&s));
        for line in screen.lines() {
            assert_eq!(
                crate::app::wrap::width(line),
                usize::from(width),
                "{line:?}"
            );
        }
    }
}

#[test]
fn answers_within_a_second_are_short_bars_under_an_honest_heading() {
    let mut s = state(&crate::i18n::EN, OperatorRole::Supervisor, (120, 40));
    let mut report = by_hour();
    for (group, ms) in report.groups.iter_mut().zip([400, 900].into_iter().cycle()) {
        if group.metrics.chats_answered > 0 {
            group.metrics.first_response_median_ms = Some(ms);
        }
    }
    let screen = shown_by_hour(&mut s, report);
    let lines: Vec<&str> = screen.lines().collect();
    let heading = lines
        .iter()
        .position(|l| l.contains("Median first response by hour (top 0:01)"))
        .unwrap_or_else(|| panic!("the top rounded up to a second:\n{screen}"));
    // The medians' chart fills the rows under its heading: none of them shows a bar that
    // reads as slow.
    for line in &lines[heading + 1..] {
        assert!(!line.contains('█'), "{line:?}\n{screen}");
    }
}

/// Before any chat of the period is answered the medians' heading says there is no top, not
/// «0:00», which would read as instant answers.
#[test]
fn no_answer_yet_has_no_top_median() {
    let mut s = state(&crate::i18n::EN, OperatorRole::Supervisor, (120, 40));
    let mut report = by_hour();
    for group in &mut report.groups {
        group.metrics.first_response_median_ms = None;
    }
    let screen = shown_by_hour(&mut s, report);
    assert!(
        screen.contains("Median first response by hour (top —)"),
        "{screen}"
    );
}

/// Every answer within the minute (100 %) still leaves the share's label whole at 80 columns.
#[test]
fn a_whole_share_keeps_its_label_at_80_columns() {
    for strings in [&crate::i18n::EN, &crate::i18n::RU] {
        let mut s = state(strings, OperatorRole::Supervisor, (80, 24));
        let mut report = by_hour();
        report.total.first_response_within_60s_share = Some(1.0);
        let screen = shown_by_hour(&mut s, report);
        let label = format!("{} 100%", strings.stats.within_60s);
        let row = screen.lines().find(|l| l.contains("100%"));
        let row = row.unwrap_or_else(|| panic!("{screen}"));
        let squeezed = row.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed.contains(&label), "{row}");
    }
}
