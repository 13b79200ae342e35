//! What follows a letter typed into the reply box once the letter is on screen: the draft's
//! standards check (`Event::CheckDraft`) and, when its marks differ from those the box was
//! drawn with, the box again; and the "typing" signal the letter raised.
//!
//! A letter echoed at once (`Screen::echo`) also leaves the box itself to that moment: the
//! terminal already shows the letter, and the rest of the box (a placeholder erased, the hint
//! under it) can wait a millisecond while the terminal emulator draws it.
//!
//! Both wait a moment ([`SETTLE`]) after the letter is written. The terminal emulator
//! has to read and show the letter, and whatever reads its screen after it; work the console
//! starts at once competes with them for the processor. A trace through tmux on two cores
//! showed the letter reaching the screen later while the console went on checking
//! (docs/benchmarks.md, "A typed letter first, its check after"). Another letter within the
//! moment pushes the check on; any other event checks the draft in `update` itself, and a
//! whole frame is never drawn with the check still waiting.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::time::Instant;

use frontdesk_protocol::OperatorIn;
use tokio::sync::mpsc::UnboundedSender;

use crate::app::{self, Event, State};
use crate::net::NetCommand;
use crate::screen::Screen;

/// How long the check waits after a typed letter was drawn (the runtime waits in whole
/// milliseconds of `epoll_wait`: 1–2 ms in practice).
pub const SETTLE: Duration = Duration::from_millis(1);

/// A check waiting for its moment, if any.
#[derive(Debug, Default)]
pub struct FollowUp {
    due: Option<Instant>,
    /// "Typing" signals of letters drawn and not yet followed up.
    held: Vec<OperatorIn>,
    /// The last typed key was drawn alone (the box, or the letter echoed).
    drawn_alone: bool,
    /// A letter was echoed and the box not drawn after it: the follow-up draws it.
    box_owed: bool,
}

impl FollowUp {
    /// A typed key was applied: the reply box drawn alone, unless its letter was `echoed`
    /// already (then the box waits for the follow-up). `Ok(false)`: the box cannot be drawn
    /// alone, a whole frame is needed at once.
    pub fn draw<B: Backend>(
        &mut self,
        state: &State,
        screen: &mut Screen,
        terminal: &mut Terminal<B>,
        echoed: bool,
    ) -> Result<bool, B::Error> {
        // Any other key draws the box at once, the echoed letters' part of it with it.
        self.box_owed = echoed;
        self.drawn_alone = echoed || screen.draw_reply_box(terminal, state)?;
        Ok(self.drawn_alone)
    }

    /// A typed letter changed the draft: its check runs at `due`, after the letter was drawn
    /// alone; at once when it was not (a whole frame is coming, which must show the marks).
    pub fn typed(&mut self, state: &mut State, net: &UnboundedSender<NetCommand>, now: Instant) {
        if std::mem::take(&mut self.drawn_alone) {
            self.due = Some(now + SETTLE);
        } else {
            self.due = None;
            check(state);
            self.release(net);
        }
    }

    /// Holds a typed letter's "typing" signal until the follow-up; any other frame first
    /// sends what is held, so the server hears everything in the order it was raised.
    pub fn send(&mut self, net: &UnboundedSender<NetCommand>, frame: OperatorIn, typed: bool) {
        if typed && matches!(frame, OperatorIn::Typing { .. }) {
            self.held.push(frame);
            return;
        }
        self.release(net);
        // A closed channel means the net task gave up (auth failed); the status bar says so.
        let _ = net.send(NetCommand::Send(frame));
    }

    /// Sends the held signals.
    fn release(&mut self, net: &UnboundedSender<NetCommand>) {
        for frame in self.held.drain(..) {
            let _ = net.send(NetCommand::Send(frame));
        }
    }

    /// When the waiting check is due.
    pub fn due(&self) -> Option<Instant> {
        self.due
    }

    /// Runs a waiting follow-up now, without drawing (a whole frame is about to be drawn).
    pub fn catch_up(&mut self, state: &mut State, net: &UnboundedSender<NetCommand>) {
        // The whole frame draws the box.
        self.box_owed = false;
        if self.due.take().is_some() {
            check(state);
        }
        self.release(net);
    }

    /// The moment has come: the check, and the box drawn alone again where the marks changed
    /// or a letter was only echoed (`Ok(false)`: it could not be drawn alone, a whole frame is needed).
    pub fn run<B: Backend>(
        &mut self,
        state: &mut State,
        net: &UnboundedSender<NetCommand>,
        screen: &mut Screen,
        terminal: &mut Terminal<B>,
    ) -> Result<bool, B::Error> {
        self.due = None;
        self.release(net);
        let drawn_with: Vec<_> = state
            .writing
            .marks_for(state.compose.lines())
            .cloned()
            .collect();
        check(state);
        if !std::mem::take(&mut self.box_owed) && state.writing.marks == drawn_with {
            return Ok(true);
        }
        screen.draw_reply_box(terminal, state)
    }
}

fn check(state: &mut State) {
    let effects = app::update(state, Event::CheckDraft);
    debug_assert!(effects.is_empty(), "a check has no effects");
}

#[cfg(test)]
mod tests;
