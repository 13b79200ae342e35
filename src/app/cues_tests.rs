use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};

use super::*;
use crate::app::{Action, Event, update};

const NOW: Millis = 1_795_000_100_000;
const ME: i64 = 3;

fn message(id: i64, role: Role, kind: MessageKind, text: &str, ts: Millis) -> Message {
    Message {
        id,
        chat_id: 7,
        seq: u64::try_from(id).expect("small"),
        ts,
        author: Author {
            role,
            operator_id: (role == Role::Operator).then_some(ME),
            name: None,
        },
        kind,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

/// My active chat 7 with a named visitor and `messages`, open in the focused pane, the
/// shipped canned library loaded.
fn state(visits: u32, messages: Vec<Message>) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.now = NOW;
    let me = OperatorInfo {
        id: ME,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(me.clone(), 10))),
    );
    let chat = ChatState::new(
        Chat {
            id: 7,
            visitor_id: 70,
            status: ChatStatus::Active,
            operator_id: Some(ME),
            department: None,
            created_at: NOW - 120_000,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 70,
            visits,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        messages,
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(10, vec![chat], vec![me]))),
    );
    update(
        &mut s,
        Event::CannedLibrary(Box::new(crate::canned::library::load(None))),
    );
    s.selected = Some(7);
    update(&mut s, Event::Action(Action::OpenSelected));
    s.now = NOW;
    s
}

fn chat(s: &State) -> &ChatView {
    s.chats.get(&7).expect("chat 7")
}

#[test]
fn the_answer_countdown_turns_warning_then_alarm() {
    let asked = |ago: Millis| {
        let s = state(
            1,
            vec![message(
                1,
                Role::Visitor,
                MessageKind::Text,
                "Есть доставка?",
                NOW - ago,
            )],
        );
        answer_due(&s, chat(&s))
    };
    assert_eq!(
        asked(10_000),
        Some(AnswerDue {
            left_ms: 50_000,
            urgency: Urgency::Ok
        })
    );
    assert_eq!(asked(50_000).map(|d| d.urgency), Some(Urgency::Warning));
    assert_eq!(
        asked(70_000),
        Some(AnswerDue {
            left_ms: -10_000,
            urgency: Urgency::Alarm
        })
    );
    // Answered: nothing counts down.
    let s = state(
        1,
        vec![
            message(
                1,
                Role::Visitor,
                MessageKind::Text,
                "Есть доставка?",
                NOW - 70_000,
            ),
            message(
                2,
                Role::Operator,
                MessageKind::Text,
                "Да, есть.",
                NOW - 60_000,
            ),
        ],
    );
    assert_eq!(answer_due(&s, chat(&s)), None);
}

#[test]
fn the_name_is_counted_in_operator_messages_in_any_case() {
    let s = state(
        1,
        vec![
            message(1, Role::Visitor, MessageKind::Text, "Я Ольга", NOW - 9_000),
            message(
                2,
                Role::Operator,
                MessageKind::Text,
                "Здравствуйте, Ольга!",
                NOW - 8_000,
            ),
            message(
                3,
                Role::Operator,
                MessageKind::Note,
                "Ольга — постоянный клиент",
                NOW - 7_000,
            ),
            message(
                4,
                Role::Operator,
                MessageKind::Text,
                "Ольге отправим завтра.",
                NOW - 6_000,
            ),
            message(
                5,
                Role::Operator,
                MessageKind::Text,
                "Что-нибудь ещё?",
                NOW - 5_000,
            ),
        ],
    );
    assert_eq!(
        name_uses(chat(&s)),
        Some(2),
        "the note and the visitor's own words aside"
    );
}

#[test]
fn a_visitor_writing_english_gets_english_replies_first() {
    let s = state(
        1,
        vec![message(
            1,
            Role::Visitor,
            MessageKind::Text,
            "Hi, do you ship to Kazan?",
            NOW - 5_000,
        )],
    );
    assert_eq!(written_language(chat(&s)), Some("en"));
    assert_eq!(s.canned_langs().first().map(String::as_str), Some("en"));
    let (offer, index) = offer(&s).expect("a greeting is offered");
    assert_eq!(offer, Offer::Greeting);
    assert_eq!(s.canned.library.replies[index].lang, "en");
}

