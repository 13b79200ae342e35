//! A letter typed into the reply box reaches the terminal first as the letter alone, and the
//! rest of the box (here the placeholder it replaces) follows; Backspace taking it back does
//! the same the other way.

use crate::common::{Setup, Visitor};
use crate::keys::BACKSPACE;
use crate::support::take_selected_chat;

/// The frames in `raw` (each ends with the cursor hidden), the first that holds `needle`.
fn first_frame_with(raw: &[u8], needle: &[u8]) -> Option<Vec<u8>> {
    let hide = b"\x1b[?25l";
    let mut frame = Vec::new();
    for piece in raw.split_inclusive(|&b| b == b'l') {
        frame.extend_from_slice(piece);
        if frame.ends_with(hide) {
            if frame.windows(needle.len()).any(|w| w == needle) {
                return Some(frame);
            }
            frame.clear();
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_letter_is_written_alone_before_the_box_catches_up() {
    let setup = Setup::start().await;
    let mut console = setup.console();
    console.wait_text("online").await;
    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    visitor.start_chat("Есть доставка?").await;
    console.wait_text("Есть доставка?").await;
    take_selected_chat(&mut console).await;
    assert!(
        console.screen().contains("Type a reply"),
        "the empty box shows its placeholder: {}",
        console.screen()
    );
    let before = console.raw().len();

    console.keys("Ж");
    console.wait_text("Ж").await;
    console
        .wait_for("the placeholder erased", |screen| {
            !screen.contains("Type a reply")
        })
        .await;

    let raw = console.raw();
    let letter = "Ж".as_bytes();
    let first = first_frame_with(&raw[before..], letter).expect("a frame with the letter");
    let shown = String::from_utf8_lossy(&first);
    assert!(
        first.len() < 64 && !shown.contains('─'),
        "the letter and the cursor after it, not the box: {shown:?}"
    );

    // Backspace: first the cursor back over the letter (a reversed space) and the cell it
    // left blank, alone; then the box with its placeholder again.
    let before = raw.len();
    console.keys(BACKSPACE);
    console
        .wait_for("the letter gone, the placeholder back", |screen| {
            !screen.contains('Ж') && screen.contains("Type a reply")
        })
        .await;
    let raw = console.raw();
    let after = &raw[before..];
    let first = first_frame_with(after, b"\x1b[?25l").expect("a frame after Backspace");
    let shown = String::from_utf8_lossy(&first);
    assert!(
        first.len() < 64 && !shown.contains('─') && !shown.contains("Type a reply"),
        "the cursor and a blank, not the box: {shown:?}"
    );
}
