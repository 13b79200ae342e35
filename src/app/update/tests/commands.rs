//! `:commands` in the reply box: each sends its frame into the focused chat only, an unknown or
//! incomplete one sends nothing and keeps the text, and `::` or `:)` are plain text.

use frontdesk_protocol::{OperatorIn, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus};

use super::*;

fn colleague(id: i64, name: &str, display: &str) -> OperatorInfo {
    OperatorInfo::new(id, name, display, OperatorRole::Operator)
}

/// `ready()` with my chat 2 open in the reply box and three colleagues known.
fn open() -> State {
    let mut s = ready();
    for op in [
        colleague(4, "boris", "Борис"),
        colleague(5, "bella", "Белла"),
        colleague(6, "olga", "Ольга"),
    ] {
        s.operators.insert(op.id, op);
    }
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    s
}

fn run(s: &mut State, line: &str) -> Vec<Effect> {
    type_text(s, line);
    act(s, Action::SendMessage)
}

fn box_text(s: &State) -> String {
    s.compose.lines().join("\n")
}

#[test]
fn a_note_goes_to_the_open_chat_as_a_note_and_shows_pending() {
    let mut s = open();
    let fx = run(&mut s, ":note refund approved by Olga");
    let [Effect::Send(OperatorIn::Note { chat_id, text, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!((*chat_id, text.as_str()), (2, "refund approved by Olga"));
    assert_eq!(box_text(&s), "");
    let last = s.chats[&2].messages.last().expect("pending note");
    assert_eq!(
        last.who,
        crate::app::state::Who::Operator {
            own: true,
            note: true,
            whisper: false
        }
    );
    assert_eq!(last.delivery, crate::app::state::Delivery::Pending);
}

#[test]
fn transfer_names_a_colleague_by_login_display_name_or_unique_start() {
    for (line, to, note) in [
        (":transfer olga wants a refund", 6, Some("wants a refund")),
        (":transfer Борис", 4, None),
        (":TRANSFER ol", 6, None),
    ] {
        let mut s = open();
        let fx = run(&mut s, line);
        let [
            Effect::Send(OperatorIn::Transfer {
                chat_id: 2,
                to_operator,
                note: sent,
                ..
            }),
        ] = fx.as_slice()
        else {
            panic!("{line}: {fx:?}");
        };
        assert_eq!((*to_operator, sent.as_deref()), (to, note), "{line}");
    }
}

#[test]
fn a_transfer_to_a_colleague_who_is_not_here_is_sent_and_says_the_chat_stays_mine() {
    let mut s = open();
    let fx = run(&mut s, ":transfer boris");
    assert_eq!(fx.len(), 1, "{fx:?}");
    assert_eq!(s.notice, None, "Борис is online: nothing to say");
    if let Some(op) = s.operators.get_mut(&4) {
        op.status = OperatorStatus::Offline;
    }
    let fx = run(&mut s, ":transfer boris please call back");
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::Transfer { to_operator: 4, .. })]
        ),
        "the offer waits for him: {fx:?}"
    );
    assert_eq!(
        s.notice.as_deref(),
        Some("Борис is not here now: the chat stays yours until it is accepted")
    );
}

#[test]
fn a_transfer_that_names_nobody_or_several_sends_nothing_and_keeps_the_line() {
    for (line, says) in [
        (":transfer", "say whom"),
        (":transfer zed", "no colleague called zed"),
        (":transfer b", "could be boris, bella"),
        (":transfer anna", "already yours"),
    ] {
        let mut s = open();
        let fx = run(&mut s, line);
        assert!(fx.is_empty(), "{line}: {fx:?}");
        assert_eq!(box_text(&s), line);
        let notice = s.notice.clone().unwrap_or_default();
        assert!(notice.contains(says), "{line}: {notice}");
    }
}

#[test]
fn an_unknown_command_never_reaches_the_visitor() {
    let mut s = open();
    let fx = run(&mut s, ":ntoe the customer is rude");
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(box_text(&s), ":ntoe the customer is rude");
    let notice = s.notice.clone().unwrap_or_default();
    assert!(notice.contains(":ntoe"), "{notice}");
    // It names every command there is.
    for name in crate::app::update::commands::NAMES {
        assert!(notice.contains(&format!(":{name}")), "{name}: {notice}");
    }
}

