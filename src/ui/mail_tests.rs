//! An offline answer's e-mail on screen: the line at the foot of the dialog in each state, the
//! list row's mark, and a late report of an older e-mail changing nothing.

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, EventBody, MailDelivery, MailStatus, Message, MessageKind,
    OperatorInfo, OperatorOut, OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, text};

/// 12:00:00 UTC.
const NOON: i64 = 1_795_003_200_000;

fn retrying() -> MailStatus {
    MailStatus {
        mail_id: 12,
        chat_id: 9,
        recipient: "igor@example.ru".into(),
        state: MailDelivery::Queued,
        attempts: 3,
        next_attempt_at: Some(NOON + 105_000),
        error: Some("connection refused".into()),
        sent_at: None,
    }
}

fn answered_offline_chat(mail: Option<MailStatus>) -> ChatState {
    let message = |id: i64, role: Role, text: &str| Message {
        id,
        chat_id: 9,
        seq: 1,
        ts: NOON - 60_000,
        author: Author {
            role,
            operator_id: (role == Role::Operator).then_some(3),
            name: None,
        },
        kind: MessageKind::Text,
        text: text.into(),
        client_id: None,
        attachment: None,
    };
    ChatState {
        chat: Chat {
            id: 9,
            visitor_id: 44,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: NOON - 3_600_000,
            accepted_at: Some(NOON - 60_000),
            closed_at: None,
            queued_at: None,
        },
        visitor: VisitorProfile {
            id: 44,
            fields: PrechatFields {
                name: Some("Игорь".into()),
                email: Some("igor@example.ru".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        messages: vec![
            message(1, Role::Visitor, "Перезвоните после 18:00"),
            message(2, Role::Operator, "Перезвоним в 18:30"),
        ],
        mail,
        seen_id: None,
        held_at: None,
    }
}

/// The chat open in the one pane, at 120x30, at noon.
fn state(strings: &'static crate::i18n::Strings, mail: Option<MailStatus>) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    let operator = OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    update(
        &mut s,
        Event::Resize {
            width: 120,
            height: 30,
        },
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(operator.clone(), 5))),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(
            5,
            vec![answered_offline_chat(mail)],
            vec![operator],
        ))),
    );
    update(&mut s, Event::Action(Action::SelectFirst));
    update(&mut s, Event::Action(Action::OpenSelected));
    update(&mut s, Event::Tick { now: NOON });
    s
}

/// The dialog pane's rows joined into one text (so a wrapped line reads whole).
fn dialog(screen: &str) -> String {
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split('│').nth(3))
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    rows.join(" ")
}

/// Whether the chat's row in the list ends with `mark` (its name on the left).
fn row_marked(screen: &str, mark: &str) -> bool {
    screen.lines().any(|l| {
        l.contains("Игорь")
            && l.split('│')
                .nth(1)
                .is_some_and(|list| list.trim_end().ends_with(mark))
    })
}

fn mail_event(s: &mut State, seq: u64, mail: MailStatus) {
    update(
        s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq,
            ts: NOON,
            event: EventBody::MailState { mail },
        })),
    );
}

#[test]
fn the_dialog_says_where_the_email_stands_and_the_list_marks_it() {
    let mut s = state(&crate::i18n::EN, Some(retrying()));
    let screen = text(&draw(&s));
    assert!(
        dialog(&screen)
            .contains("✉ not sent yet to igor@example.ru — retry 4 in 1:45: connection refused"),
        "{screen}"
    );
    assert!(row_marked(&screen, "✉…"), "the list row's mark:\n{screen}");

    mail_event(
        &mut s,
        6,
        MailStatus {
            state: MailDelivery::Sent,
            attempts: 4,
            next_attempt_at: None,
            error: None,
            sent_at: Some(NOON + 240_000),
            ..retrying()
        },
    );
    let screen = text(&draw(&s));
    assert!(
        screen.contains("✉ sent to igor@example.ru 12:04"),
        "{screen}"
    );
    assert!(!screen.contains("retry"), "{screen}");

    // A report about an earlier e-mail of the chat, replayed late, changes nothing.
    mail_event(
        &mut s,
        7,
        MailStatus {
            mail_id: 11,
            ..retrying()
        },
    );
    assert!(dialog(&text(&draw(&s))).contains("✉ sent to igor@example.ru 12:04"));
}

#[test]
fn a_failed_email_says_the_answer_is_kept_in_russian_too() {
    let failed = MailStatus {
        state: MailDelivery::Failed,
        next_attempt_at: None,
        error: Some("rejected by the mail server (550 no such user)".into()),
        ..retrying()
    };
    let screen = text(&draw(&state(&crate::i18n::RU, Some(failed.clone()))));
    assert!(
        dialog(&screen).contains(
            "✉ письмо на igor@example.ru не отправлено: rejected by the mail server (550 no such user); ответ остался в диалоге"
        ),
        "{screen}"
    );
    assert!(row_marked(&screen, "✉!"), "{screen}");
    let screen = text(&draw(&state(&crate::i18n::EN, Some(failed))));
    assert!(
        dialog(&screen).contains(
            "✉ e-mail to igor@example.ru failed: rejected by the mail server (550 no such user); the answer is kept in the dialog"
        ),
        "{screen}"
    );
}

#[test]
fn a_chat_without_email_shows_no_mail_line() {
    let screen = text(&draw(&state(&crate::i18n::EN, None)));
    assert!(!screen.contains('✉'), "{screen}");
}

#[test]
fn a_hostile_address_and_error_are_made_safe() {
    let hostile = MailStatus {
        recipient: "igor@example.ru\u{202e}\x1b]0;owned\x07".into(),
        error: Some("421 bye\r\n\x1b[2J".into()),
        ..retrying()
    };
    let s = state(&crate::i18n::EN, Some(hostile));
    let screen = text(&draw(&s));
    assert!(
        !screen.contains('\u{202e}') && !screen.contains('\x1b'),
        "{screen}"
    );
    let mail = s.chats.get(&9).and_then(|c| c.mail.as_ref()).expect("kept");
    assert!(!mail.recipient.contains('\x07'));
    assert!(!mail.error.as_deref().unwrap_or("").contains('\n'));
}