#[test]
fn the_right_reply_is_offered_at_the_right_moment() {
    let asked = |visits, ago| {
        state(
            visits,
            vec![message(
                1,
                Role::Visitor,
                MessageKind::Text,
                "Здравствуйте!",
                NOW - ago,
            )],
        )
    };
    assert_eq!(offer(&asked(1, 1_000)).map(|o| o.0), Some(Offer::Greeting));
    assert_eq!(
        offer(&asked(3, 1_000)).map(|o| o.0),
        Some(Offer::WelcomeBack)
    );
    // A second chat in the same visit: they talked to us minutes ago, welcome them back.
    let mut again = asked(1, 1_000);
    if let Some(chat) = again.chats.get_mut(&7) {
        chat.visitor.chats = 2;
    }
    assert_eq!(offer(&again).map(|o| o.0), Some(Offer::WelcomeBack));
    // After the first answer: quiet until the visitor's words wait long.
    let answered = |ago| {
        state(
            1,
            vec![
                message(
                    1,
                    Role::Visitor,
                    MessageKind::Text,
                    "Здравствуйте!",
                    NOW - 90_000,
                ),
                message(
                    2,
                    Role::Operator,
                    MessageKind::Text,
                    "Здравствуйте, Ольга!",
                    NOW - 80_000,
                ),
                message(
                    3,
                    Role::Visitor,
                    MessageKind::Text,
                    "Есть в наличии?",
                    NOW - ago,
                ),
            ],
        )
    };
    assert_eq!(offer(&answered(10_000)), None);
    assert_eq!(
        offer(&answered(31_000)).map(|o| o.0),
        Some(Offer::OneMoment)
    );
    // Typing hides it; the key puts it in the box and sends nothing.
    let mut s = answered(31_000);
    s.compose.insert_str("Сейчас");
    assert_eq!(offer(&s), None);
    let mut s = answered(31_000);
    let effects = update(&mut s, Event::Action(Action::NextSuggestion));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            crate::app::Effect::Send(frontdesk_protocol::OperatorIn::Message { .. })
        )),
        "{effects:?}"
    );
    assert!(
        !s.compose.lines().concat().trim().is_empty(),
        "the reply is in the box"
    );
}

/// How often a visitor called `name` is named in operator messages `said`, one per message.
fn uses_of(name: &str, said: &[&str]) -> Option<usize> {
    let messages = said
        .iter()
        .zip(1..)
        .map(|(text, id)| message(id, Role::Operator, MessageKind::Text, text, NOW - 9_000))
        .collect();
    let mut s = state(1, messages);
    s.chats.get_mut(&7).expect("chat 7").visitor.fields.name = Some(name.into());
    name_uses(chat(&s))
}

#[test]
fn the_name_counts_in_its_case_forms_only_never_inside_other_words() {
    // Every case of «Анна» is a use…
    let forms = [
        "Анна, добрый день.",
        "Для Анны.",
        "Анне отправим.",
        "Анну ждём.",
        "С Анной.",
    ];
    assert_eq!(uses_of("Анна", &forms), Some(5));
    // …a word that merely holds the stem is not.
    assert_eq!(
        uses_of("Анна", &["Проверю данные.", "Ванна в наличии."]),
        Some(0)
    );
    assert_eq!(
        uses_of(
            "Ира",
            &["Что выбираете?", "Пираты и ирисы.", "Миранда ответит."]
        ),
        Some(0)
    );
    // «Ирина» is another name, not a form of «Ира»; «Ире», «Ирой» are.
    assert_eq!(uses_of("Ира", &["Ирина, здравствуйте."]), Some(0));
    assert_eq!(
        uses_of(
            "Ира",
            &["Ире отправили.", "Спасибо, Ирой довольны.", "Ира!"]
        ),
        Some(3)
    );
    assert_eq!(uses_of("Игорь", &["Игоря ждут.", "С Игорем."]), Some(2));
    // A name ending in «й» counts as written too (a greeting calls the visitor so), and in
    // its cases.
    let sergey = [
        "Здравствуйте, Сергей!",
        "Для Сергея.",
        "Сергею отправим.",
        "С Сергеем.",
        "О Сергее.",
    ];
    assert_eq!(uses_of("Сергей", &sergey), Some(5));
    assert_eq!(
        uses_of("Дмитрий", &["Дмитрий, добрый день.", "О Дмитрии."]),
        Some(2)
    );
    assert_eq!(uses_of("Игорь", &["Игорь, добрый вечер."]), Some(1));
    // English: as written, or with 's; never inside a longer word.
    assert_eq!(
        uses_of(
            "Olga",
            &["Hello, Olga!", "Olga's order is ready.", "OLGA, hi."]
        ),
        Some(3)
    );
    assert_eq!(uses_of("Olga", &["Olgas and Volga."]), Some(0));
    assert_eq!(
        uses_of("Ann", &["Our annual sale.", "Anna will call."]),
        Some(0)
    );
    // A double name is called by its first part.
    assert_eq!(
        uses_of(
            "Анна-Мария",
            &["Анна-Мария, добрый день.", "Анне позвоним."]
        ),
        Some(2)
    );
    // A message counts once however often it names the visitor.
    assert_eq!(uses_of("Анна", &["Анна, Анне, Анну."]), Some(1));
}

/// When the answer countdown starts: taken-in offline messages, chats back in the queue.
#[path = "cues_wait_tests.rs"]
mod wait;
