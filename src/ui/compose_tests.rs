//! The reply box wraps its draft by words at every width: every word stays on screen, the box
//! grows up to its limit, and the cursor is always inside it.

use frontdesk_protocol::ChatStatus;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use crate::app::{Event, State, update};
use crate::ui::screen_test::{draw, replying};

const DRAFT: &str = "Здравствуйте, Ольга! Доставим чайник завтра с десяти до двух, курьер позвонит заранее. Sorry 对不起 🙂 ok";

fn state(width: u16, height: u16) -> State {
    let mut s = replying(width, height);
    s.compose.insert_str(DRAFT);
    s
}

/// The reply box's inside, row by row, and where the cursor cell is (screen coordinates).
fn inside(s: &State, buf: &Buffer) -> (Vec<String>, Vec<(u16, u16)>) {
    let area = crate::app::geometry::inner(s.areas().compose);
    let mut rows = Vec::new();
    let mut cursor = Vec::new();
    for y in area.y..area.bottom() {
        let mut row = String::new();
        let mut skip = 0;
        for x in area.x..area.right() {
            let cell = &buf[(x, y)];
            // The cell after a wide character only holds its second half.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = crate::app::wrap::width(cell.symbol()).saturating_sub(1);
            row.push_str(cell.symbol());
            if cell.modifier.contains(Modifier::REVERSED) {
                cursor.push((x, y));
            }
        }
        rows.push(row);
    }
    (rows, cursor)
}

#[test]
fn a_long_draft_wraps_by_words_with_the_cursor_inside_at_every_width() {
    for width in (60..=200).step_by(7).chain([80]) {
        let s = state(width, 24);
        let buf = draw(&s);
        let (rows, cursor) = inside(&s, &buf);
        // Nothing is lost or cut off, in order…
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert!(
            squeeze(&rows.concat()).contains(&squeeze(DRAFT)),
            "{width} cols: {rows:#?}"
        );
        // …and Latin and Cyrillic words are never split (CJK may break between characters).
        for word in DRAFT
            .split(' ')
            .filter(|w| crate::app::wrap::all_one_column(w))
        {
            assert!(
                rows.iter().any(|r| r.contains(word)),
                "{width} cols: {word:?} split in {rows:#?}"
            );
        }
        assert_eq!(
            cursor.len(),
            1,
            "{width} cols: one cursor cell in {rows:#?}"
        );
        // Nothing is written on the right border.
        let area = s.areas().compose;
        let border = buf[(area.right() - 1, area.y + 1)].symbol().to_owned();
        assert_eq!(border, "│", "{width} cols");
    }
}

#[test]
fn a_draft_longer_than_the_box_keeps_the_cursor_in_view() {
    let mut s = state(80, 24);
    for _ in 0..6 {
        s.compose.insert_str(format!(" {DRAFT}"));
    }
    let buf = draw(&s);
    let (rows, cursor) = inside(&s, &buf);
    assert_eq!(cursor.len(), 1, "{rows:#?}");
    assert!(rows.len() > 1, "the box grew: {rows:#?}");
    // The end of the draft (where the cursor is) is on screen.
    assert!(rows.join(" ").contains("🙂 ok"), "{rows:#?}");
}

#[test]
fn a_chat_that_cannot_be_answered_says_why_and_offers_no_send_hint() {
    let mut s = state(80, 24);
    s.compose = crate::app::state::new_compose(s.strings);
    if let Some(chat) = s.chats.get_mut(&7) {
        chat.chat.status = ChatStatus::Closed;
    }
    let buf = draw(&s);
    let screen = crate::ui::screen_test::text(&buf);
    assert!(screen.contains("chat closed"), "{screen}");
    assert!(!screen.contains("Enter sends"), "{screen}");
}

#[test]
fn writing_marks_are_underlined_with_the_reason_on_the_border() {
    for no_color in [false, true] {
        let mut s = state(80, 24);
        s.screen.no_color = no_color;
        s.keys = crate::keymap::Keymap::builtin().help();
        s.compose = crate::app::state::new_compose(s.strings);
        s.compose.insert_str("Сейчас проверю, щас");
        update(&mut s, Event::Tick { now: 1 });
        let buf = draw(&s);
        let (rows, _) = inside(&s, &buf);
        let area = crate::app::geometry::inner(s.areas().compose);
        let row = rows.iter().position(|r| r.contains("щас")).expect("drawn");
        let y = area.y + u16::try_from(row).expect("small");
        let line: Vec<(String, bool)> = (area.x..area.right())
            .map(|x| {
                let cell = &buf[(x, y)];
                (
                    cell.symbol().to_owned(),
                    cell.modifier.contains(Modifier::UNDERLINED),
                )
            })
            .collect();
        let underlined: String = line.iter().filter(|c| c.1).map(|c| c.0.as_str()).collect();
        assert_eq!(
            underlined, "щас",
            "only the slang word (no_color {no_color})"
        );
        // The border under the box says what instead and why, whole: at 80 columns the key
        // (which the help lists) makes room for the reason.
        assert_eq!(
            foot(&s, &buf),
            "«щас» → «сейчас» · slang or a chat abbreviation"
        );
    }
    // With room for it the key is said too; with too little the reason ends in «…».
    for (width, said) in [
        (
            120,
            "«щас» → «сейчас» · Alt-; · slang or a chat abbreviation",
        ),
        (52, "«щас» → «сейчас» · slang or a cha…"),
    ] {
        let mut s = state(width, 24);
        s.keys = crate::keymap::Keymap::builtin().help();
        s.compose = crate::app::state::new_compose(s.strings);
        s.compose.insert_str("Сейчас проверю, щас");
        update(&mut s, Event::Tick { now: 1 });
        assert_eq!(foot(&s, &draw(&s)), said, "{width} columns");
    }
}

