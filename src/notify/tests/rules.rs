//! `[notifications]` parsing, per-kind defaults and quiet hours across midnight.

use std::path::Path;

use jiff::civil::time;

use crate::config::parse;
use crate::notify::rules::{Channel, Kind, NotificationsConfig, Osc, QuietHours, Urgency};

fn notifications(text: &str) -> NotificationsConfig {
    parse(Path::new("config.toml"), text)
        .expect("parses")
        .notifications
}

#[test]
fn defaults_turn_every_alert_on() {
    let n = notifications("");
    assert_eq!(n, NotificationsConfig::default());
    assert!(n.enabled && n.bell && n.title && n.only_when_not_looking);
    assert!(!n.do_not_disturb);
    assert_eq!(n.osc, Osc::Off, "OSC is opt-in");
    assert_eq!((n.repeat_secs, n.first_response_secs), (60, 45));
    let new_chat = n.rule(Kind::NewChat);
    assert_eq!(new_chat.urgency, Urgency::Critical);
    assert_eq!(new_chat.expire_ms, 0, "a new chat stays until dismissed");
    assert_eq!(n.rule(Kind::Message).urgency, Urgency::Normal);
    assert_eq!(n.rule(Kind::Message).expire_ms, 10_000);
    assert_eq!(
        n.rule(Kind::Transfer).channels,
        [Channel::Desktop, Channel::Bell, Channel::Osc, Channel::Hook]
    );
}

#[test]
fn every_field_is_read() {
    let n = notifications(
        r#"
[notifications]
do_not_disturb = true
only_when_not_looking = false
quiet_hours = ["22:00", "08:00"]
repeat_secs = 30
first_response_secs = 50
settle_ms = 100
group_secs = 5
title = false
bell = false
osc = "osc777"
hook = ["paplay", "/usr/share/sounds/chat.oga"]
hook_timeout_secs = 3

[notifications.message]
channels = ["bell"]
urgency = "low"
expire_secs = 4

[notifications.transfer]
enabled = false
"#,
    );
    assert!(n.do_not_disturb && !n.only_when_not_looking && !n.title && !n.bell);
    assert_eq!(
        n.quiet_hours,
        Some(QuietHours {
            from: time(22, 0, 0, 0),
            to: time(8, 0, 0, 0)
        })
    );
    assert_eq!((n.repeat_secs, n.first_response_secs), (30, 50));
    assert_eq!(
        (n.settle_ms, n.group_secs, n.hook_timeout_secs),
        (100, 5, 3)
    );
    assert_eq!(n.osc, Osc::Osc777);
    assert_eq!(n.hook, ["paplay", "/usr/share/sounds/chat.oga"]);
    let message = n.rule(Kind::Message);
    assert_eq!(message.channels, [Channel::Bell]);
    assert_eq!((message.urgency, message.expire_ms), (Urgency::Low, 4000));
    assert!(!n.rule(Kind::Transfer).enabled);
    assert!(n.rule(Kind::NewChat).enabled);
}

#[test]
fn switching_all_off_switches_every_kind_off() {
    let n = notifications("[notifications]\nenabled = false\n");
    assert!(Kind::ALL.iter().all(|k| !n.rule(*k).enabled));
}

#[test]
fn mistakes_name_the_line() {
    let cases = [
        (
            "[notifications]\nquiet_hours = [\"25:00\", \"08:00\"]\n",
            2,
            "25:00",
        ),
        (
            "[notifications]\nquiet_hours = [\"22:00\"]\n",
            2,
            "two times",
        ),
        (
            "[notifications]\n\n[notifications.message]\nchannels = [\"pager\"]\n",
            4,
            "pager",
        ),
        ("[notifications]\nosc = \"osc52\"\n", 2, "osc52"),
        ("[notifications]\nbel = true\n", 2, "bel"),
        ("[notifications.new_chat]\nrepeat = 1\n", 2, "repeat"),
    ];
    for (text, line, word) in cases {
        let err = parse(Path::new("config.toml"), text).expect_err(text);
        assert_eq!(err.line, line, "{text}: {err}");
        assert!(err.message.contains(word), "{text}: {err}");
    }
}

#[test]
fn quiet_hours_span_midnight() {
    let night = QuietHours {
        from: time(22, 0, 0, 0),
        to: time(8, 0, 0, 0),
    };
    for (h, m, quiet) in [
        (21, 59, false),
        (22, 0, true),
        (23, 59, true),
        (0, 0, true),
        (3, 30, true),
        (7, 59, true),
        (8, 0, false),
        (12, 0, false),
    ] {
        assert_eq!(night.contains(time(h, m, 0, 0)), quiet, "{h}:{m:02}");
    }
    let lunch = QuietHours {
        from: time(13, 0, 0, 0),
        to: time(14, 0, 0, 0),
    };
    assert!(lunch.contains(time(13, 30, 0, 0)));
    assert!(!lunch.contains(time(14, 0, 0, 0)));
    assert!(!lunch.contains(time(2, 0, 0, 0)));
}

#[test]
fn equal_quiet_hours_mean_none() {
    let n = notifications("[notifications]\nquiet_hours = [\"08:00\", \"08:00\"]\n");
    assert_eq!(n.quiet_hours, None);
}

/// The alerts keep one group a kind at the kind's place in `ALL` (`kind as usize`).
#[test]
fn every_kind_sits_at_its_own_place_in_all() {
    for (i, kind) in Kind::ALL.iter().enumerate() {
        assert_eq!(*kind as usize, i, "{kind:?}");
    }
}
