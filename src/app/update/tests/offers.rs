//! Transfers are offers: a chat offered to me is marked until I take it (`a` in the list, or
//! `:accept`) or turn it down (`:decline why`); my own offer declined tells me why.

use frontdesk_protocol::{
    ChatStatus, EventBody, OperatorIn, OperatorInfo, OperatorOut, OperatorRole, TransferOffer,
};

use super::*;

fn boris() -> OperatorInfo {
    OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator)
}

/// Boris offers me his chat `chat_id` (event 11).
fn boris_offers(s: &mut State, chat_id: i64, note: Option<&str>) {
    update(
        s,
        event(
            11,
            EventBody::ChatTransferOffered {
                chat_id,
                from_operator_id: 4,
                to_operator_id: ME,
                note: note.map(str::to_owned),
            },
        ),
    );
}

/// `ready()` with Boris known and his chat 1 offered to me.
fn offered() -> State {
    let mut s = ready();
    s.operators.insert(4, boris());
    boris_offers(&mut s, 1, Some("вернуть A-1043"));
    s
}

#[test]
fn a_in_the_list_takes_the_offered_chat() {
    let mut s = offered();
    assert!(s.offered_to_me(1).is_some());
    s.selected = Some(1);
    let fx = act(&mut s, Action::AcceptSelected);
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::AcceptTransfer { chat_id: 1, .. })]
        ),
        "{fx:?}"
    );
    update(
        &mut s,
        event(
            12,
            EventBody::ChatTransferred {
                chat_id: 1,
                from_operator_id: 4,
                to_operator_id: ME,
                note: None,
            },
        ),
    );
    assert!(s.offers.is_empty(), "taken: no longer an offer");
}

#[test]
fn decline_says_why_and_only_for_an_offered_chat() {
    let mut s = offered();
    s.selected = Some(1);
    act(&mut s, Action::SwapPane);
    type_text(&mut s, ":decline не моя тема");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::DeclineTransfer { chat_id: 1, reason: Some(r), .. })]
                if r == "не моя тема"
        ),
        "{fx:?}"
    );
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, ":accept");
    assert!(act(&mut s, Action::SendMessage).is_empty());
    assert!(
        s.notice
            .as_deref()
            .unwrap_or_default()
            .contains("offers you")
    );
}

#[test]
fn my_offer_declined_tells_me_who_and_why() {
    let mut s = ready();
    s.operators.insert(4, boris());
    update(
        &mut s,
        frame(OperatorOut::TransferOffers {
            offers: vec![TransferOffer {
                chat_id: 2,
                from_operator_id: ME,
                to_operator_id: 4,
                note: None,
                created_at: 0,
            }],
        }),
    );
    assert!(s.offered_to_me(2).is_none(), "mine to Boris, not to me");
    update(
        &mut s,
        event(
            12,
            EventBody::ChatTransferDeclined {
                chat_id: 2,
                operator_id: 4,
                reason: Some("занят\x1b[2J".into()),
            },
        ),
    );
    assert!(s.offers.is_empty());
    assert_eq!(
        s.notice.as_deref(),
        Some("Борис declined the transfer: занят␛[2J")
    );
}

#[test]
fn a_chat_released_when_its_operator_went_offline_waits_again_without_its_offer() {
    // Boris's chats 5 (offered to me) and 6, when Boris's console goes for good.
    let mut s = ready_with(vec![
        chat(5, ChatStatus::Active, Some(4), 700),
        chat(6, ChatStatus::Active, Some(4), 800),
    ]);
    s.operators.insert(4, boris());
    boris_offers(&mut s, 5, None);
    assert!(s.offered_to_me(5).is_some());
    let released = |seq, chat_id| {
        event(
            seq,
            EventBody::ChatReleased {
                chat_id,
                operator_id: 4,
            },
        )
    };
    update(&mut s, released(12, 5));
    let view = &s.chats[&5];
    assert_eq!(view.chat.status, ChatStatus::Waiting);
    assert_eq!(view.chat.operator_id, None);
    assert!(s.offers.is_empty(), "the offer went with him");
    let last = view.messages.last().expect("a system line");
    assert_eq!(view.text_of(last), "back in the queue: Борис went offline");

    // What was said while he had it never reached this console (no offer asked for it).
    let fx = update(&mut s, released(13, 6));
    assert_eq!(s.chats[&6].chat.status, ChatStatus::Waiting);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::History { chat_id: 6, .. }))),
        "{fx:?}"
    );
}
