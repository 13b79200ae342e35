//! The terminal channels, as bytes: the bell, the window title and OSC 9 / OSC 777
//! notifications. They travel in-band, so they also work over SSH and (bell, title) inside
//! tmux. The loop writes them between frames; nothing here touches visitor text that did not
//! come through `crate::sanitize` first.

use crate::notify::rules::Osc;
use crate::notify::text;

/// BEL: the terminal beeps, flashes or marks the tab, as the user set it up.
pub const BELL: &[u8] = b"\x07";
/// Saves the terminal's own title on its stack (xterm; ignored where unsupported).
pub const PUSH_TITLE: &[u8] = b"\x1b[22;0t";
/// Clears our title, then puts the saved one back where the stack is supported.
pub const POP_TITLE: &[u8] = b"\x1b]2;\x07\x1b[23;0t";

/// `OSC 2`: the window title. Only console-made text (counts and fixed words) goes here.
pub fn title(text: &str) -> Vec<u8> {
    format!("\x1b]2;{}\x07", printable(text)).into_bytes()
}

/// The terminal notification for an alert, or nothing when OSC is off.
pub fn osc(kind: Osc, summary: &str, body: &str) -> Option<Vec<u8>> {
    let summary = printable(&text::one_line(summary));
    let body = printable(&text::one_line(body));
    match kind {
        Osc::Off => None,
        Osc::Osc9 if body.is_empty() => Some(format!("\x1b]9;{summary}\x07").into_bytes()),
        Osc::Osc9 => Some(format!("\x1b]9;{summary}: {body}\x07").into_bytes()),
        // Fields are separated by `;`: the title must not hold one.
        Osc::Osc777 => {
            Some(format!("\x1b]777;notify;{};{body}\x07", summary.replace(';', ",")).into_bytes())
        }
    }
}

/// Belt and braces: no control character ends or starts a sequence inside ours.
fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}