#[test]
fn a_colon_that_starts_no_word_is_text_and_a_double_colon_sends_one() {
    for (line, sent) in [
        (":) thanks", ":) thanks"),
        ("::note is a word", ":note is a word"),
    ] {
        let mut s = open();
        let fx = run(&mut s, line);
        let [Effect::Send(OperatorIn::Message { text, .. })] = fx.as_slice() else {
            panic!("{line}: {fx:?}");
        };
        assert_eq!(text, sent);
    }
}

#[test]
fn status_commands_and_the_toggle_send_set_status() {
    let status_of = |fx: &[Effect]| match fx {
        [Effect::Send(OperatorIn::SetStatus { status, .. })] => *status,
        other => panic!("{other:?}"),
    };
    let mut s = open();
    assert_eq!(status_of(&run(&mut s, ":away")), OperatorStatus::Away);
    assert_eq!(status_of(&run(&mut s, ":offline")), OperatorStatus::Offline);
    assert_eq!(
        status_of(&act(&mut s, Action::ToggleAway)),
        OperatorStatus::Away
    );
    update(
        &mut s,
        event(
            11,
            frontdesk_protocol::EventBody::OperatorStatusChanged {
                operator_id: ME,
                status: OperatorStatus::Away,
                operator: None,
            },
        ),
    );
    assert_eq!(
        status_of(&act(&mut s, Action::ToggleAway)),
        OperatorStatus::Online
    );
}

#[test]
fn close_asks_first_like_its_key() {
    let mut s = open();
    assert!(run(&mut s, ":close").is_empty());
    assert_eq!(s.confirm, Some(crate::app::Confirm::Close { chat_id: 2 }));
    assert_eq!(box_text(&s), "");
}

#[test]
fn tab_completes_the_command_then_the_colleague() {
    let mut s = open();
    type_text(&mut s, ":tr");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer ");
    type_text(&mut s, "ol");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer olga ");
}

#[test]
fn tab_completes_a_colleague_by_display_name_and_a_command_typed_in_the_russian_layout() {
    let mut s = open();
    // `:ек` is `:tr` typed with the Russian layout on.
    type_text(&mut s, ":ек");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer ");
    // Known as Белла, logged in as bella: completed to what Enter resolves and has no spaces.
    type_text(&mut s, "Бел");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer bella ");
    let mut s = open();
    type_text(&mut s, ":dm ольг");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":dm olga ");
}

#[test]
fn tab_with_nothing_to_complete_says_so_and_keeps_the_keys_in_the_box() {
    for line in [":transfer zz", ":zz", ":dm Мар"] {
        let mut s = open();
        type_text(&mut s, line);
        let fx = act(&mut s, Action::CompleteCanned);
        assert!(fx.is_empty(), "{line}: {fx:?}");
        assert_eq!(
            (box_text(&s), s.focus),
            (line.to_owned(), crate::app::Focus::Compose),
            "{line}"
        );
        let typed = line.rsplit([' ', ':']).next().unwrap();
        let notice = s.notice.clone().unwrap_or_default();
        assert!(notice.contains(&format!("“{typed}”")), "{line}: {notice}");
    }
    // Text that only starts with a colon is not a command: Tab moves focus as always.
    let mut s = open();
    type_text(&mut s, ":)");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(s.focus, crate::app::Focus::List);
}

#[test]
fn the_note_and_transfer_keys_start_the_command_and_keep_the_draft() {
    let mut s = open();
    type_text(&mut s, "asked for a discount");
    act(&mut s, Action::ComposeNote);
    assert_eq!(box_text(&s), ":note asked for a discount");
    // A transfer's draft is its note, and the colleague goes before it: typed at the cursor,
    // or completed there by Tab.
    let mut s = open();
    type_text(&mut s, "asked for a discount");
    act(&mut s, Action::ComposeTransfer);
    assert_eq!(box_text(&s), ":transfer  asked for a discount");
    assert_eq!(s.compose.cursor(), ratatui_textarea::DataCursor(0, 10));
    type_text(&mut s, "bo");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(box_text(&s), ":transfer boris asked for a discount");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        fx.iter().any(|e| matches!(
            e,
            Effect::Send(OperatorIn::Transfer { note: Some(note), .. }) if note == "asked for a discount"
        )),
        "{fx:?}"
    );
    let mut s = open();
    act(&mut s, Action::FocusList);
    act(&mut s, Action::ComposeTransfer);
    assert_eq!(
        (box_text(&s), s.focus),
        (":transfer ".to_owned(), crate::app::Focus::Compose)
    );
}

