//! Test support for screen tests: draw the state into ratatui's `TestBackend` and read the
//! screen back as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::app::State;

/// The whole screen at the state's own size.
pub fn draw(s: &State) -> Buffer {
    draw_at(s, s.screen.width, s.screen.height)
}

pub fn draw_at(s: &State, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| super::render(s, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen's symbols, one line per row.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Logs `s` in as operator 3, "Анна", with the server's event log at `head_seq`.
pub fn welcome(s: &mut State, head_seq: u64) {
    use frontdesk_protocol::{OperatorInfo, OperatorOut, OperatorRole, OperatorStatus};
    crate::app::update(
        s,
        crate::app::Event::Frame(Box::new(OperatorOut::Welcome {
            operator: OperatorInfo {
                id: 3,
                name: "anna".into(),
                display_name: "Анна".into(),
                role: OperatorRole::Operator,
                status: OperatorStatus::Online,
                status_since: None,
            },
            head_seq,
            resumed: false,
        })),
    );
}
