//! A bad rating of my chat alerts me; good ratings, colleagues' chats and the chat I am
//! looking at stay quiet.

use frontdesk_protocol::{EventBody, Rating, Role};

use super::fixture::{Console, ME, one, shown};
use crate::notify::Notice;
use crate::notify::rules::{Kind, NotificationsConfig};

impl Console {
    fn closed(&mut self, chat: i64) {
        self.event(EventBody::ChatClosed {
            chat_id: chat,
            by: Role::Visitor,
            operator_id: None,
        });
    }

    fn rated(&mut self, chat: i64, rating: Rating, comment: Option<&str>) -> Vec<Notice> {
        self.event(EventBody::ChatRated {
            chat_id: chat,
            rating,
            comment: comment.map(str::to_owned),
        })
    }
}

/// Chats 1 and 2 mine, 3 a colleague's, all closed; the clock after the queue went quiet.
fn three_closed_chats(rules: NotificationsConfig) -> (Console, i64) {
    let mut c = Console::new(rules);
    c.active(&[(1, "Мария"), (2, "Иван")], ME);
    c.active(&[(3, "Олег")], 4);
    for chat in 1..=3 {
        c.closed(chat);
    }
    let t = c.s.now + 60_000;
    c.at(t);
    (c, t)
}

#[test]
fn a_bad_rating_of_my_chat_alerts_with_the_comment_made_safe() {
    let (mut c, t) = three_closed_chats(NotificationsConfig::default());
    c.rated(1, Rating::Good, None);
    c.rated(3, Rating::Bad, Some("грубо"));
    assert!(shown(&c.at(t + 1_000)).is_empty(), "good, or a colleague's");

    c.rated(1, Rating::Bad, Some("долго\u{1b}[2J\nждала"));
    let n = c.at(t + 2_000);
    let alert = one(&n);
    assert_eq!(alert.kind, Kind::BadRating);
    assert_eq!(alert.summary, "Bad rating of your chat: Мария");
    assert_eq!(alert.body, "долго␛[2J ждала");
    assert!(!alert.replace, "its own notification");
}

#[test]
fn bad_ratings_close_together_are_one_notification_with_each_chat_once() {
    let (mut c, t) = three_closed_chats(NotificationsConfig::default());
    c.rated(1, Rating::Bad, Some("долго"));
    c.rated(2, Rating::Bad, None);
    c.rated(1, Rating::Bad, Some("очень долго"));
    let n = c.at(t + 400);
    let alert = one(&n);
    assert_eq!(alert.summary, "2 chats rated bad");
    assert_eq!(alert.body, "Иван: no comment\nМария: очень долго");
}

#[test]
fn the_chat_being_looked_at_and_a_switched_off_kind_stay_quiet() {
    let (mut c, t) = three_closed_chats(NotificationsConfig::default());
    c.look_at(1);
    c.rated(1, Rating::Bad, None);
    assert!(shown(&c.at(t + 1_000)).is_empty(), "the dialog says it");

    let mut rules = NotificationsConfig::default();
    rules.bad_rating.enabled = false;
    let (mut c, t) = three_closed_chats(rules);
    c.rated(1, Rating::Bad, None);
    assert!(shown(&c.at(t + 1_000)).is_empty(), "switched off");
}

#[test]
fn russian_counts_agree() {
    let (mut c, t) = three_closed_chats(NotificationsConfig::default());
    c.s.strings = &crate::i18n::RU;
    c.rated(2, Rating::Bad, None);
    assert_eq!(one(&c.at(t + 400)).body, "без комментария");
    c.rated(1, Rating::Bad, None);
    c.rated(2, Rating::Bad, Some("нет"));
    assert_eq!(one(&c.at(t + 1_000)).summary, "2 чата оценены плохо");
}
