//! `frontdesk demo` without the console: the simulated visitors open chats in Russian and
//! English over the real visitor socket, and answer an operator who writes to them.

use std::collections::HashMap;
use std::time::Duration;

use frontdesk::demo::scenario;
use frontdesk::demo::{self, DemoArgs};
use frontdesk_protocol::{
    ChatStatus, EventBody, Message, OperatorIn, OperatorOut, Role, decode, encode,
};
use futures_util::{SinkExt, StreamExt};
use tokio::time::{Instant, timeout_at};
use tokio_tungstenite::tungstenite::Message as WsMessage;

fn is_russian(text: &str) -> bool {
    text.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_chat_in_both_languages_and_answer_the_operator() {
    let args = DemoArgs {
        visitors: 2,
        speed: 10.0,
        no_console: true,
    };
    let started = Instant::now();
    let (demo, mut ws) = demo_with_operator(&args).await;

    // Lines a visitor may send only in answer to an operator's message.
    let answers: Vec<String> = scenario::all()
        .unwrap()
        .into_iter()
        .filter_map(|s| s.lines.get(1).map(|l| l.text.clone()))
        .collect();

    let deadline = Instant::now() + Duration::from_secs(20);
    let mut first_visitor_message: Option<Duration> = None;
    let (mut ru, mut en) = (false, false);
    let mut chats: HashMap<i64, Vec<Message>> = HashMap::new();
    let mut replied: Option<(i64, String)> = None; // (chat, client id of our reply)
    let mut reply_seq: Option<u64> = None;
    let mut answer: Option<String> = None;

    while answer.is_none() {
        let frame = timeout_at(deadline, ws.next())
            .await
            .unwrap_or_else(|_| {
                panic!("deadline: ru {ru}, en {en}, chats {chats:?}, reply seq {reply_seq:?}")
            })
            .expect("operator socket closed")
            .unwrap();
        let WsMessage::Text(text) = frame else {
            continue;
        };
        let mut posted = Vec::new();
        match decode::<OperatorOut>(&text).unwrap() {
            OperatorOut::Snapshot { chats: snap, .. } => {
                // The message left overnight is no live visitor: its own test below.
                for c in snap.iter().filter(|c| c.chat.status != ChatStatus::Offline) {
                    posted.extend(c.messages.clone());
                    chats.entry(c.chat.id).or_default();
                }
            }
            OperatorOut::Event { event, .. } => match event {
                EventBody::ChatCreated { chat, .. } => {
                    chats.entry(chat.id).or_default();
                }
                EventBody::MessagePosted { message } => posted.push(message),
                _ => {}
            },
            OperatorOut::Error { code, message, .. } => panic!("{code}: {message}"),
            _ => {}
        }
        for m in posted {
            if m.author.role == Role::Operator
                && replied.as_ref().map(|r| &r.1) == m.client_id.as_ref()
            {
                reply_seq = Some(m.seq);
            }
            if m.author.role != Role::Visitor {
                continue;
            }
            first_visitor_message.get_or_insert(started.elapsed());
            if is_russian(&m.text) {
                ru = true;
            } else {
                en = true;
            }
            if let (Some((chat, _)), Some(seq)) = (&replied, reply_seq)
                && m.chat_id == *chat
                && m.seq > seq
            {
                answer = Some(m.text.clone());
            }
            chats.entry(m.chat_id).or_default().push(m);
        }
        if ru && en && replied.is_none() {
            let chat_id = *chats.keys().next().unwrap();
            let accept = OperatorIn::Accept {
                id: "accept-1".into(),
                chat_id,
            };
            ws.send(WsMessage::text(encode(&accept))).await.unwrap();
            let reply = OperatorIn::Message {
                id: "reply-1".into(),
                chat_id,
                text: "Здравствуйте! Hello! Сейчас всё проверю. Let me check.".into(),
            };
            ws.send(WsMessage::text(encode(&reply))).await.unwrap();
            replied = Some((chat_id, "reply-1".into()));
        }
    }

    let first = first_visitor_message.unwrap();
    assert!(first < Duration::from_secs(5), "first chat after {first:?}");
    let answer = answer.unwrap();
    assert!(
        answers.contains(&answer),
        "the visitor's answer «{answer}» is not a line that waits for a reply"
    );
    demo.shutdown().await.unwrap();
}

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The demo with its operator only (and the message left overnight).
fn no_visitors() -> DemoArgs {
    DemoArgs {
        visitors: 0,
        speed: 10.0,
        no_console: true,
    }
}

/// The demo started with `args`, and an operator socket of the demo's operator that said
/// hello.
pub(crate) async fn demo_with_operator(args: &DemoArgs) -> (demo::DemoHandle, Ws) {
    let demo = demo::start_demo(args).await.expect("the demo starts");
    let url = format!("{}/ws/operator", demo.server.ws_url());
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("the operator socket opens");
    let hello = OperatorIn::Hello {
        token: demo.token.clone(),
        since: None,
        pack_ms: None,
    };
    ws.send(WsMessage::text(encode(&hello)))
        .await
        .expect("hello is sent");
    (demo, ws)
}

/// The next frame on an operator socket; panics at `deadline` with `what` it waited for.
pub(crate) async fn next_frame(ws: &mut Ws, deadline: Instant, what: &str) -> OperatorOut {
    loop {
        let frame = timeout_at(deadline, ws.next())
            .await
            .unwrap_or_else(|_| panic!("deadline waiting for {what}"))
            .expect("operator socket closed")
            .expect("operator socket failed");
        if let WsMessage::Text(text) = frame {
            return decode::<OperatorOut>(&text).expect("an operator frame");
        }
    }
}

/// The demo operator greets visitors with "my name is {operator.name}": she has a person's
/// name, not a role ("Demo operator", «Оператор»).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_operator_has_a_persons_name() {
    let (demo, mut ws) = demo_with_operator(&no_visitors()).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let name = loop {
        let frame = timeout_at(deadline, ws.next())
            .await
            .expect("welcome before the deadline")
            .expect("socket open")
            .expect("a frame");
        if let WsMessage::Text(text) = frame
            && let Ok(OperatorOut::Welcome { operator, .. }) = decode::<OperatorOut>(&text)
        {
            break operator.display_name;
        }
    };
    let lower = name.to_lowercase();
    assert!(
        !lower.contains("operator") && !lower.contains("оператор") && !lower.contains("demo"),
        "{name}"
    );
    assert!(
        name.chars().all(char::is_alphabetic)
            && name.chars().next().is_some_and(char::is_uppercase),
        "a first name: {name}"
    );
    demo.shutdown().await.unwrap();
}

