//! A visitor's message names its author as the visitor is named now: the name read when the
//! command starts (`visits::active`) is the one after every earlier command, a form sent just
//! before included. Real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use frontdesk_protocol::{EventBody, PrechatFields};

use crate::store::test_store::open_store_with;
use crate::store::{ClientCommand, Cmd, Reply, StoredEvent, VisitorAction};

fn command(visitor_id: i64, n: usize, action: VisitorAction) -> Cmd {
    Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: format!("c{n}"),
        body_hash: format!("h{n}"),
        action,
    })
}

fn named(name: &str) -> VisitorAction {
    VisitorAction::Prechat(PrechatFields {
        name: Some(name.into()),
        ..PrechatFields::default()
    })
}

#[tokio::test]
async fn a_message_names_the_visitor_as_named_by_the_form_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let posted = Arc::new(Mutex::new(Vec::new()));
    let sink = {
        let posted = posted.clone();
        Arc::new(move |events: Vec<Arc<StoredEvent>>| {
            for event in events {
                if let EventBody::MessagePosted { message } = &event.body {
                    posted.lock().unwrap().push(message.author.name.clone());
                }
            }
        })
    };
    let store = open_store_with(&dir.path().join("frontdesk.db"), sink).await;
    let Reply::Visitor(identity) = store.run(Cmd::new_visitor_hello()).await.unwrap() else {
        panic!("a hello answers with an identity");
    };
    let v = identity.visitor_id;
    let steps = [
        VisitorAction::Message("первое".into()),
        named("Ольга"),
        VisitorAction::Message("второе".into()),
        named("Ольга Петровна"),
        VisitorAction::Message("третье".into()),
    ];
    for (n, action) in steps.into_iter().enumerate() {
        store.run(command(v, n, action)).await.unwrap();
    }
    assert_eq!(
        *posted.lock().unwrap(),
        vec![
            None,
            Some("Ольга".to_owned()),
            Some("Ольга Петровна".to_owned())
        ]
    );
    store.close().await;
}
