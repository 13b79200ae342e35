//! Search over REST against a real server: words in any form in Russian and English, visitors
//! by name and e-mail, read rights (whispers, colleagues' chats, departments), queries with
//! FTS5 syntax, and the index catching up off the write path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::rest::ErrorBody;
use frontdesk_protocol::search::{HitKind, SearchResults};
use frontdesk_protocol::{
    ErrorCode, OperatorIn, OperatorRole, PrechatFields, VisitorIn, VisitorOut,
};
use frontdesk_server::routing::{Department, RoutingConfig};
use reqwest::StatusCode;

async fn search(server: &TestServer, token: &str, q: &str) -> reqwest::Response {
    search_in(server, token, q, &[]).await
}

/// A search with more parameters (`since`, `until`).
pub(crate) async fn search_in(
    server: &TestServer,
    token: &str,
    q: &str,
    more: &[(&str, &str)],
) -> reqwest::Response {
    let url = url::Url::parse_with_params(
        &format!("{}/api/search", server.server.http_url()),
        [("q", q), ("limit", "50")].iter().chain(more),
    )
    .unwrap();
    reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn texts(server: &TestServer, token: &str, q: &str) -> Vec<(HitKind, String)> {
    let res = search(server, token, q).await;
    assert_eq!(res.status(), StatusCode::OK, "{q}");
    let found: SearchResults = res.json().await.unwrap();
    found
        .hits
        .into_iter()
        .map(|h| (h.kind, h.snippet))
        .collect()
}

/// Polls until `q` finds something for `token`: the index is filled on the maintenance
/// timer, so a fresh message shows up within an interval or two.
pub(crate) async fn until_found(
    server: &TestServer,
    token: &str,
    q: &str,
) -> Vec<(HitKind, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found = texts(server, token, q).await;
        if !found.is_empty() {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "the index never caught up with {q:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn command(op: &mut Operator, frame: OperatorIn, id: &str) {
    op.send(&frame).await;
    op.answer(id).await.expect(id);
}

/// A visitor (with pre-chat `fields`) who starts a chat in `department` with `text`.
pub(crate) async fn chat(
    server: &TestServer,
    fields: PrechatFields,
    department: Option<&str>,
    text: &str,
) -> (Visitor, i64) {
    let (mut v, _) = Visitor::join(server, None).await;
    v.send(&VisitorIn::Prechat {
        id: "p".into(),
        fields,
    })
    .await;
    v.send(&VisitorIn::StartChat {
        id: "s".into(),
        text: Some(text.into()),
        department: department.map(str::to_owned),
    })
    .await;
    let chat_id = v
        .until(|f| match f {
            VisitorOut::Ack {
                id,
                chat_id: Some(c),
                ..
            } if id == "s" => Some(*c),
            _ => None,
        })
        .await;
    (v, chat_id)
}

fn department(key: &str, operators: &[&str]) -> Department {
    Department {
        key: key.into(),
        title: key.into(),
        operators: operators.iter().map(|o| (*o).to_owned()).collect(),
    }
}

#[tokio::test]
async fn search_finds_words_in_any_form_within_read_rights() {
    let server = TestServer::start_with(|c| {
        c.storage.checkpoint_interval_ms = 50;
        c.limits.new_visitors_per_ip_per_min = 1000;
        c.routing = RoutingConfig {
            departments: vec![
                department("sales", &["anna", "carl"]),
                department("billing", &["boris"]),
            ],
            ..RoutingConfig::default()
        };
    })
    .await;
    let anna_token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let boris_token = server
        .operator_token_as("boris", "Борис", OperatorRole::Operator)
        .await;
    let carl_token = server.operator_token("carl").await;
    let lead_token = server
        .operator_token_as("lead", "Lead", OperatorRole::Supervisor)
        .await;
    let (mut anna, _) = Operator::in_sync(&server, &anna_token).await;
    let (mut boris, _) = Operator::in_sync(&server, &boris_token).await;
    let (mut lead, _) = Operator::in_sync(&server, &lead_token).await;

    // Sales: Olga's chat with Anna, a note and a whisper, then closed.
    let olga = PrechatFields {
        name: Some("Ольга".into()),
        email: Some("olga.k@example.com".into()),
        ..PrechatFields::default()
    };
    let (_olga, sales) = chat(&server, olga, Some("sales"), "Я заказал диван").await;
    command(
        &mut anna,
        OperatorIn::Accept {
            id: "a".into(),
            chat_id: sales,
        },
        "a",
    )
    .await;
    let reply = OperatorIn::Message {
        id: "r".into(),
        chat_id: sales,
        text: "I ordered a new one for you".into(),
    };
    command(&mut anna, reply, "r").await;
    let note = OperatorIn::Note {
        id: "n".into(),
        chat_id: sales,
        text: "постоянная клиентка".into(),
    };
    command(&mut anna, note, "n").await;
    let whisper = OperatorIn::Whisper {
        id: "w".into(),
        chat_id: sales,
        text: "предложи скидку".into(),
    };
    command(&mut lead, whisper, "w").await;
    command(
        &mut anna,
        OperatorIn::Close {
            id: "c".into(),
            chat_id: sales,
        },
        "c",
    )
    .await;

    // Billing: closed by its visitor. Readable by plain operators, but not of Anna's department.
    let (mut billing_visitor, _) = chat(
        &server,
        PrechatFields::default(),
        Some("billing"),
        "Счёт за доставку не пришёл",
    )
    .await;
    billing_visitor
        .send(&VisitorIn::CloseChat { id: "x".into() })
        .await;
    // No department: Boris's active chat.
    let (mut v3, common_chat) = chat(
        &server,
        PrechatFields::default(),
        None,
        "Где мой холодильник?",
    )
    .await;
    command(
        &mut boris,
        OperatorIn::Accept {
            id: "b".into(),
            chat_id: common_chat,
        },
        "b",
    )
    .await;
    let last = OperatorIn::Message {
        id: "m".into(),
        chat_id: common_chat,
        text: "Холодильники приедут завтра".into(),
    };
    command(&mut boris, last, "m").await;

    // The index catches up (the last message written is found by a supervisor).
    until_found(&server, &lead_token, "завтра").await;
    let billing = until_found(&server, &lead_token, "счета").await;
    assert_eq!(billing[0].1, "Счёт за доставку не пришёл");

    // Any grammatical form, both languages; the hit words marked.
    let res = search(&server, &carl_token, "заказ").await;
    let found: SearchResults = res.json().await.unwrap();
    let hit = found
        .hits
        .iter()
        .find(|h| h.snippet == "Я заказал диван")
        .expect("«заказал» for «заказ»");
    assert_eq!(
        (hit.chat_id, hit.kind, hit.marks.clone()),
        (sales, HitKind::Text, vec![[2, 9]])
    );
    assert!(
        texts(&server, &carl_token, "order")
            .await
            .contains(&(HitKind::Text, "I ordered a new one for you".into()))
    );
    // Visitors by name in another case, and by e-mail.
    let by_name = texts(&server, &carl_token, "Ольгой").await;
    assert_eq!(
        by_name,
        [(HitKind::Visitor, "Ольга <olga.k@example.com>".to_string())]
    );
    assert_eq!(
        texts(&server, &carl_token, "olga.k@example.com").await,
        by_name
    );
    // A note is found by operators; a whisper only by whom it is for (and supervisors).
    assert_eq!(
        texts(&server, &carl_token, "клиентки").await,
        [(HitKind::Note, "постоянная клиентка".to_string())]
    );
    assert!(texts(&server, &carl_token, "скидка").await.is_empty());
    assert_eq!(
        texts(&server, &anna_token, "скидка").await,
        [(HitKind::Whisper, "предложи скидку".to_string())]
    );
    assert_eq!(texts(&server, &lead_token, "скидка").await.len(), 1);
    // Another department's chat: not for Anna (sales), but for Boris (billing).
    assert!(texts(&server, &anna_token, "счет").await.is_empty());
    assert_eq!(texts(&server, &boris_token, "счет").await.len(), 1);
    // A colleague's active chat: not for Anna; for Boris and the supervisor.
    assert!(texts(&server, &anna_token, "холодильник").await.is_empty());
    assert_eq!(texts(&server, &boris_token, "холодильник").await.len(), 2);
    assert_eq!(texts(&server, &lead_token, "холодильник").await.len(), 2);

    // FTS5 syntax in the query is searched as words, or refused clearly.
    assert_eq!(texts(&server, &carl_token, r#""заказ*" ("#).await.len(), 1);
    assert!(
        texts(&server, &lead_token, "заказ OR холодильник")
            .await
            .is_empty()
    );
    assert!(
        texts(&server, &lead_token, "(диван)* -")
            .await
            .iter()
            .any(|h| h.1 == "Я заказал диван")
    );
    for bad in [r#""*()"#, "", "a b c d e f g h i j"] {
        let res = search(&server, &carl_token, bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad:?}");
        let body: ErrorBody = res.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::InvalidFrame);
        assert!(body.message.contains("word"), "{}", body.message);
    }
    // Without a session: 401.
    let res = search(&server, "nope", "заказ").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Written after the first passes: found once the timer has indexed it.
    let later = OperatorIn::Message {
        id: "m2".into(),
        chat_id: common_chat,
        text: "Курьер позвонит".into(),
    };
    command(&mut boris, later, "m2").await;
    assert_eq!(
        until_found(&server, &boris_token, "курьеры").await,
        [(HitKind::Text, "Курьер позвонит".to_string())]
    );
    // Accents are not needed to find a word, nor in the way when typed.
    let accented = OperatorIn::Message {
        id: "m3".into(),
        chat_id: common_chat,
        text: "Café Müller, São Paulo".into(),
    };
    command(&mut boris, accented, "m3").await;
    let hit = until_found(&server, &boris_token, "muller").await;
    assert_eq!(hit, [(HitKind::Text, "Café Müller, São Paulo".to_string())]);
    assert_eq!(texts(&server, &boris_token, "CAFÉ sao").await, hit);
    // A visitor who gives a name later is found by it once re-indexed.
    let fields = PrechatFields {
        name: Some("Светлана".into()),
        ..PrechatFields::default()
    };
    v3.send(&VisitorIn::Prechat {
        id: "p2".into(),
        fields,
    })
    .await;
    let renamed = until_found(&server, &boris_token, "Светланой").await;
    assert_eq!(renamed, [(HitKind::Visitor, "Светлана".to_string())]);
    assert!(texts(&server, &anna_token, "Светлана").await.is_empty());
}
