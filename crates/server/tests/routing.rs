//! Routing with three operators and ten visitors over real sockets: round robin spreads
//! evenly, least loaded honours the cap and refills freed room, departments keep their chats
//! until the fallback opens them to everyone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::HashMap;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    ErrorCode, ErrorReason, EventBody, OperatorIn, OperatorOut, SystemEvent, VisitorIn, VisitorOut,
};
use frontdesk_server::routing::{Department, RoutingConfig, RoutingMode};

fn department(key: &str, title: &str, operators: &[&str]) -> Department {
    Department {
        key: key.into(),
        title: title.into(),
        operators: operators.iter().map(|o| (*o).to_owned()).collect(),
    }
}

async fn server(routing: RoutingConfig) -> TestServer {
    TestServer::start_with(|c| {
        c.routing = routing;
        c.limits.new_visitors_per_ip_per_min = 1000;
        c.presence.offline_grace_secs = 0;
    })
    .await
}

/// Three operators online: (anna, boris, carl) with their ids.
async fn team(server: &TestServer) -> Vec<(Operator, i64)> {
    let mut ops = Vec::new();
    for name in ["anna", "boris", "carl"] {
        ops.push(Operator::in_sync(server, &server.operator_token(name).await).await);
    }
    ops
}

/// A visitor who starts a chat (naming `department`, if any); returns the socket, the chat
/// id and whether an operator joined by the time the chat was acknowledged.
async fn starts_chat(
    server: &TestServer,
    n: usize,
    department: Option<&str>,
) -> (Visitor, i64, bool) {
    let (mut v, _) = Visitor::join(server, None).await;
    let id = format!("start-{n}");
    v.send(&VisitorIn::StartChat {
        id: id.clone(),
        text: Some(format!("Вопрос номер {n}")),
        department: department.map(str::to_owned),
    })
    .await;
    let mut joined = false;
    let chat_id = v
        .until(|f| match f {
            VisitorOut::Ack {
                id: got,
                chat_id: Some(c),
                ..
            } if *got == id => Some(*c),
            VisitorOut::System {
                event: SystemEvent::Joined,
                ..
            } => {
                joined = true;
                None
            }
            _ => None,
        })
        .await;
    (v, chat_id, joined)
}

/// Waits for `n` `chat_accepted` events on `watcher`; returns chat → operator.
async fn accepted(watcher: &mut Operator, n: usize) -> HashMap<i64, i64> {
    let mut got = HashMap::new();
    while got.len() < n {
        let (chat_id, operator_id) = watcher
            .until(|f| match f {
                OperatorOut::Event {
                    event:
                        EventBody::ChatAccepted {
                            chat_id,
                            operator_id,
                            ..
                        },
                    ..
                } => Some((*chat_id, *operator_id)),
                _ => None,
            })
            .await;
        got.insert(chat_id, operator_id);
    }
    got
}

fn loads(assigned: &HashMap<i64, i64>) -> Vec<usize> {
    let mut per: HashMap<i64, usize> = HashMap::new();
    for op in assigned.values() {
        *per.entry(*op).or_default() += 1;
    }
    let mut loads: Vec<usize> = per.into_values().collect();
    loads.sort_unstable();
    loads
}

fn close(id: &str, chat_id: i64) -> OperatorIn {
    OperatorIn::Close {
        id: id.into(),
        chat_id,
    }
}

#[tokio::test]
async fn round_robin_spreads_ten_chats_evenly_over_three_operators() {
    let server = server(RoutingConfig {
        mode: RoutingMode::RoundRobin,
        ..RoutingConfig::default()
    })
    .await;
    let mut ops = team(&server).await;
    let mut visitors = Vec::new();
    for n in 0..10 {
        let (v, _, joined) = starts_chat(&server, n, None).await;
        // The chat was given out in the very commit that started it; the visitor is told
        // someone joined, as when an operator accepts by hand.
        assert!(joined, "visitor {n} was not told an operator joined");
        visitors.push(v);
    }
    let assigned = accepted(&mut ops[0].0, 10).await;
    assert_eq!(loads(&assigned), vec![3, 3, 4], "{assigned:?}");
}