/// What the reply box's bottom border says, without the border's own lines.
fn foot(s: &State, buf: &ratatui::buffer::Buffer) -> String {
    let area = s.areas().compose;
    let y = area.bottom() - 1;
    let row: String = (area.x + 1..area.right() - 1)
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect();
    row.trim_end_matches('─').to_owned()
}

/// Punctuation stays with its word at every width: no row ends with an opening mark or starts
/// with a closing one, and a canned reply's gap is never cut after its `{` (ratatui-textarea
/// wraps at UAX #29 word boundaries, where every mark is a word of its own; the copy in
/// `vendor/` glues them as line breaking does).
#[test]
fn punctuation_and_gaps_stay_with_their_words_at_every_width() {
    const WITH_GAPS: &str = "Да, в Ваш город есть доставка: курьером за {fill.days}, стоимость — \
        {fill.price}. Оплатить можно при получении (картой или наличными), «как удобнее»!";
    for width in 60..=140 {
        // Tall enough for the box to show the whole draft.
        let mut s = replying(width, 48);
        s.compose.insert_str(WITH_GAPS);
        let (rows, _) = inside(&s, &draw(&s));
        let rows: Vec<&str> = rows
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .collect();
        for row in &rows {
            assert!(
                !row.ends_with(['(', '{', '«'])
                    && !row.starts_with([',', '.', ':', ')', '}', '»', '!']),
                "{width} cols: {row:?} in {rows:#?}"
            );
        }
        for gap in [
            "{fill.days},",
            "{fill.price}.",
            "(картой",
            "наличными),",
            "«как",
            "удобнее»!",
        ] {
            assert!(
                rows.iter().any(|r| r.contains(gap)),
                "{width} cols: {gap:?} split in {rows:#?}"
            );
        }
    }
}

/// A draft that fills its last row exactly: the editor would draw the cursor past the row's
/// edge, out of sight; the box grows a row and shows it at the start of that row.
#[test]
fn the_cursor_after_a_full_row_is_shown_on_the_row_below() {
    for (width, extra) in [(80, ""), (80, "x "), (97, "")] {
        let mut s = replying(width, 24);
        let columns = crate::app::geometry::compose_width(width);
        let draft = format!("{extra}{}", "а".repeat(columns - extra.chars().count()));
        s.compose.insert_str(&draft);
        let (rows, cursor) = inside(&s, &draw(&s));
        let area = crate::app::geometry::inner(s.areas().compose);
        assert_eq!(rows.len(), 2, "{width}: {rows:#?}");
        assert_eq!(cursor, [(area.x, area.y + 1)], "{width}: {rows:#?}");
    }
    // Typing on: the word moves to the next row and the box keeps two rows.
    let mut s = replying(80, 24);
    let columns = crate::app::geometry::compose_width(80);
    s.compose
        .insert_str(format!("ab {}", "в".repeat(columns - 2)));
    let (rows, cursor) = inside(&s, &draw(&s));
    assert_eq!((rows.len(), cursor.len()), (2, 1), "{rows:#?}");
}

/// At the end of a full line with another line below it, the cursor sits on the row's last
/// cell: the row below is the next line's, and past the edge it would not be seen.
#[test]
fn the_cursor_at_the_end_of_a_full_line_above_another_is_shown() {
    let mut s = replying(80, 24);
    let columns = crate::app::geometry::compose_width(80);
    s.compose
        .insert_str(format!("{}\nдальше", "а".repeat(columns)));
    s.compose.move_cursor(ratatui_textarea::CursorMove::Up);
    s.compose.move_cursor(ratatui_textarea::CursorMove::End);
    let (rows, cursor) = inside(&s, &draw(&s));
    let area = crate::app::geometry::inner(s.areas().compose);
    assert_eq!(cursor, [(area.right() - 1, area.y)], "{rows:#?}");
    assert!(rows[1].starts_with("дальше"), "{rows:#?}");
}