/// A message left while nobody was online waits when the console opens: an offline chat
/// with the visitor's name, e-mail (its answer's address) and question, before any visitor
/// of the rotation arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_left_overnight_waits_when_the_console_opens() {
    let (demo, mut ws) = demo_with_operator(&no_visitors()).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let chats = loop {
        if let OperatorOut::Snapshot { chats, .. } =
            next_frame(&mut ws, deadline, "the snapshot").await
        {
            break chats;
        }
    };
    let [left] = chats.as_slice() else {
        panic!("one chat, the message left: {chats:?}");
    };
    assert_eq!(left.chat.status, ChatStatus::Offline);
    let scenario = [true, false]
        .into_iter()
        .map(|ru| scenario::left_overnight(ru).unwrap())
        .find(|s| s.prechat.name == left.visitor.fields.name)
        .unwrap_or_else(|| panic!("a shipped visitor: {:?}", left.visitor.fields));
    assert_eq!(left.visitor.fields.email, scenario.prechat.email);
    let texts: Vec<&str> = left.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, [scenario.lines[0].text.as_str()]);
    // Left last night at 23:40 on this machine's clock, the chat and its message alike.
    let left_at = jiff::Timestamp::from_millisecond(left.messages[0].ts)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::system());
    assert_eq!((left_at.hour(), left_at.minute()), (23, 40), "{left_at}");
    assert_eq!(left.chat.created_at, left.messages[0].ts);
    let waited = jiff::Timestamp::now().as_millisecond() - left.messages[0].ts;
    assert!(
        (0..25 * 3_600_000).contains(&waited),
        "left {left_at}, {waited} ms ago"
    );
    demo.shutdown().await.unwrap();
}