#[tokio::test]
async fn least_loaded_honours_the_cap_and_refills_freed_room() {
    let server = server(RoutingConfig {
        mode: RoutingMode::LeastLoaded,
        max_chats: 3,
        ..RoutingConfig::default()
    })
    .await;
    let mut ops = team(&server).await;
    let mut chats = Vec::new();
    for n in 0..10 {
        chats.push(starts_chat(&server, n, None).await.1);
    }
    let assigned = accepted(&mut ops[0].0, 9).await;
    assert_eq!(loads(&assigned), vec![3, 3, 3], "{assigned:?}");
    let waiting = *chats.iter().find(|c| !assigned.contains_key(c)).unwrap();

    // A full operator cannot take more by hand either.
    let (anna, _) = &mut ops[0];
    anna.send(&OperatorIn::Accept {
        id: "over".into(),
        chat_id: waiting,
    })
    .await;
    let (code, message, reason) = anna.refusal("over").await;
    assert_eq!(code, ErrorCode::InvalidState);
    assert!(message.contains("most allowed"), "{message}");
    assert_eq!(reason, Some(ErrorReason::TooManyChats { max: 3 }));

    // Boris closes two: the waiting chat goes to him at once, and so does the next new one,
    // because he is now the least loaded.
    let boris_id = ops[1].1;
    let boris_chats: Vec<i64> = assigned
        .iter()
        .filter(|(_, op)| **op == boris_id)
        .map(|(c, _)| *c)
        .collect();
    let boris = &mut ops[1].0;
    for (i, chat_id) in boris_chats.iter().take(2).enumerate() {
        let id = format!("close-{i}");
        boris.send(&close(&id, *chat_id)).await;
        boris.answer(&id).await.expect("closed");
    }
    let carl = &mut ops[2].0;
    assert_eq!(taker(carl, waiting).await, boris_id);
    let (_, newest, _) = starts_chat(&server, 10, None).await;
    assert_eq!(taker(carl, newest).await, boris_id);
}

/// Who took chat `chat_id`, from `watcher`'s events.
async fn taker(watcher: &mut Operator, chat_id: i64) -> i64 {
    watcher.hears_accepted(chat_id).await.0
}

