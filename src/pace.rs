//! Frame pacing: how long the loop waits before the next frame. At most ~30 frames a second;
//! 5 while a flood of server events pours in; at once for what the operator does.

use std::time::Duration;

use crossterm::event::Event as TermEvent;

/// Minimum time between two frames: bursts of events fold into one draw.
pub const FRAME: Duration = Duration::from_millis(33);
/// While a flood pours in, frames come at most this often (a key still draws at once): nobody
/// reads 250 messages a second, and every frame redraws every scrolling pane. Drawing is
/// most of the console's work in a flood (docs/benchmarks.md).
const FLOOD_FRAME: Duration = Duration::from_millis(200);
/// Server events per second from which the loop counts it as a flood.
const FLOOD_RATE: u128 = 250;

/// Input the operator waits to see answered on screen.
pub fn asks_for_a_frame(event: &TermEvent) -> bool {
    match event {
        TermEvent::Key(_) | TermEvent::Paste(_) => true,
        TermEvent::Mouse(m) => !matches!(m.kind, crossterm::event::MouseEventKind::Moved),
        _ => false,
    }
}

/// The pause before the next frame, from the server events applied since the last one (and
/// how long ago that was; `None` when a key asked for a frame at once).
pub fn frame_gap_after(events: usize, since_last_frame: Option<Duration>) -> Duration {
    let since = since_last_frame.unwrap_or(FRAME).max(FRAME);
    let flood = events as u128 * 1000 >= FLOOD_RATE * since.as_millis();
    if flood { FLOOD_FRAME } else { FRAME }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_slow_down_only_for_a_flood() {
        let ms = Duration::from_millis;
        // 500 events a second: a flood.
        assert_eq!(frame_gap_after(50, Some(ms(100))), FLOOD_FRAME);
        assert_eq!(frame_gap_after(100, Some(ms(200))), FLOOD_FRAME);
        // A busy but readable 40 a second keeps the full frame rate.
        assert_eq!(frame_gap_after(8, Some(ms(200))), FRAME);
        assert_eq!(frame_gap_after(1, Some(ms(33))), FRAME);
        assert_eq!(frame_gap_after(0, None), FRAME);
        // After a key (no time known) the count is read against one normal frame.
        assert_eq!(frame_gap_after(9, None), FLOOD_FRAME);
    }

    #[test]
    fn keys_clicks_and_wheel_draw_at_once_but_a_mouse_move_does_not() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
        let mouse = |kind| {
            TermEvent::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert!(asks_for_a_frame(&TermEvent::Key(KeyEvent::from(
            KeyCode::Char('a')
        ))));
        assert!(asks_for_a_frame(&TermEvent::Paste("привет".into())));
        assert!(asks_for_a_frame(&mouse(MouseEventKind::ScrollUp)));
        assert!(asks_for_a_frame(&mouse(MouseEventKind::Down(
            crossterm::event::MouseButton::Left
        ))));
        assert!(!asks_for_a_frame(&mouse(MouseEventKind::Moved)));
        assert!(!asks_for_a_frame(&TermEvent::FocusLost));
    }
}
