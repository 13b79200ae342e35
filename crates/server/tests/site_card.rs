//! The on-site view's card over real sockets: `site_card` answers for a visitor on the site
//! with the pages they saw (their user agent as the socket's upgrade carried it), and refuses
//! anyone not on it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, visitor_id};
use frontdesk_protocol::{ErrorCode, OperatorIn, OperatorOut};

async fn server() -> TestServer {
    TestServer::start_with(|c| c.site.linger_secs = 0).await
}

#[tokio::test]
async fn a_listed_visitors_card_has_their_pages_and_nobody_elses_is_given() {
    let server = server().await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let card = |id: &str, visitor_id: i64| OperatorIn::SiteCard {
        id: id.into(),
        visitor_id,
    };
    op.send(&card("c0", 999)).await;
    let refused = op
        .until(|f| match f {
            OperatorOut::Error {
                id: Some(i), code, ..
            } if i == "c0" => Some(*code),
            _ => None,
        })
        .await;
    assert_eq!(
        refused,
        ErrorCode::NotFound,
        "nobody by that id is on the site"
    );

    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);
    v.open_page("p1", "https://shop.example/", None).await;
    v.open_page("p2", "https://shop.example/shoes", None).await;
    op.send(&card("c1", id)).await;
    let (user_agent, pages) = op
        .until(|f| match f {
            OperatorOut::SiteCard {
                id: i,
                visitor_id,
                user_agent,
                pages,
            } if i == "c1" => {
                assert_eq!(*visitor_id, id);
                Some((user_agent.clone(), pages.clone()))
            }
            _ => None,
        })
        .await;
    assert_eq!(user_agent, None, "this client sends no User-Agent");
    let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://shop.example/", "https://shop.example/shoes"]
    );
    assert_eq!(
        pages[1].title.as_deref(),
        Some("title of https://shop.example/shoes")
    );
}
