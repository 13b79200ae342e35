//! The decision core through `app::update`, with the clock set by hand (no sleeps): what
//! alerts, when, grouped how, and what stays quiet.

use frontdesk_protocol::EventBody;

use super::fixture::{Console, ME, one, shown};
use crate::app::{Action, Event, update};
use crate::notify::Notice;
use crate::notify::rules::{Channel, Kind, NotificationsConfig, QuietHours, Urgency};
use crate::notify::text::{self, plural_ru};

#[test]
fn a_new_chat_and_its_first_words_are_one_alert_after_settling() {
    let mut c = Console::new(NotificationsConfig::default());
    let t = c.s.now;
    assert!(
        c.opens(7, "Мария", "Здравствуйте!\nЕсть доставка в Казань?")
            .is_empty()
    );
    assert!(c.at(t + 399).is_empty(), "still settling");
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::NewChat);
    assert_eq!(alert.summary, "New chat: Мария");
    assert_eq!(alert.body, "Здравствуйте! Есть доставка в Казань?");
    assert!(!alert.replace);
    assert_eq!(alert.urgency, Urgency::Critical);
    assert_eq!(
        alert.channels,
        [Channel::Desktop, Channel::Bell],
        "OSC off, no hook"
    );
    assert_eq!(alert.event.chats[0].chat_id, 7);
    assert!(c.at(t + 1_400).is_empty(), "said once");
}

#[test]
fn a_burst_of_messages_is_one_notification_updated_in_place() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария"), (2, "Иван"), (3, "Олег")], ME);
    let t = c.s.now;
    for (chat, text) in [
        (1, "раз"),
        (2, "два"),
        (1, "три"),
        (3, "четыре"),
        (1, "пять"),
    ] {
        assert!(c.says(chat, text).is_empty());
    }
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::Message);
    assert_eq!(alert.summary, "5 new messages from 3 visitors");
    assert_eq!(alert.body, "Мария: пять\nИван: два\nОлег: четыре");
    assert!(!alert.replace);
    assert_eq!(alert.channels, [Channel::Desktop, Channel::Bell]);
    assert_eq!(alert.urgency, Urgency::Normal);
    assert_eq!(alert.expire_ms, 10_000);

    // More within the group window: the same notification, with the new count.
    c.s.now = t + 5_000;
    c.says(2, "шесть");
    let n = c.at(t + 5_400);
    let alert = one(&n);
    assert_eq!(alert.summary, "6 new messages from 3 visitors");
    assert!(alert.replace);
    assert_eq!(
        alert.channels,
        [Channel::Desktop],
        "an update rings no bell: a flood would ring it at every settle"
    );

    // After the window a message starts a new notification.
    c.at(t + 40_000);
    c.s.now = t + 40_000;
    c.says(3, "семь");
    let n = c.at(t + 40_400);
    let alert = one(&n);
    assert_eq!(alert.summary, "Message from Олег");
    assert_eq!(alert.body, "семь");
    assert!(!alert.replace);
}

#[test]
fn a_waiting_visitor_who_keeps_writing_updates_the_new_chat_alert_without_ringing_again() {
    let mut c = Console::new(NotificationsConfig::default());
    let t = c.s.now;
    c.opens(7, "Мария", "Здравствуйте!");
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.channels, [Channel::Desktop, Channel::Bell]);

    // The visitor writes on while nobody has taken the chat: the same notification, with
    // their newest words, and no bell (a visitor pasting lines would ring it at every settle).
    c.s.now = t + 1_000;
    c.says(7, "Алло?");
    let n = c.at(t + 1_400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::NewChat);
    assert!(alert.replace);
    assert_eq!(alert.body, "Алло?");
    assert_eq!(alert.channels, [Channel::Desktop]);

    // Another chat joining the queue rings.
    c.s.now = t + 2_000;
    c.opens(8, "Иван", "Добрый день");
    let n = c.at(t + 2_400);
    let alert = one(&n);
    assert_eq!(alert.channels, [Channel::Desktop, Channel::Bell]);

    // And so does the reminder for chats still waiting (a minute without news).
    let n = c.at(t + 62_400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::NewChat);
    assert_eq!(alert.channels, [Channel::Desktop, Channel::Bell]);
}

