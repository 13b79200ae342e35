//! The statistics screen in the real binary against the real server: after a visitor's chat
//! answered by the operator and another left waiting, F9 shows today's counts from the
//! server's statistics (totals, the hour chart, the operators' table), `]` and `[` switch the
//! period and Esc closes the screen.

use frontdesk_protocol::VisitorIn;
use frontdesk_server::routing::Department;

use crate::common::{Setup, Visitor};
use crate::keys::ENTER;
use crate::support::take_selected_chat;

const F9: &str = "\x1b[20~";

/// The value after `label` on the line that has it (the totals are label–value cells).
fn cell(screen: &str, label: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let (_, after) = line.split_once(label)?;
        after.split_whitespace().next().map(str::to_owned)
    })
}

async fn start_in_sales(setup: &Setup, name: &str, text: &str, id: &str) -> Visitor {
    let mut visitor = Visitor::join_named(&setup.server.http_url(), name).await;
    let start = VisitorIn::StartChat {
        id: id.into(),
        text: Some(text.into()),
        department: Some("sales".into()),
    };
    visitor.command(start, id).await;
    visitor
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f9_shows_todays_counts_and_switches_the_period() {
    // Anna is a plain operator: she sees the chats of her department.
    let setup = Setup::start_with(|c| {
        c.routing.departments = vec![Department {
            key: "sales".into(),
            title: "Продажи".into(),
            operators: vec!["anna".into()],
        }];
    })
    .await;
    let mut anna = setup.console_sized(40, 120);
    anna.wait_text("online").await;
    let mut olga = start_in_sales(&setup, "Ольга", "Есть доставка в Казань?", "sc-1").await;
    anna.wait_text("Есть доставка в Казань").await;
    take_selected_chat(&mut anna).await;
    let reply = "Да, доставляем.";
    anna.keys(reply);
    anna.keys(ENTER);
    olga.gets_operator_text(reply).await;
    // A second visitor waits unanswered: started, neither answered nor missed yet.
    let _ivan = start_in_sales(&setup, "Иван", "Алло?", "sc-2").await;
    anna.wait_text("Алло?").await;

    anna.keys(F9);
    let screen = anna
        .wait_for("today's statistics", |s| {
            // Down to the charts' titles, below the figures: the frame is in whole.
            s.contains("Statistics · Today · your departments")
                && cell(s, "Chats ").as_deref() == Some("2")
                && s.contains("First response")
        })
        .await;
    assert_eq!(cell(&screen, "Answered ").as_deref(), Some("1"), "{screen}");
    assert_eq!(cell(&screen, "Missed ").as_deref(), Some("0"), "{screen}");
    // From visitors / from operators.
    assert_eq!(
        cell(&screen, "Messages in/out").as_deref(),
        Some("2/1"),
        "{screen}"
    );
    // Nobody closed the site before an answer.
    assert_eq!(
        cell(&screen, "Left before an answer").as_deref(),
        Some("0"),
        "{screen}"
    );
    assert_eq!(
        cell(&screen, "Answered in 60 s").as_deref(),
        Some("100%"),
        "{screen}"
    );
    assert!(screen.contains("Chats by hour (top 2)"), "{screen}");
    // The first response chart: the one answer came within 15 s.
    assert!(screen.contains("First response"), "{screen}");
    // The table: Anna answered hers; Ivan's chat is nobody's yet.
    let row = |s: &str, who: &str| {
        s.lines()
            .find(|l| l.contains(who) && !l.contains('·'))
            .map(|l| {
                // "│", the name, then chats and answered.
                let cells: Vec<&str> = l.split_whitespace().skip(2).take(2).collect();
                cells.join(" ")
            })
    };
    // Both rows, not only the heading: the screen is read as the bytes come, and a frame
    // can be caught half written.
    let screen = anna
        .wait_for("the operators' table", |s| {
            s.contains("Operators (2)")
                && row(s, "│  Анна").is_some()
                && row(s, "(nobody)").is_some()
        })
        .await;
    assert_eq!(row(&screen, "│  Анна").as_deref(), Some("1 1"), "{screen}");
    assert_eq!(row(&screen, "(nobody)").as_deref(), Some("1 0"), "{screen}");
    // The status bar names the screen's keys.
    assert!(screen.contains("r refresh"), "{screen}");

    anna.keys("]");
    let screen = anna
        .wait_for("the last 7 days", |s| {
            s.contains("Statistics · Last 7 days")
                && cell(s, "Chats ").as_deref() == Some("2")
                && cell(s, "Messages in/out").is_some()
        })
        .await;
    assert_eq!(cell(&screen, "Answered ").as_deref(), Some("1"), "{screen}");
    anna.keys("[");
    anna.wait_for("today again", |s| {
        s.contains("Statistics · Today") && cell(s, "Chats ").as_deref() == Some("2")
    })
    .await;
    anna.keys("r");
    anna.wait_text("Chats by hour (top 2)").await;

    anna.keys("\x1b");
    anna.wait_for("the screen closed", |s| !s.contains("Statistics ·"))
        .await;
}