/// The cursor below a full row is drawn only inside the box, at any size (a box squeezed to
/// no columns at 20×6 once put it outside the screen).
#[test]
fn a_full_row_at_small_sizes_draws_inside_the_screen() {
    for width in 16..=40 {
        for height in 3..=8 {
            let mut s = replying(width, height);
            let columns = crate::app::geometry::compose_width(width);
            s.compose.insert_str("я".repeat(columns));
            draw(&s);
        }
    }
}

/// The same when the box has reached its height and scrolls: the view keeps the row below
/// the full one, where the cursor is shown (it kept the full row at the bottom, the cursor
/// out of sight past its edge).
#[test]
fn the_cursor_after_a_full_row_is_shown_when_the_box_scrolls() {
    for width in [80, 97, 120] {
        let mut s = replying(width, 24);
        let columns = crate::app::geometry::compose_width(width);
        let full_rows = 12;
        s.compose.insert_str("д".repeat(columns).repeat(full_rows));
        let (rows, cursor) = inside(&s, &draw(&s));
        let area = crate::app::geometry::inner(s.areas().compose);
        assert!(rows.len() < full_rows, "the box scrolls: {rows:#?}");
        assert_eq!(cursor, [(area.x, area.bottom() - 1)], "{width}: {rows:#?}");
        assert!(rows[rows.len() - 2].starts_with('д'), "{width}: {rows:#?}");
    }
}

/// A space after a word that ends at the row's edge hangs there: no row starts with a blank.
#[test]
fn no_wrapped_row_starts_with_the_space_between_two_words() {
    for width in 60..=140 {
        let mut s = replying(width, 48);
        s.compose.insert_str(format!("{DRAFT} {DRAFT} {DRAFT}"));
        let (rows, _) = inside(&s, &draw(&s));
        let rows: Vec<&String> = rows.iter().filter(|r| !r.trim().is_empty()).collect();
        assert!(rows.len() > 2, "{width}: {rows:#?}");
        for row in &rows {
            assert!(!row.starts_with(' '), "{width} cols: {row:?} in {rows:#?}");
        }
    }
}

/// The reply box's title names who the reply goes to; a name too long for it reads as cut.
#[test]
fn a_reply_title_too_long_for_the_box_ends_in_an_ellipsis() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    crate::ui::screen_test::welcome(&mut s, 1);
    let mut chat = crate::ui::screen_test::our_chat(7);
    chat.visitor.fields.name =
        Some("Александра Константиновна Воскресенская-Преображенская".into());
    // The list keeps its width: at 64 columns the box is too narrow for the whole name.
    crate::ui::screen_test::open_for_reply(&mut s, chat, 64, 24);
    let buf = draw(&s);
    let area = s.areas().compose;
    let top: String = (area.x..area.right())
        .map(|x| buf[(x, area.y)].symbol().to_owned())
        .collect();
    assert!(top.starts_with("┌Reply to Александра"), "{top}");
    assert!(top.ends_with("…┐"), "{top}");
}

/// The editor keeps the last long lines' wraps (vendor/README.md): whatever was asked before,
/// a line gets the wrap it would get afresh — after a letter changed in place (the same
/// length), one added, the same text at another width, mode or tab stop.
#[test]
fn a_kept_wrap_is_always_the_one_the_line_gets_afresh() {
    use ratatui_textarea::{WrapMode, wrapped_ranges};
    let base = format!("Итого:\tчайник\t1 шт.\t{DRAFT} {DRAFT}");
    // Two words become one: the same bytes' length, rows broken elsewhere.
    let changed = base.replacen(", ", ",_", 3);
    let longer = format!("{base}ё");
    assert_eq!(changed.len(), base.len());
    let lines = [&base, &changed, &longer, &base, &changed, &longer];
    let mut asked = Vec::new();
    // Each ask differs from the one before in one thing, while that one is still kept.
    let (word, glyph) = (WrapMode::WordOrGlyph, WrapMode::Glyph);
    for line in lines {
        for (mode, width, tab) in [(word, 17, 4), (glyph, 17, 4), (word, 40, 4), (word, 40, 12)] {
            let kept = wrapped_ranges(line, mode, width, tab);
            asked.push((line.to_string(), mode, width, tab, kept));
        }
    }
    for (line, mode, width, tab, kept) in asked {
        // A thread of its own has kept nothing: its answer is computed afresh.
        let afresh = std::thread::spawn(move || wrapped_ranges(&line, mode, width, tab))
            .join()
            .expect("the wrap's thread");
        assert_eq!(kept, afresh, "{mode:?} at {width} columns, tab {tab}");
    }
}
