//! The box after an echoed letter: left to the follow-up, unless another key comes first.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::Key;
use tokio::sync::mpsc::unbounded_channel;
use tokio::time::Instant;

use super::FollowUp;
use crate::screen::Screen;
use crate::ui::screen_test::{draw, replying, text};

fn press(s: &mut crate::app::State, key: Key) {
    let input = ratatui_textarea::Input {
        key,
        ..Default::default()
    };
    crate::app::update(
        s,
        crate::app::Event::Action(crate::app::Action::ComposeInput(input)),
    );
}

/// `letter` typed and echoed, as the loop follows it up: box left, check due.
fn echoed(
    s: &mut crate::app::State,
    follow_up: &mut FollowUp,
    screen: &mut Screen,
    terminal: &mut Terminal<TestBackend>,
    net: &tokio::sync::mpsc::UnboundedSender<crate::net::NetCommand>,
    letter: char,
) {
    press(s, Key::Char(letter));
    assert!(follow_up.draw(s, screen, terminal, true).unwrap());
    follow_up.typed(s, net, Instant::now());
}

#[tokio::test]
async fn an_echoed_letter_leaves_the_box_to_the_follow_up_and_another_key_draws_it_at_once() {
    let mut s = replying(100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut screen = Screen::default();
    screen.draw(&mut terminal, &s).unwrap();
    let (net, _keep) = unbounded_channel();
    let mut follow_up = FollowUp::default();
    let placeholder = "Type a reply";

    // The letter is on screen (echoed); the placeholder waits for the follow-up.
    echoed(
        &mut s,
        &mut follow_up,
        &mut screen,
        &mut terminal,
        &net,
        'z',
    );
    assert!(text(terminal.backend().buffer()).contains(placeholder));
    assert!(
        follow_up
            .run(&mut s, &net, &mut screen, &mut terminal)
            .unwrap()
    );
    assert!(!text(terminal.backend().buffer()).contains(placeholder));
    assert_eq!(
        terminal.backend().buffer().content,
        draw(&s).content,
        "the box as a whole frame draws it"
    );

    // Echoed again, then Backspace before the follow-up: drawn with the Backspace.
    echoed(
        &mut s,
        &mut follow_up,
        &mut screen,
        &mut terminal,
        &net,
        'q',
    );
    press(&mut s, Key::Backspace);
    press(&mut s, Key::Backspace);
    assert!(
        follow_up
            .draw(&s, &mut screen, &mut terminal, false)
            .unwrap()
    );
    assert!(
        text(terminal.backend().buffer()).contains(placeholder),
        "the empty box is drawn at once"
    );
}