#[tokio::test]
async fn a_department_keeps_its_chat_until_the_fallback_opens_it_to_everyone() {
    let server = server(RoutingConfig {
        fallback_secs: 2,
        departments: vec![
            department("sales", "Отдел продаж", &["anna"]),
            department("support", "Поддержка", &["boris", "carl"]),
        ],
        ..RoutingConfig::default()
    })
    .await;
    let mut ops = team(&server).await;
    let departments = ops[1]
        .0
        .until(|f| match f {
            OperatorOut::Departments { departments, .. } => Some(departments.clone()),
            _ => None,
        })
        .await;
    assert_eq!(departments.len(), 2);
    assert_eq!(departments[0].operator_ids, vec![ops[0].1]);

    // The visitor picked the department by its title in the form.
    let (_v, chat_id, _) = starts_chat(&server, 1, Some("Отдел продаж")).await;
    let created = ops[1]
        .0
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, .. },
                ..
            } => Some(chat.clone()),
            _ => None,
        })
        .await;
    assert_eq!(created.department.as_deref(), Some("sales"));

    let boris = &mut ops[1].0;
    boris
        .send(&OperatorIn::Accept {
            id: "early".into(),
            chat_id,
        })
        .await;
    let (code, message, reason) = boris.refusal("early").await;
    assert_eq!(code, ErrorCode::Forbidden);
    assert!(message.contains("Отдел продаж"), "{message}");
    assert!(
        matches!(&reason, Some(ErrorReason::HeldForDepartment { department, secs })
            if department == "Отдел продаж" && *secs >= 1),
        "{reason:?}"
    );

    // Nobody in sales took it in time: everyone is told, and Boris may take it now.
    let unclaimed = boris
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::ChatUnclaimed {
                        chat_id,
                        department,
                    },
                ..
            } => Some((*chat_id, department.clone())),
            _ => None,
        })
        .await;
    assert_eq!(unclaimed, (chat_id, "sales".to_owned()));
    boris
        .send(&OperatorIn::Accept {
            id: "late".into(),
            chat_id,
        })
        .await;
    boris.answer("late").await.expect("open to all now");

    // A department with nobody online keeps nothing: its chat is anyone's at once.
    drop(ops.remove(0));
    let (_w, other, _) = starts_chat(&server, 2, Some("sales")).await;
    let carl = &mut ops[1].0;
    let mut tries = 0;
    loop {
        // Anna's socket closing is stored as she goes offline; until then sales is staffed.
        let id = format!("carl-{tries}");
        carl.send(&OperatorIn::Accept {
            id: id.clone(),
            chat_id: other,
        })
        .await;
        match carl.answer(&id).await {
            Ok(()) => break,
            Err((ErrorCode::Forbidden, _)) if tries < 50 => tries += 1,
            Err(e) => panic!("{e:?}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn automatic_routing_gives_a_department_chat_to_its_own_operator() {
    let server = server(RoutingConfig {
        mode: RoutingMode::LeastLoaded,
        departments: vec![department("sales", "", &["carl"])],
        ..RoutingConfig::default()
    })
    .await;
    let mut ops = team(&server).await;
    let carl_id = ops[2].1;
    let (_a, first, _) = starts_chat(&server, 1, Some("sales")).await;
    let (_b, second, _) = starts_chat(&server, 2, Some("SALES")).await;
    let (_c, general, _) = starts_chat(&server, 3, None).await;
    let assigned = accepted(&mut ops[0].0, 3).await;
    assert_eq!(assigned[&first], carl_id);
    assert_eq!(assigned[&second], carl_id);
    assert_ne!(assigned[&general], carl_id, "carl is the most loaded now");
}

#[tokio::test]
async fn a_transfer_to_a_department_requeues_the_chat_for_its_operators() {
    let server = server(RoutingConfig {
        departments: vec![department("billing", "Бухгалтерия", &["carl"])],
        ..RoutingConfig::default()
    })
    .await;
    let mut ops = team(&server).await;
    let (mut visitor, chat_id, _) = starts_chat(&server, 1, None).await;
    let anna = &mut ops[0].0;
    anna.send(&OperatorIn::Accept {
        id: "take".into(),
        chat_id,
    })
    .await;
    anna.answer("take").await.expect("taken");
    anna.send(&OperatorIn::TransferToDepartment {
        id: "to-billing".into(),
        chat_id,
        department: "БУХГАЛТЕРИЯ".into(),
        note: Some("Нужен счёт на юрлицо".into()),
    })
    .await;
    anna.answer("to-billing").await.expect("requeued");

    let requeued = ops[2]
        .0
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::ChatRequeued {
                        chat_id: c,
                        department,
                        note,
                        ..
                    },
                ..
            } if *c == chat_id => Some((department.clone(), note.clone())),
            _ => None,
        })
        .await;
    assert_eq!(
        requeued,
        (
            "billing".to_owned(),
            Some("Нужен счёт на юрлицо".to_owned())
        )
    );
    // The visitor hears where the chat went, and nothing of the note.
    let told = visitor
        .until(|f| match f {
            VisitorOut::System {
                event: SystemEvent::Transferred,
                operator_name,
                ..
            } => Some(operator_name.clone()),
            VisitorOut::Message { message } => panic!("the note reached the visitor: {message:?}"),
            _ => None,
        })
        .await;
    assert_eq!(told.as_deref(), Some("Бухгалтерия"));

    // Billing keeps it now: Boris may not take it, Carl may.
    let boris = &mut ops[1].0;
    boris
        .send(&OperatorIn::Accept {
            id: "b".into(),
            chat_id,
        })
        .await;
    assert_eq!(boris.answer("b").await.unwrap_err().0, ErrorCode::Forbidden);
    let carl = &mut ops[2].0;
    carl.send(&OperatorIn::Accept {
        id: "c".into(),
        chat_id,
    })
    .await;
    carl.answer("c").await.expect("billing takes it");

    // An unknown department is refused, and the chat stays where it is.
    carl.send(&OperatorIn::TransferToDepartment {
        id: "nowhere".into(),
        chat_id,
        department: "marketing".into(),
        note: None,
    })
    .await;
    assert_eq!(
        carl.answer("nowhere").await.unwrap_err().0,
        ErrorCode::NotFound
    );
}
