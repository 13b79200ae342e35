//! Whether a chat's visitor is still on the site, over real sockets: every console hears when
//! the visitor of an open chat leaves (their last widget socket closed, past the linger) and
//! comes back (`visitor_presence` events, replayed to a console that resumes), and a console
//! that connects or resumes gets the chats whose visitor is away.
//! While they are gone, answers also go to the e-mail of their pre-chat form (a real SMTP
//! server, aiosmtpd).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::offline_mail::{answer, mail_to, outbox_rows};
use common::presence::{presence, presence_of};
use common::smtp::{SmtpSink, free_port};
use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{MailDelivery, OperatorOut, PrechatFields, VisitorIn, VisitorOut};

async fn server() -> TestServer {
    TestServer::start_with(|c| c.site.linger_secs = 0).await
}

/// The chat id and token of a visitor who opened a chat by writing.
async fn chatting_visitor(server: &TestServer) -> (Visitor, i64, String) {
    let (mut v, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    let chat_id = match v.say("m1", "Здравствуйте, есть доставка в Казань?").await
    {
        VisitorOut::Ack {
            chat_id: Some(chat_id),
            ..
        } => chat_id,
        other => panic!("not acknowledged with a chat: {other:?}"),
    };
    (v, chat_id, token)
}

/// The list of away chats a console gets after its snapshot or its resume's welcome (each
/// with when the visitor left).
async fn away_list(op: &mut Operator) -> Vec<i64> {
    op.until(|f| match f {
        OperatorOut::VisitorsAway { chats } => {
            assert!(chats.iter().all(|c| c.left_at.is_some()), "{chats:?}");
            Some(chats.iter().map(|c| c.chat_id).collect())
        }
        _ => None,
    })
    .await
}

#[tokio::test]
async fn consoles_hear_a_chats_visitor_leave_the_site_and_come_back() {
    let server = server().await;
    let anna = server.operator_token("anna").await;
    let (v, chat, token) = chatting_visitor(&server).await;

    // Connected while the visitor is here: nobody is away.
    let (mut op, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(away_list(&mut op).await, Vec::<i64>::new());

    // The widget closes: the console hears it within a tick, without asking.
    drop(v);
    assert!(!presence_of(&mut op, chat).await, "left");

    // A console connecting now learns it from the list.
    let (mut late, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(away_list(&mut late).await, vec![chat]);

    // The visitor opens the site again (same browser): both consoles hear it.
    let (_back, welcome) = Visitor::join(&server, Some(token)).await;
    assert!(
        matches!(welcome, VisitorOut::Welcome { chat_id: Some(c), .. } if c == chat),
        "{welcome:?}"
    );
    assert!(presence_of(&mut op, chat).await, "back");
    assert!(presence_of(&mut late, chat).await, "back");
    let (mut third, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(away_list(&mut third).await, Vec::<i64>::new());
}

#[tokio::test]
async fn a_resumed_console_replays_what_it_missed_and_gets_the_away_list() {
    let server = server().await;
    let anna = server.operator_token("anna").await;
    let (v, chat, token) = chatting_visitor(&server).await;
    let (gone, gone_chat, _) = chatting_visitor(&server).await;
    let mut op = Operator::join(&server, &anna, None).await;
    let seq = op
        .until(|f| match f {
            OperatorOut::Snapshot { seq, .. } => Some(*seq),
            _ => None,
        })
        .await;
    assert_eq!(away_list(&mut op).await, Vec::<i64>::new());
    drop(op);

    // While the console is away (a colleague's hears it): one visitor leaves and comes back,
    // the other leaves for good.
    let (mut colleague, _) = Operator::in_sync(&server, &anna).await;
    drop(v);
    assert!(!presence_of(&mut colleague, chat).await);
    let (_back, _) = Visitor::join(&server, Some(token)).await;
    assert!(presence_of(&mut colleague, chat).await);
    drop(gone);
    assert!(!presence_of(&mut colleague, gone_chat).await);

    // The resumed console gets each change, in order, and then the list as it is now.
    let mut op = Operator::join(&server, &anna, Some(seq)).await;
    let mut replayed = Vec::new();
    loop {
        let frame = op.recv().await;
        if let OperatorOut::Welcome { resumed, .. } = &frame {
            assert!(resumed);
        }
        replayed.extend(presence(&frame));
        if let OperatorOut::VisitorsAway { chats } = frame {
            assert_eq!(
                chats.iter().map(|c| c.chat_id).collect::<Vec<_>>(),
                vec![gone_chat]
            );
            break;
        }
    }
    assert_eq!(
        replayed,
        vec![(chat, false), (chat, true), (gone_chat, false)],
        "the presence events, replayed before the list"
    );
}

#[tokio::test]
async fn a_closed_chat_and_a_visitor_without_one_are_not_announced() {
    let server = server().await;
    let anna = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &anna).await;
    // A visitor who only browses comes and goes: no chat, nothing to say.
    let (browsing, _) = Visitor::join(&server, None).await;
    drop(browsing);
    // A visitor whose chat is closed leaves.
    let (mut v, chat, _) = chatting_visitor(&server).await;
    let closed = v
        .send_and_ack(
            "c1",
            frontdesk_protocol::VisitorIn::CloseChat { id: "c1".into() },
        )
        .await;
    assert!(matches!(closed, VisitorOut::Ack { .. }), "{closed:?}");
    drop(v);
    let frames = op.frames_within(Duration::from_millis(1500)).await;
    let told: Vec<_> = frames.iter().filter_map(presence).collect();
    assert!(told.is_empty(), "chat {chat}: {told:?}");
}

#[tokio::test]
async fn while_the_visitor_is_gone_answers_also_go_to_the_e_mail_of_their_form() {
    let sink = SmtpSink::start(free_port()).await;
    let server = TestServer::start_with(|c| {
        mail_to(sink.port)(c);
        c.site.linger_secs = 0;
    })
    .await;
    let (mut v, chat, token) = olga_asks(&server).await;
    let anna = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &anna).await;

    // On the site, the answer is read in the widget: no e-mail.
    assert_eq!(answer(&mut op, "r-0", chat, "Минуту, уточню.").await, []);

    // Her last words before she goes are what the e-mail quotes.
    v.say("m2", "И можно ли оплатить при получении?").await;
    drop(v);
    assert!(!presence_of(&mut op, chat).await);
    let queued = answer(&mut op, "r-1", chat, "Два дня, курьером до двери.").await;
    let [queued] = queued.as_slice() else {
        panic!("one e-mail queued: {queued:?}")
    };
    assert_eq!(queued.recipient, "olga@example.ru");
    assert_eq!(queued.state, MailDelivery::Queued);
    let mails = sink.wait_for(1).await;
    assert_eq!(mails[0].to, "olga@example.ru");
    assert!(
        mails[0].text.contains("Два дня, курьером до двери."),
        "{mails:?}"
    );
    assert!(
        !mails[0].text.contains("Минуту, уточню."),
        "only what was written while she was gone: {mails:?}"
    );
    assert!(
        mails[0]
            .text
            .contains("> И можно ли оплатить при получении?"),
        "{mails:?}"
    );

    // Back on the site: answers stay in the widget again.
    let (_back, _) = Visitor::join(&server, Some(token)).await;
    assert!(presence_of(&mut op, chat).await);
    assert_eq!(answer(&mut op, "r-2", chat, "Что-нибудь ещё?").await, []);
    assert_eq!(outbox_rows(&server), 1);
}

/// Ольга fills the form with her e-mail and asks; returns her socket, chat and token.
async fn olga_asks(server: &TestServer) -> (Visitor, i64, String) {
    let (mut v, welcome) = Visitor::join(server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    let form = VisitorIn::Prechat {
        id: "f1".into(),
        fields: PrechatFields {
            name: Some("Ольга".into()),
            email: Some("olga@example.ru".into()),
            ..PrechatFields::default()
        },
    };
    v.send_and_ack("f1", form).await;
    match v.say("m1", "Сколько идёт доставка в Казань?").await {
        VisitorOut::Ack {
            chat_id: Some(chat),
            ..
        } => (v, chat, token),
        other => panic!("{other:?}"),
    }
}

/// Nobody's widget is connected to a server that just started: every open chat's visitor is
/// away (answers mailed) until their widget connects again.
#[tokio::test]
async fn after_a_restart_every_open_chats_visitor_is_away_until_their_widget_connects() {
    let sink = SmtpSink::start(free_port()).await;
    let config = |c: &mut frontdesk_server::Config| {
        mail_to(sink.port)(c);
        c.site.linger_secs = 0;
    };
    let first = TestServer::start_with(config).await;
    let (v, chat, token) = olga_asks(&first).await;
    drop(v);
    let server = first.restart_with(config).await;

    let anna = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(away_list(&mut op).await, vec![chat]);
    let queued = answer(&mut op, "r-1", chat, "Два дня, курьером до двери.").await;
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(sink.wait_for(1).await[0].to, "olga@example.ru");

    let (_back, _) = Visitor::join(&server, Some(token)).await;
    assert!(presence_of(&mut op, chat).await);
    assert_eq!(answer(&mut op, "r-2", chat, "Что-нибудь ещё?").await, []);
}

/// Takes a chat (a message left offline) as the operator.
async fn accept(op: &mut Operator, chat_id: i64) {
    op.send(&frontdesk_protocol::OperatorIn::Accept {
        id: format!("acc-{chat_id}"),
        chat_id,
    })
    .await;
    op.until(|f| {
        matches!(f, OperatorOut::Ack { id, .. } if *id == format!("acc-{chat_id}")).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_message_left_offline_taken_in_says_whether_its_visitor_is_on_the_site() {
    let server = server().await;
    let anna = server.operator_token("anna").await;
    // Igor left a message and closed the page.
    let (_, gone_chat) = common::offline_mail::leave_offline_message(&server, None).await;
    // Pyotr left one and is still on the site.
    let (here, _, here_chat) =
        common::offline_mail::offline_message(&server, "Пётр", "Есть ли самовары на углях?", None)
            .await;
    let (mut op, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(
        away_list(&mut op).await,
        Vec::<i64>::new(),
        "no live chat yet"
    );

    // Taken in, Igor's chat is live with its visitor away: every console hears it.
    accept(&mut op, gone_chat).await;
    assert!(!presence_of(&mut op, gone_chat).await, "away when taken");
    let (mut late, _) = Operator::in_sync(&server, &anna).await;
    assert_eq!(away_list(&mut late).await, vec![gone_chat]);

    // Pyotr's, taken while he is here, says nothing until he leaves; then it is told.
    accept(&mut op, here_chat).await;
    let quiet = op.frames_within(Duration::from_millis(1500)).await;
    assert_eq!(quiet.iter().filter_map(presence).collect::<Vec<_>>(), []);
    drop(here);
    assert!(!presence_of(&mut op, here_chat).await, "left after");
}