#[test]
fn without_a_writable_chat_a_note_is_not_sent() {
    let mut s = ready();
    let fx = run(&mut s, ":note nobody here");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.notice.is_some());
    let _ = OperatorOut::Pong;
}

#[test]
fn take_takes_over_a_colleagues_chat_and_not_my_own() {
    // A colleague's active chat: transferred to me. (A waiting chat is accepted by opening it.)
    let mut s = ready();
    update(
        &mut s,
        event(
            11,
            frontdesk_protocol::EventBody::ChatAccepted {
                chat_id: 1,
                operator_id: 4,
                operator_name: "Борис".into(),
                routed: false,
            },
        ),
    );
    s.selected = Some(1);
    act(&mut s, Action::SwapPane);
    assert_eq!(s.open_id(), Some(1));
    let fx = run(&mut s, ":take");
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::Transfer {
                chat_id: 1,
                to_operator: ME,
                note: None,
                ..
            })]
        ),
        "{fx:?}"
    );

    // My own chat: nothing to take.
    let mut s = open();
    assert!(act(&mut s, Action::TakeChat).is_empty());
    assert!(
        s.notice
            .as_deref()
            .unwrap_or_default()
            .contains("already yours")
    );
}

#[test]
fn ban_takes_a_period_and_a_reason_and_optionally_the_address() {
    let ban_of = |fx: &[Effect]| match fx {
        [
            Effect::Send(OperatorIn::Ban {
                chat_id,
                duration_secs,
                reason,
                by_ip,
                ..
            }),
        ] => (*chat_id, *duration_secs, reason.clone(), *by_ip),
        other => panic!("{other:?}"),
    };
    let mut s = open();
    assert_eq!(
        ban_of(&run(&mut s, ":ban 1d spam links")),
        (2, 86_400, "spam links".to_owned(), false)
    );
    let mut s = open();
    assert_eq!(
        ban_of(&run(&mut s, ":ban ip 30m abuse")),
        (2, 1_800, "abuse".to_owned(), true)
    );
    for line in [":ban", ":ban 1d", ":ban forever spam", ":ban 1y spam"] {
        let mut s = open();
        assert!(run(&mut s, line).is_empty(), "{line}");
        assert!(
            s.notice
                .as_deref()
                .unwrap_or_default()
                .contains(":ban [ip]"),
            "{line}"
        );
        assert_eq!(box_text(&s), line, "the line stays");
    }
    let mut s = open();
    act(&mut s, Action::ComposeBan);
    assert_eq!(box_text(&s), ":ban 1d ");
}

#[test]
fn close_bye_sends_the_farewell_then_closes_without_asking() {
    let mut s = open();
    s.canned.library = crate::canned::library::load(None).library;
    let fx = run(&mut s, ":close bye");
    let sent: Vec<&OperatorIn> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Send(frame) => Some(frame),
            _ => None,
        })
        .collect();
    assert!(
        matches!(
            sent.as_slice(),
            [
                OperatorIn::Message { chat_id: 2, text, .. },
                OperatorIn::Close { chat_id: 2, .. },
            ] if text.starts_with("I'm glad I could help")
        ),
        "{sent:?}"
    );
    assert_eq!(s.confirm, None, "no question: the words said it");

    // Without the farewell in the library nothing goes and the chat stays open.
    let mut s = open();
    assert!(run(&mut s, ":close bye").is_empty());
    assert!(s.notice.as_deref().unwrap_or_default().contains("closing"));
}

#[test]
fn a_command_key_over_a_command_line_keeps_its_words() {
    // Regression: the words of a `:` line in the box were dropped by the next command key.
    let mut s = open();
    type_text(&mut s, ":note asked for a discount");
    act(&mut s, Action::ComposeTransfer);
    assert_eq!(box_text(&s), ":transfer  asked for a discount");
}

#[test]
fn a_command_typed_in_the_russian_layout_is_the_command_in_its_keys_places() {
    let mut s = open();
    // :тщеу is :note typed without switching the layout; the note itself is Russian text.
    let fx = run(&mut s, ":тщеу клиент просит счёт");
    let [Effect::Send(OperatorIn::Note { text, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(text, "клиент просит счёт");
    // A Russian word that spells no command is held back as unknown, as before.
    assert_eq!(run(&mut s, ":заметка текст"), []);
    assert_eq!(box_text(&s), ":заметка текст");
}
