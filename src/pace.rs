//! Frame pacing: how long the loop waits before the next frame. At most ~30 frames a second;
//! 5 while a flood of server events pours in; at once for what the operator does. A flood's
//! frames are merged, but the newest message is never held back for them: once the events
//! pause, it is drawn.

use std::time::Duration;

use tokio::time::Instant;

use crossterm::event::Event as TermEvent;

/// Minimum time between two frames: bursts of events fold into one draw.
pub const FRAME: Duration = Duration::from_millis(33);
/// While a flood pours in, frames come at most this often (a key still draws at once): nobody
/// reads 250 messages a second, and every frame redraws every scrolling pane. Drawing is
/// most of the console's work in a flood (docs/benchmarks.md).
const FLOOD_FRAME: Duration = Duration::from_millis(200);
/// Server events per second from which the loop counts it as a flood.
const FLOOD_RATE: u128 = 250;
/// During a flood, no server event for this long means the burst has ended (or paused), so
/// what came last is drawn now instead of at the flood's frame time. Longer than the gap
/// between two packed writes of a flood (the server packs for `PACK_MS`, 80 ms, and the socket
/// is read at most every 25 ms in a burst), so a running flood still gets its merged frames. The
/// server usually says so sooner: its `quiet` frame, when a packed burst paused, draws at once
/// (`run.rs`); this is for when it does not (a server that does not pack).
pub const QUIET: Duration = Duration::from_millis(85);

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

/// When the next frame is due: `gap` after the last one; but when a flood's slower pace holds
/// it back, no later than [`QUIET`] after the last server event (and never sooner than
/// [`FRAME`] after the last frame).
pub fn next_frame_at(last_draw: Instant, gap: Duration, last_event: Option<Instant>) -> Instant {
    let paced = last_draw + gap;
    match last_event {
        Some(event) if gap > FRAME => paced.min((event + QUIET).max(last_draw + FRAME)),
        _ => paced,
    }
}

/// The loop's pacing: when the last frame was drawn, the pace measured from the server events
/// since the last paced frame, and when the last of them came.
#[derive(Debug, Clone)]
pub struct Pace {
    /// `None`: the next frame is due at once.
    last_draw: Option<Instant>,
    gap: Duration,
    /// Server events since `measured_from`, the last frame drawn at the pace.
    events: usize,
    measured_from: Option<Instant>,
    last_event: Option<Instant>,
    /// A typed key's reply box was drawn alone: the whole frame waits until then.
    held_until: Option<Instant>,
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            last_draw: None,
            gap: FRAME,
            events: 0,
            measured_from: None,
            last_event: None,
            held_until: None,
        }
    }
}

impl Pace {
    /// The next frame is drawn at once, whatever the pace (a key, a click, a resize).
    pub fn at_once(&mut self) {
        self.last_draw = None;
        self.held_until = None;
    }

    /// The reply box was drawn alone at `at` for a typed key (`screen.rs`): the whole
    /// frame that brings the rest of the screen up to date comes no sooner than a frame time
    /// later, so keys typed in a row are not each followed by one. Later keys do not push it
    /// further: a held-down key (auto-repeat) never keeps the rest of the screen waiting.
    /// The flood's pace is left as it was.
    pub fn typed(&mut self, at: Instant) {
        self.held_until.get_or_insert(at + FRAME);
    }

    /// `n` server events were applied at `at`.
    pub fn events(&mut self, n: usize, at: Instant) {
        self.events += n;
        self.last_event = Some(at);
    }

    /// When the next frame is due (`now` when at once).
    pub fn due_at(&self, now: Instant) -> Instant {
        let due = self
            .last_draw
            .map_or(now, |t| next_frame_at(t, self.gap, self.last_event));
        self.held_until.map_or(due, |held| due.max(held))
    }

