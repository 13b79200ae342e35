//! The neutralising rules, the bound, and the one-pass cut against the pass before it.

use super::*;

#[test]
fn below_arabic_only_controls_and_the_soft_hyphen_are_marked() {
    for c in (0..0x600).filter_map(char::from_u32) {
        let code = u32::from(c);
        let expected = code < 0x20 || (0x7F..=0x9F).contains(&code) || code == 0xAD;
        assert_eq!(needs_mark(c), expected, "{code:04X}");
        assert_eq!(is_format_char(code), code == 0xAD, "{code:04X}");
    }
}

/// The byte-level look never calls clean what the character scan would change: every
/// character alone and beside a newline, in either mode, and at the bound.
#[test]
fn the_quick_look_in_bytes_agrees_with_the_scan() {
    let mut taken = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("a{c}\n")] {
            for mode in [Mode::line(3), Mode::text(3), Mode::line(1)] {
                if plainly_clean(&text, mode) {
                    taken += 1;
                    assert!(matches!(scan(&text, mode), Scan::Clean), "{c:?} {mode:?}");
                }
            }
        }
    }
    // ASCII, Latin, Greek, Cyrillic, Hebrew and the rest below U+0600 take the quick way, and
    // the punctuation Russian text is full of.
    assert!(taken > 1_400 * 3, "{taken}");
    let russian = "Здравствуйте! Заказ №5 — «в пути»… 2 000 ₽, 10‰.";
    assert!(plainly_clean(russian, Mode::TEXT));
    assert!(!plainly_clean(russian, Mode::line(10)), "past the bound");
    assert!(!plainly_clean("тире\u{AD}мягкое", Mode::TEXT));
}

fn line(s: &str) -> String {
    sanitize(s, Mode::NAME).into_owned()
}
fn text(s: &str) -> String {
    sanitize(s, Mode::TEXT).into_owned()
}

#[test]
fn clean_text_is_borrowed() {
    for s in [
        "Здравствуйте!",
        "你好，世界",
        "plain ascii",
        "emoji 👍🏽 ok",
        "",
    ] {
        assert!(matches!(sanitize(s, Mode::NAME), Cow::Borrowed(_)), "{s}");
    }
    assert!(matches!(
        sanitize("two\nlines", Mode::TEXT),
        Cow::Borrowed(_)
    ));
}

#[test]
fn osc52_clipboard_write_is_made_visible() {
    let out = text("a\x1b]52;c;SGVsbG8=\x07b");
    assert_eq!(out, "a␛]52;c;SGVsbG8=␇b");
    assert!(!out.contains('\x1b') && !out.contains('\x07'));
}

#[test]
fn csi_clear_screen_is_made_visible() {
    assert_eq!(text("\x1b[2J\x1b[H"), "␛[2J␛[H");
    assert_eq!(line("x\x00y\x7fz"), "x␀y␡z");
}

#[test]
fn c1_controls_get_code_marks() {
    assert_eq!(line("a\u{9b}2Jb\u{85}"), "a⟨U+009B⟩2Jb⟨U+0085⟩");
}

#[test]
fn bidi_and_invisible_characters_get_code_marks() {
    assert_eq!(line("abc\u{202E}fed"), "abc⟨U+202E⟩fed");
    assert_eq!(line("\u{2067}x\u{2069}"), "⟨U+2067⟩x⟨U+2069⟩");
    assert_eq!(line("a\u{200B}b"), "a⟨U+200B⟩b");
    assert_eq!(line("\u{FEFF}bom"), "⟨U+FEFF⟩bom");
    assert_eq!(line("soft\u{AD}hyphen"), "soft⟨U+00AD⟩hyphen");
    assert_eq!(line("\u{200E}\u{200F}\u{61C}"), "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩");
    assert_eq!(line("\u{2060}\u{180E}"), "⟨U+2060⟩⟨U+180E⟩");
    assert_eq!(line("x\u{2028}y\u{2029}"), "x⟨U+2028⟩y⟨U+2029⟩");
    assert_eq!(line("\u{E0041}\u{E007F}"), "⟨U+E0041⟩⟨U+E007F⟩");
    assert_eq!(line("\u{3164}"), "⟨U+3164⟩");
}

#[test]
fn zwj_kept_inside_emoji_sequences_only() {
    let family = "👨\u{200D}👩\u{200D}👧";
    assert!(matches!(sanitize(family, Mode::NAME), Cow::Borrowed(_)));
    let flag = "🏳\u{FE0F}\u{200D}🌈";
    assert_eq!(line(flag), flag);
    assert_eq!(line("a\u{200D}b"), "a⟨U+200D⟩b");
    assert_eq!(line("\u{200D}👍"), "⟨U+200D⟩👍");
    assert_eq!(line("👍\u{200D}"), "👍⟨U+200D⟩");
}

