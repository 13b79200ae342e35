//! `:commands` typed in the reply box of the real binary, against the real server: a note and
//! a transfer with a note (Tab completes the colleague) reach the team, and the visitor's own
//! socket never carries a word of either.

use frontdesk_protocol::{OperatorRole, SystemEvent, VisitorOut};

use crate::common::{Console, PASSWORD, Setup, Visitor};
use crate::keys::{ENTER, TAB};
use crate::support::{colleague_accepts_the_offer, colleague_connects, visitor_chat_taken};

const NOTE: &str = "постоянный покупатель";
const HANDOVER: &str = "хочет вернуть чайник";

/// Anna's console has taken Olga's chat; Boris is a colleague (not connected yet).
async fn chat_taken_with_boris_on_the_team() -> (Setup, Console, Visitor) {
    let setup = Setup::start().await;
    setup
        .server
        .add_operator("boris", "Борис", PASSWORD, OperatorRole::Operator)
        .await
        .expect("add Boris");
    let mut console = setup.console_sized(30, 120);
    let visitor = visitor_chat_taken(&mut console, &setup, "Ольга", "Чайник течёт").await;
    (setup, console, visitor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_and_a_transfer_by_keys_never_reach_the_visitor() {
    let (setup, mut console, mut visitor) = chat_taken_with_boris_on_the_team().await;

    console.keys(&format!(":note {NOTE}"));
    console.wait_text(NOTE).await;
    console.keys(ENTER);
    console
        .wait_for("the note in the dialog, marked", |s| {
            s.contains("[note]") && s.contains(NOTE)
        })
        .await;

    console.keys(":transfer bor");
    console.keys(TAB);
    console.wait_text(":transfer boris").await;
    console.keys(HANDOVER);
    console.keys(ENTER);
    // An offer: Boris reads the note and the history first, and takes it.
    colleague_accepts_the_offer(&setup, "boris").await;

    // The visitor learns only that someone else helps now; everything before that line is
    // checked for the note and the handover words.
    let told = visitor
        .recv_until(|frame| {
            let seen = format!("{frame:?}");
            assert!(
                !seen.contains(NOTE) && !seen.contains(HANDOVER),
                "a note reached the visitor: {seen}"
            );
            matches!(
                frame,
                VisitorOut::System {
                    event: SystemEvent::Transferred,
                    ..
                }
            )
        })
        .await;
    let VisitorOut::System { operator_name, .. } = told else {
        unreachable!()
    };
    assert_eq!(operator_name.as_deref(), Some("Борис"));
    // And the console shows the chat as passed on.
    console.wait_text("transferred").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ban_by_keys_closes_the_visitors_chat_with_the_clear_message() {
    let setup = Setup::start().await;
    let mut console = setup.console_sized(30, 120);
    let mut visitor = visitor_chat_taken(&mut console, &setup, "Тролль", "ха-ха").await;
    console.keys("\x1bu"); // alt-u: `:ban 1d ` in the reply box
    console.wait_text(":ban 1d").await;
    console.keys("оскорбления");
    console.keys(ENTER);
    visitor
        .recv_until(|frame| {
            let seen = format!("{frame:?}");
            assert!(
                !seen.contains("оскорбления"),
                "the reason reached the visitor: {seen}"
            );
            matches!(
                frame,
                VisitorOut::Error {
                    code: frontdesk_protocol::ErrorCode::Banned,
                    ..
                }
            )
        })
        .await;
    // The reason is the team's: the visitor was told only that chat is not available.
    console.wait_text("closed").await;
}

/// Regression: the colleague may already be connected when the transfer lands (on a slow
/// machine the console's command is stored after they log in). Then the offer reaches them
/// live, as an event, not in the list sent after their snapshot; the helper once waited only
/// for the list and timed out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_online_before_the_transfer_gets_the_offer_live() {
    let (setup, mut console, _visitor) = chat_taken_with_boris_on_the_team().await;
    // Boris is online and synced before the transfer is sent.
    let boris = colleague_connects(&setup, "boris").await;
    console.keys(&format!(":transfer boris {HANDOVER}"));
    console.keys(ENTER);
    boris.accepts_the_offer().await;
    console.wait_text("transferred").await;
}
