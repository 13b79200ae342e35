//! Whispers and the team chat in the real binary against the real server: two consoles
//! exchange a line in the team room, and a supervisor's `:whisper` shows in the assignee's
//! console labelled, while a plain line typed there is kept and the visitor hears of neither.

use frontdesk::session::{self, Session};
use frontdesk_protocol::OperatorRole;

use crate::common::{Console, PASSWORD, Setup};
use crate::keys::ENTER;
use crate::support::{named_visitor_writes, take_selected_chat};

/// A second console, logged in as `name` (made an operator of `setup`'s server with `role`),
/// with its own data and config dirs.
async fn colleague_console(
    setup: &Setup,
    name: &str,
    display: &str,
    role: OperatorRole,
) -> Console {
    setup
        .server
        .add_operator(name, display, PASSWORD, role)
        .await
        .expect("operator");
    let login = frontdesk::net::rest::login(&setup.server.http_url(), name, PASSWORD)
        .await
        .expect("login");
    let data = setup.dir.path().join(format!("{name}-data"));
    let config = setup.dir.path().join(format!("{name}-config"));
    session::save(
        &data,
        &Session {
            server: setup.server.http_url(),
            operator: name.into(),
            token: login.token,
        },
    )
    .expect("session");
    Console::spawn_sized(&setup.server.http_url(), &data, &config, 30, 120)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_consoles_talk_in_the_team_room() {
    let setup = Setup::start().await;
    let mut boris = colleague_console(&setup, "boris", "Борис", OperatorRole::Operator).await;
    let mut anna = setup.console_sized(30, 120);
    anna.wait_text("online").await;
    boris.wait_text("online").await;
    // Both list the team room once the server said what is new there.
    anna.wait_text("# Team").await;

    boris.keys(":team Кто знает про акцию?");
    boris.keys(ENTER);
    // Anna's list shows it unread, before she opens the room.
    anna.wait_for("the line unread in the Team section", |s| {
        s.contains("Кто знает про акцию?") && s.contains("●1")
    })
    .await;
    anna.keys("\x1bl"); // alt-l: the team room in the focused pane
    anna.wait_text("Write to Team").await;
    anna.wait_text("Борис: Кто знает про акцию?").await;
    anna.keys("До пятницы, от 3000 ₽");
    anna.keys(ENTER);
    boris.wait_text("Анна: До пятницы, от 3000 ₽").await;
    // Stored: Anna's pending copy is marked so.
    anna.wait_text("✓ Анна: До пятницы").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisors_whisper_shows_labelled_in_the_assignees_console() {
    let setup = Setup::start().await;
    let mut anna = setup.console_sized(30, 120);
    anna.wait_text("online").await;
    let mut visitor = named_visitor_writes(&setup, "Ольга", "Есть скидка?").await;
    anna.wait_text("Есть скидка?").await;
    take_selected_chat(&mut anna).await;

    let mut irina = colleague_console(&setup, "irina", "Ирина", OperatorRole::Supervisor).await;
    irina.wait_text("Есть скидка?").await;
    irina.keys(ENTER); // opens Anna's chat: the supervisor reads it
    irina.wait_text(":take, :whisper, :note").await;
    // A plain line is not sent: it stays in the box, and the notice says what to do instead.
    irina.keys("Предложи купон на 10%");
    irina.keys(ENTER);
    irina.wait_text("nothing was sent").await;
    // alt-f makes the kept line a whisper.
    irina.keys("\x1bf");
    irina.wait_text(":whisper Предложи купон на 10%").await;
    irina.keys(ENTER);
    anna.wait_for("the whisper, labelled", |s| {
        s.contains("Ирина [whisper]: Предложи купон на 10%")
    })
    .await;
    // The visitor heard neither the kept line nor the whisper: the next thing she gets is
    // Anna's reply.
    anna.keys("Да, вот купон");
    anna.keys(ENTER);
    visitor
        .recv_until(|frame| {
            let seen = format!("{frame:?}");
            assert!(!seen.contains("купон на 10%"), "{seen}");
            seen.contains("Да, вот купон")
        })
        .await;
}