#[test]
fn cjk_cyrillic_and_combining_marks_untouched() {
    for s in [
        "日本語のテキスト",
        "한국어",
        "Привет, мир",
        "e\u{301}",
        "Ñandú",
    ] {
        assert_eq!(line(s), s);
    }
}

#[test]
fn newlines_by_mode() {
    assert_eq!(text("a\r\nb\nc"), "a\nb\nc");
    assert_eq!(text("a\rb"), "a␍b");
    assert_eq!(line("a\r\nb\nc"), "a⏎b⏎c");
    assert_eq!(text("a\tb"), "a    b");
    assert_eq!(line("a\tb"), "a b");
}

#[test]
fn marks_fall_on_the_same_characters_after_a_control_or_bidi_mark_before_them() {
    // "Я \u{202E}заказал\x1b диван": the hit word is chars 3..10.
    let pieces = sanitize_marked("Я \u{202E}заказал\x1b диван", &[[3, 10]]);
    assert_eq!(
        pieces,
        [
            ("Я ⟨U+202E⟩".to_owned(), false),
            ("заказал".to_owned(), true),
            ("␛ диван".to_owned(), false),
        ]
    );
    // Out of order, empty and past the end: left out or cut to the text.
    let pieces = sanitize_marked("abc", &[[1, 2], [0, 1], [2, 2], [2, 9]]);
    assert_eq!(
        pieces,
        [
            ("a".to_owned(), false),
            ("b".to_owned(), true),
            ("c".to_owned(), true),
        ]
    );
    assert!(sanitize_marked("", &[[0, 3]]).is_empty());
}

/// The one-pass version before it: every character looked at with its neighbours from a
/// collected array, the whole text walked even when only its start is kept.
fn collected(text: &str, mode: Mode) -> String {
    let mut out = String::new();
    let mut count = 0usize;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let before = out.len();
        match c {
            '\r' if next == Some('\n') => {
                i += 1;
                continue;
            }
            '\n' if mode.multiline => out.push('\n'),
            '\n' => out.push('⏎'),
            '\t' if mode.multiline => out.push_str("    "),
            '\t' => out.push(' '),
            '\u{200D}' if joins_emoji(prev, next) => out.push(c),
            c if needs_mark(c) => push_mark(&mut out, c),
            c => out.push(c),
        }
        count += out[before..].chars().count();
        if count > mode.max_chars {
            truncate_chars(&mut out, mode.max_chars.saturating_sub(1));
            out.push('…');
            break;
        }
        i += 1;
    }
    out
}

#[test]
fn text_cut_at_the_bound_reads_as_before_whatever_it_holds() {
    let pieces = [
        "Здравствуйте! ",
        "a\r\nb",
        "\r\n",
        "\r",
        "\t",
        "\n",
        "\x1b[2J",
        "\u{202E}",
        "👨\u{200D}👩",
        "\u{200D}",
        "🏳\u{FE0F}\u{200D}🌈",
        "日本",
        "\u{9b}",
    ];
    for (i, a) in pieces.iter().enumerate() {
        for b in &pieces {
            for repeat in [1, 3, 40] {
                let text = format!("{a}{}{b}", pieces[(i + repeat) % pieces.len()]).repeat(repeat);
                for mode in [
                    Mode::line(1),
                    Mode::line(5),
                    Mode::line(80),
                    Mode::text(7),
                    Mode::TEXT,
                    Mode::NAME,
                ] {
                    let want = if is_clean(&text, mode) {
                        text.clone()
                    } else {
                        collected(&text, mode)
                    };
                    assert_eq!(sanitize(&text, mode), want, "{text:?} {mode:?}");
                }
            }
        }
    }
}

#[test]
fn length_is_bounded() {
    let long = "я".repeat(500);
    let out = line(&long);
    assert_eq!(out.chars().count(), 200);
    assert!(out.ends_with('…'));
    assert_eq!(sanitize("abcdef", Mode::line(4)), "abc…");
    assert_eq!(sanitize("abcd", Mode::line(4)), "abcd");
    // Marks count towards the bound, so a flood of controls stays short too.
    let flood = "\u{9b}".repeat(100);
    assert!(sanitize(&flood, Mode::line(30)).chars().count() <= 30);
}