#[test]
fn a_busy_day_keeps_one_item_per_chat_however_many_messages_come() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария"), (2, "Иван")], ME);
    let t = c.s.now;
    // A message every second for an hour: the group window never closes.
    let mut last = Vec::new();
    for i in 0..3_600 {
        c.s.now = t + i * 1_000;
        c.says(1 + i % 2, &format!("сообщение {i}"));
        last = c.at(c.s.now + 400);
    }
    let alert = one(&last);
    assert_eq!(alert.summary, "3600 new messages from 2 visitors");
    assert_eq!(
        alert.event.chats.len(),
        2,
        "one item per chat, not per message"
    );
    assert_eq!(
        alert.event.chats[0].messages + alert.event.chats[1].messages,
        3_600
    );
    assert_eq!(alert.body, "Мария: сообщение 3598\nИван: сообщение 3599");
}

#[test]
fn one_visitor_writing_fast_is_named_with_the_count() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария")], ME);
    let t = c.s.now;
    for i in 1..=5 {
        c.says(1, &format!("сообщение {i}"));
    }
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.summary, "Мария: 5 new messages");
    assert_eq!(alert.body, "сообщение 5");
}

#[test]
fn the_chat_being_looked_at_stays_quiet_until_the_terminal_loses_focus() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария"), (2, "Иван")], ME);
    c.look_at(1);
    let t = c.s.now;
    c.says(1, "вы тут?");
    assert!(c.at(t + 10_000).is_empty(), "looking at it");

    update(&mut c.s, Event::TerminalFocus(false));
    c.s.now = t + 20_000;
    c.says(1, "ау");
    assert_eq!(one(&c.at(t + 20_400)).summary, "Message from Мария");

    // Another pane's chat (not the focused one) alerts even with the terminal focused.
    update(&mut c.s, Event::TerminalFocus(true));
    c.s.now = t + 60_000;
    c.says(2, "а я?");
    assert_eq!(one(&c.at(t + 60_400)).summary, "Message from Иван");
}

#[test]
fn colleagues_chats_do_not_alert() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария")], 4);
    let t = c.s.now;
    c.says(1, "спасибо");
    assert!(c.at(t + 10_000).is_empty());
}

#[test]
fn do_not_disturb_silences_until_toggled_back() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария")], ME);
    c.act(Action::ToggleDoNotDisturb);
    assert!(c.s.alerts.dnd);
    let t = c.s.now;
    c.says(1, "раз");
    c.opens(2, "Иван", "добрый день");
    assert!(c.at(t + 10_000).is_empty());
    assert!(c.at(t + 200_000).is_empty(), "no repeats either");

    c.act(Action::ToggleDoNotDisturb);
    // Back on: the chat still waiting is brought up again at once.
    assert_eq!(one(&c.at(t + 300_000)).summary, "Still waiting: Иван");
    c.s.now = t + 300_000;
    c.says(1, "два");
    assert_eq!(one(&c.at(t + 300_400)).summary, "Message from Мария");
}

#[test]
fn quiet_hours_silence_the_night_only() {
    let rules = NotificationsConfig {
        quiet_hours: Some(QuietHours {
            from: jiff::civil::time(22, 0, 0, 0),
            to: jiff::civil::time(8, 0, 0, 0),
        }),
        ..NotificationsConfig::default()
    };
    let mut c = Console::new(rules);
    // Midnight UTC (the state's zone in tests), then 09:00.
    let midnight = jiff::civil::date(2026, 11, 30)
        .at(0, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("valid")
        .timestamp()
        .as_millisecond();
    c.s.now = midnight;
    c.opens(1, "Мария", "ночью");
    assert!(c.at(midnight + 1_000).is_empty());
    let morning = midnight + 9 * 3_600_000;
    c.s.now = morning;
    c.opens(2, "Иван", "утром");
    assert_eq!(one(&c.at(morning + 400)).summary, "2 chats waiting");
}

#[test]
fn an_unanswered_chat_alerts_again_until_accepted() {
    let rules = NotificationsConfig {
        repeat_secs: 60,
        first_response_secs: 0,
        ..NotificationsConfig::default()
    };
    let mut c = Console::new(rules);
    let t = c.s.now;
    c.opens(5, "Мария", "есть кто?");
    assert!(!one(&c.at(t + 400)).replace);
    assert!(c.at(t + 59_999).is_empty());
    let n = c.at(t + 60_000);
    let alert = one(&n);
    assert_eq!(alert.summary, "Still waiting: Мария");
    assert!(alert.replace, "the same notification comes back");
    assert!(alert.event.repeat);
    assert!(c.at(t + 90_000).is_empty());
    assert_eq!(shown(&c.at(t + 120_000)).len(), 1);

    c.s.now = t + 130_000;
    let n = c.accepted(5, 4);
    assert_eq!(n, [Notice::Withdraw(Kind::NewChat)], "someone took it");
    for later in [180_000, 240_000, 600_000] {
        assert!(c.at(t + later).is_empty());
    }
}

#[test]
fn a_chat_close_to_the_first_response_time_is_warned_about_once() {
    let mut c = Console::new(NotificationsConfig::default());
    let t = c.s.now;
    c.opens(5, "Мария", "алло");
    c.at(t + 400);
    assert!(c.at(t + 44_000).is_empty());
    let n = c.at(t + 45_000);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::FirstResponse);
    assert_eq!(alert.summary, "No answer for 45 s: Мария");
    assert!(c.at(t + 50_000).is_empty(), "once");
    // Accepted: its warning is taken down.
    let n = c.accepted(5, ME);
    assert!(n.contains(&Notice::Withdraw(Kind::FirstResponse)), "{n:?}");
}