    /// A frame was drawn at `at`. One drawn at once (for a key) leaves the pace as it was: a
    /// key typed during a flood does not bring the flood's next frame forward, nor does it
    /// measure the flood over the few milliseconds since the frame before it.
    pub fn drawn(&mut self, at: Instant) {
        if self.last_draw.is_some() || self.measured_from.is_none() {
            let since = self.measured_from.map(|t| at.saturating_duration_since(t));
            self.gap = frame_gap_after(self.events, since);
            self.events = 0;
            self.measured_from = Some(at);
        }
        self.last_draw = Some(at);
        self.held_until = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_drawn_at_its_pace_but_its_last_message_is_not_held_back() {
        let ms = Duration::from_millis;
        let t0 = Instant::now();
        // A frame at t0 in a flood; events keep arriving every 80 ms: the flood's pace holds.
        let busy = t0 + ms(160);
        assert_eq!(next_frame_at(t0, FLOOD_FRAME, Some(busy)), t0 + FLOOD_FRAME);
        // The last event came 10 ms after the frame: drawn once the stream has been quiet,
        // long before the flood's frame time.
        let last = t0 + ms(10);
        let due = next_frame_at(t0, FLOOD_FRAME, Some(last));
        assert_eq!(due, last + QUIET);
        assert!(due < t0 + FLOOD_FRAME);
        // Never faster than the normal frame rate.
        assert_eq!(
            next_frame_at(t0, FLOOD_FRAME, Some(t0 - ms(100))),
            t0 + FRAME
        );
        // Outside a flood the normal pace is all there is.
        assert_eq!(next_frame_at(t0, FRAME, Some(last)), t0 + FRAME);
        assert_eq!(next_frame_at(t0, FLOOD_FRAME, None), t0 + FLOOD_FRAME);
    }

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

    #[test]
    fn a_key_in_a_flood_is_drawn_at_once_without_bringing_the_floods_next_frame_forward() {
        let ms = Duration::from_millis;
        let t0 = Instant::now();
        let mut pace = Pace::default();
        pace.drawn(t0);
        // 500 events a second: the frame after 100 ms measures a flood.
        pace.events(50, t0 + ms(100));
        pace.drawn(t0 + ms(100));
        assert_eq!(pace.gap, FLOOD_FRAME);
        // A key 10 ms later is drawn at once, 5 events after the last frame.
        pace.events(5, t0 + ms(108));
        pace.at_once();
        assert_eq!(pace.due_at(t0 + ms(110)), t0 + ms(110));
        pace.drawn(t0 + ms(110));
        // The flood goes on: its next frame keeps the flood's pace (drawn once the stream
        // pauses, or at the flood's frame time), not one normal frame after the key's.
        pace.events(15, t0 + ms(140));
        let due = pace.due_at(t0 + ms(141));
        assert_eq!(due, t0 + ms(140) + QUIET);
        assert!(due > t0 + ms(110) + FRAME);
        pace.events(20, t0 + ms(180));
        assert_eq!(pace.due_at(t0 + ms(181)), t0 + ms(180) + QUIET);
        // ... where it is measured over the whole time since the last paced frame.
        pace.events(60, t0 + ms(300));
        pace.drawn(t0 + ms(310));
        assert_eq!(pace.gap, FLOOD_FRAME);
        // A quiet stream gets the normal pace back at the next paced frame.
        pace.events(1, t0 + ms(600));
        pace.drawn(t0 + ms(645));
        assert_eq!(pace.gap, FRAME);
    }

    #[test]
    fn the_first_frame_and_the_frames_after_it_are_paced_as_before() {
        let ms = Duration::from_millis;
        let t0 = Instant::now();
        let mut pace = Pace::default();
        assert_eq!(pace.due_at(t0), t0);
        pace.drawn(t0);
        assert_eq!(pace.gap, FRAME);
        pace.events(1, t0 + ms(5));
        assert_eq!(pace.due_at(t0 + ms(6)), t0 + FRAME);
    }

    #[test]
    fn a_typed_key_holds_the_whole_frame_back_one_frame_time_and_leaves_a_flood_paced() {
        let ms = Duration::from_millis;
        let t0 = Instant::now();
        let mut pace = Pace::default();
        pace.drawn(t0);
        // Idle for a second: a whole frame would be due at once; after a key drawn alone in
        // the reply box it waits one frame time. Keys typed meanwhile (auto-repeat every
        // 20 ms) do not push it further.
        let key = t0 + ms(1_000);
        assert_eq!(pace.due_at(key), t0 + FRAME);
        pace.typed(key);
        assert_eq!(pace.due_at(key), key + FRAME);
        pace.typed(key + ms(20));
        assert_eq!(pace.due_at(key + ms(20)), key + FRAME);
        // Drawing the whole frame ends the hold; so does a key that needs one at once.
        pace.drawn(key + ms(53));
        assert_eq!(pace.due_at(key + ms(200)), key + ms(53) + FRAME);
        pace.typed(key + ms(210));
        pace.at_once();
        assert_eq!(pace.due_at(key + ms(211)), key + ms(211));
        // In a flood the flood's later frame time stands.
        let mut flood = Pace::default();
        flood.drawn(t0);
        flood.events(50, t0 + ms(100));
        flood.drawn(t0 + ms(100));
        flood.events(20, t0 + ms(140));
        flood.typed(t0 + ms(141));
        assert_eq!(flood.due_at(t0 + ms(142)), t0 + ms(140) + QUIET);
    }
}
