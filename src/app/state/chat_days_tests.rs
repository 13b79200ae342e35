//! A dialog's dates (`days.rs`): the line that starts a day shows its date before its time,
//! its first row makes room for it, and the rows stay as a fresh wrap would make them through
//! push, replace, prepend and merge.

use jiff::civil::date;
use jiff::tz::TimeZone;

use super::chat_tests::{view, visitor};
use super::{ChatView, Delivery, NewEntry};

fn moscow() -> TimeZone {
    TimeZone::get("Europe/Moscow").expect("zone")
}

/// Milliseconds of a Moscow wall-clock time.
fn at(text: &str) -> i64 {
    text.parse::<jiff::civil::DateTime>()
        .expect("time")
        .to_zoned(moscow())
        .expect("zoned")
        .timestamp()
        .as_millisecond()
}

fn line(id: i64, time: &str, text: &str) -> NewEntry {
    let mut entry = visitor(id, text);
    entry.ts = at(time);
    entry
}

/// Wrapped at `width` on 7 December in Moscow.
fn shown(mut v: ChatView, width: usize) -> ChatView {
    v.ensure_wrapped(width, &moscow(), date(2026, 12, 7));
    v
}

fn dates(v: &ChatView) -> Vec<Option<String>> {
    (0..v.messages.len()).map(|i| v.date_label(i)).collect()
}

/// Every entry's row starts: the layout the dialog draws and scrolls by.
fn layout(v: &ChatView) -> Vec<Vec<usize>> {
    (0..v.messages.len()).map(|i| v.row_starts(i)).collect()
}

/// The same lines wrapped from scratch.
fn fresh(v: &ChatView) -> Vec<Vec<usize>> {
    let mut again = v.clone();
    again.unwrap_rows();
    layout(&shown(again, v.wrapped_width()))
}

#[test]
fn a_message_left_overnight_and_its_morning_answer_each_say_their_day() {
    let mut v = shown(view(), 40);
    v.push(line(
        1,
        "2026-12-06 23:40",
        "Чугунный чайник есть в наличии?",
    ));
    v.push(line(2, "2026-12-06 23:41", "И доставка в Тверь?"));
    v.push(line(3, "2026-12-07 09:05", "Доброе утро"));
    v.push(line(4, "2026-12-07 09:06", "Жду ответа"));
    assert_eq!(
        dates(&v),
        [Some("06.12 ".into()), None, Some("07.12 ".into()), None]
    );
    // A chat of today alone shows no date at all.
    let mut today = shown(view(), 40);
    today.push(line(1, "2026-12-07 09:05", "Здравствуйте"));
    assert_eq!(dates(&today), [None]);
}

#[test]
fn the_date_takes_room_in_the_first_row() {
    // 40 columns: "HH:MM Ольга: " is 13, so 27 are left for the text; with "06.12 " 21.
    let text = "слово слово слово слово";
    let mut today = shown(view(), 40);
    today.push(line(1, "2026-12-07 10:00", text));
    let mut yesterday = shown(view(), 40);
    yesterday.push(line(1, "2026-12-06 10:00", text));
    assert_eq!(today.row_count(0), 1);
    assert_eq!(yesterday.row_count(0), 2, "{:?}", yesterday.row_starts(0));
}

#[test]
fn older_lines_take_the_date_off_the_line_they_lead_up_to() {
    let mut v = shown(view(), 30);
    v.push(line(5, "2026-12-06 23:50", "вторая строка вечера"));
    v.push(line(6, "2026-12-07 00:10", "после полуночи"));
    assert_eq!(dates(&v), [Some("06.12 ".into()), Some("07.12 ".into())]);
    v.prepend(vec![line(4, "2026-12-06 23:40", "первая строка вечера")]);
    assert_eq!(
        dates(&v),
        [Some("06.12 ".into()), None, Some("07.12 ".into())]
    );
    assert_eq!(layout(&v), fresh(&v));
}

#[test]
fn a_stored_message_past_midnight_dates_itself_and_not_the_line_after() {
    let mut v = shown(view(), 30);
    v.push(line(1, "2026-12-06 23:59", "успеете до полуночи?"));
    v.push(NewEntry::own(
        "c-1".into(),
        at("2026-12-06 23:59:59"),
        "Анна".into(),
        "Да, конечно".into(),
    ));
    // Long enough that its date costs it a second row (30 columns, 13 before the text).
    v.push(line(2, "2026-12-07 00:01", "спасибо большое"));
    assert_eq!(
        dates(&v),
        [Some("06.12 ".into()), None, Some("07.12 ".into())]
    );
    // The server stored it a moment later, after midnight.
    let mut stored = NewEntry::own(
        "c-1".into(),
        at("2026-12-07 00:00:01"),
        "Анна".into(),
        "Да, конечно".into(),
    );
    stored.id = Some(9);
    stored.delivery = Delivery::Stored;
    v.replace(1, stored);
    assert_eq!(
        dates(&v),
        [Some("06.12 ".into()), Some("07.12 ".into()), None]
    );
    assert_eq!(layout(&v), fresh(&v));
}

#[test]
fn missed_lines_merged_in_are_dated_where_they_land() {
    let mut v = shown(view(), 30);
    v.push(line(1, "2026-12-06 22:00", "вечер"));
    v.push(line(3, "2026-12-07 08:00", "утро"));
    v.merge(vec![line(2, "2026-12-07 07:00", "рано утром")]);
    assert_eq!(
        dates(&v),
        [Some("06.12 ".into()), Some("07.12 ".into()), None]
    );
    assert_eq!(layout(&v), fresh(&v));
}

#[test]
fn a_new_day_wraps_the_dialog_again() {
    let mut v = shown(view(), 40);
    v.push(line(1, "2026-12-07 23:50", "слово слово слово слово"));
    assert_eq!((dates(&v), v.row_count(0)), (vec![None], 1));
    // Past midnight the console asks for the 8th: the line is yesterday's now.
    v.ensure_wrapped(40, &moscow(), date(2026, 12, 8));
    assert_eq!(dates(&v), [Some("07.12 ".into())]);
    assert_eq!(v.row_count(0), 2);
}