#[test]
fn a_chat_transferred_to_me_alerts_with_the_note() {
    let mut c = Console::new(NotificationsConfig::default());
    c.active(&[(1, "Мария"), (2, "Иван")], 4);
    let t = c.s.now;
    c.event(EventBody::ChatTransferOffered {
        chat_id: 1,
        from_operator_id: 4,
        to_operator_id: ME,
        note: Some("хочет вернуть\x1b[31m товар".into()),
    });
    c.event(EventBody::ChatTransferOffered {
        chat_id: 2,
        from_operator_id: ME,
        to_operator_id: 4,
        note: None,
    });
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::Transfer);
    assert_eq!(alert.summary, "Chat transferred to you: Мария");
    assert_eq!(alert.body, "хочет вернуть␛[31m товар");
}

#[test]
fn hostile_names_and_text_arrive_sanitized_and_cut() {
    let mut c = Console::new(NotificationsConfig::default());
    let name = format!("\x1b]0;pwned\x07\u{202E}Eve{}", "x".repeat(10_000));
    let text = format!("\x1b[2J\u{2067}hi {}", "слово ".repeat(2_000));
    let t = c.s.now;
    c.opens(9, &name, &text);
    let n = c.at(t + 400);
    let alert = one(&n);
    for s in [&alert.summary, &alert.body] {
        assert!(!s.chars().any(char::is_control), "{s:?}");
        assert!(!s.contains('\u{202E}') && !s.contains('\u{2067}'), "{s:?}");
    }
    let name_part = alert.summary.trim_start_matches("New chat: ");
    assert!(
        name_part.starts_with("␛]0;pwned␇⟨U+202E⟩Eve"),
        "{name_part}"
    );
    assert!(name_part.ends_with('…'));
    assert!(name_part.chars().count() <= text::NAME_MAX);
    assert!(
        alert.body.starts_with("␛[2J⟨U+2067⟩hi слово"),
        "{}",
        alert.body
    );
    assert!(alert.body.ends_with('…'));
    assert!(alert.body.chars().count() <= text::SNIPPET_MAX);
}

#[test]
fn switched_off_kinds_and_channels_stay_out() {
    let mut rules = NotificationsConfig::default();
    rules.new_chat.enabled = false;
    rules.message.channels = vec![Channel::Osc, Channel::Hook];
    rules.bell = false;
    let mut c = Console::new(rules);
    let t = c.s.now;
    c.opens(1, "Мария", "привет");
    assert!(c.at(t + 1_000).is_empty(), "new chats are off");
    c.accepted(1, ME);
    c.says(1, "ещё");
    assert!(
        c.at(t + 2_000).is_empty(),
        "OSC is off and no hook is set: nothing left to send through"
    );
}

#[test]
fn russian_counts_agree() {
    assert_eq!(
        [1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map(plural_ru),
        [0, 1, 2, 2, 2, 0, 1, 2, 2, 1]
    );
    let items: Vec<text::Item> = (0..5)
        .map(|i| text::Item {
            chat_id: i % 3,
            visitor_id: i % 3,
            name: format!("v{}", i % 3),
            text: "x".into(),
            messages: 1,
        })
        .collect();
    let (summary, _) = text::compose(&crate::i18n::NOTIFY_RU, Kind::Message, &items, false, 45);
    assert_eq!(summary, "5 новых сообщений от 3 посетителей");
    let (summary, _) = text::compose(
        &crate::i18n::NOTIFY_RU,
        Kind::NewChat,
        &items[..2],
        false,
        45,
    );
    assert_eq!(summary, "2 чата ждут");
}

#[test]
fn clip_counts_graphemes() {
    assert_eq!(text::clip("abc", 3), "abc");
    assert_eq!(text::clip("abcd", 3), "ab…");
    // A family emoji is one grapheme of several chars.
    let family = "👨\u{200D}👩\u{200D}👧";
    assert_eq!(
        text::clip(&format!("{family}{family}{family}"), 2),
        format!("{family}…")
    );
}