/// An impatient visitor (`leaves_after_secs`) nudges, closes the site when nobody answers,
/// and the console hears it; answered meanwhile, they come back and go on with their story.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_impatient_visitor_leaves_the_site_and_comes_back_to_the_answer() {
    let scenarios = scenario::all().unwrap();
    let impatient: Vec<&scenario::Scenario> = scenarios
        .iter()
        .filter(|s| s.leaves_after_secs.is_some())
        .collect();
    assert!(!impatient.is_empty(), "a shipped scenario leaves");
    let last = scenarios
        .iter()
        .rposition(|s| s.leaves_after_secs.is_some())
        .unwrap();
    // Fast enough that the test is short, slow enough that coming back (`back_after_secs`)
    // takes longer than the server's linger (a second at least).
    let args = DemoArgs {
        visitors: last + 1,
        speed: 30.0,
        no_console: true,
    };
    let (demo, mut ws) = demo_with_operator(&args).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut first_lines: HashMap<i64, String> = HashMap::new();
    let (chat, scenario) = loop {
        match next_frame(&mut ws, deadline, "a visitor leaving").await {
            OperatorOut::Event {
                event: EventBody::MessagePosted { message },
                ..
            } if message.author.role == Role::Visitor => {
                first_lines.entry(message.chat_id).or_insert(message.text);
            }
            OperatorOut::Event {
                event:
                    EventBody::VisitorPresence {
                        chat_id,
                        on_site: false,
                        left_at,
                    },
                ..
            } => {
                assert!(left_at.is_some());
                let first = &first_lines[&chat_id];
                let scenario = impatient
                    .iter()
                    .find(|s| s.lines[0].text == *first)
                    .unwrap_or_else(|| panic!("«{first}» left, not an impatient visitor"));
                break (chat_id, *scenario);
            }
            _ => {}
        }
    };
    let answer = OperatorIn::Message {
        id: "r-1".into(),
        chat_id: chat,
        text: "Sorry for the wait: yes, we can help.".into(),
    };
    ws.send(WsMessage::text(encode(&answer))).await.unwrap();
    let mut back = false;
    let next_line = loop {
        match next_frame(&mut ws, deadline, "the visitor back and writing").await {
            OperatorOut::Event {
                event:
                    EventBody::VisitorPresence {
                        chat_id,
                        on_site: true,
                        ..
                    },
                ..
            } if chat_id == chat => back = true,
            OperatorOut::Event {
                event: EventBody::MessagePosted { message },
                ..
            } if message.chat_id == chat && message.author.role == Role::Visitor => {
                break message.text;
            }
            _ => {}
        }
    };
    assert!(back, "came back before writing");
    assert!(
        scenario.lines[1..].iter().any(|l| l.text == next_line),
        "«{next_line}» goes on with the story"
    );
    demo.shutdown().await.unwrap();
}

/// A visitor whose chat is closed answers the widget's question as the scenario says: the
/// operator hears the rating, so the demo's dialog and statistics show one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_rates_the_chat_once_it_is_closed() {
    let first = scenario::all().unwrap().remove(0);
    let expected = first.rating.expect("the first scenario rates its chat");
    let args = DemoArgs {
        visitors: 1,
        speed: 100.0,
        no_console: true,
    };
    let (demo, mut ws) = demo_with_operator(&args).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    // A quick visitor's chat may be there before the operator's snapshot.
    let chat_id = loop {
        match next_frame(&mut ws, deadline, "the visitor's chat").await {
            OperatorOut::Snapshot { chats, .. } => {
                if let Some(c) = chats.iter().find(|c| c.chat.status == ChatStatus::Waiting) {
                    break c.chat.id;
                }
            }
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, .. },
                ..
            } if chat.status == ChatStatus::Waiting => break chat.id,
            _ => {}
        }
    };
    for frame in [
        OperatorIn::Accept {
            id: "a".into(),
            chat_id,
        },
        OperatorIn::Close {
            id: "c".into(),
            chat_id,
        },
    ] {
        ws.send(WsMessage::text(encode(&frame))).await.unwrap();
    }
    let rating = loop {
        if let OperatorOut::Event {
            event:
                EventBody::ChatRated {
                    chat_id: rated,
                    rating,
                    ..
                },
            ..
        } = next_frame(&mut ws, deadline, "the visitor's rating").await
            && rated == chat_id
        {
            break rating;
        }
    };
    assert_eq!(rating, expected);
    demo.shutdown().await.unwrap();
}
