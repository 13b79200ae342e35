//! Test support for screen tests: draw the state into ratatui's `TestBackend` and read the
//! screen back as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;

use frontdesk_protocol::{Author, Message, MessageKind, Role};

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

/// The screen's symbols, one line per row, without the cells a wide symbol covers: each
/// line is as wide on screen as the terminal.
pub fn shown_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for cell in shown_cells(buf, y) {
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

/// Each row as runs of text with the modifiers they are drawn with (`[BOLD]…`, `[-]` where
/// they end), without the cells a wide symbol covers.
pub fn styled(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut last = None;
        for cell in shown_cells(buf, y) {
            let mods = cell.modifier;
            if last != Some(mods) {
                if mods != Modifier::empty() {
                    out.push_str(&format!("[{mods:?}]"));
                } else if last.is_some() {
                    out.push_str("[-]");
                }
                last = Some(mods);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

/// Row `y`'s cells as the terminal shows them: a wide symbol's cell, not the ones it covers.
fn shown_cells(buf: &Buffer, y: u16) -> impl Iterator<Item = &Cell> {
    let mut covered = 0;
    (0..buf.area.width).filter_map(move |x| {
        if covered > 0 {
            covered -= 1;
            return None;
        }
        let cell = &buf[(x, y)];
        covered = crate::app::wrap::width(cell.symbol()).saturating_sub(1);
        Some(cell)
    })
}

/// The cells where `needle` is drawn (the first place, row by row); panics when it is not.
pub fn cells<'b>(buf: &'b Buffer, needle: &str) -> Vec<&'b Cell> {
    let wanted: Vec<char> = needle.chars().collect();
    for y in 0..buf.area.height {
        let row: Vec<&Cell> = (0..buf.area.width).map(|x| &buf[(x, y)]).collect();
        for start in 0..row.len() {
            let end = start + wanted.len();
            let here = row.get(start..end).is_some_and(|run| {
                run.iter()
                    .zip(&wanted)
                    .all(|(cell, c)| cell.symbol().chars().eq([*c]))
            });
            if here {
                return row[start..end].to_vec();
            }
        }
    }
    panic!("«{needle}» is not on screen:\n{}", text(buf));
}

/// Logs `s` in as operator 3, "Анна", with the server's event log at `head_seq`.
pub fn welcome(s: &mut State, head_seq: u64) {
    welcome_labelling(s, head_seq, &[]);
}

/// [`welcome`] from a server whose pre-chat form labels the site's own fields: (key, label).
pub fn welcome_labelling(s: &mut State, head_seq: u64, labels: &[(&str, &str)]) {
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
            max_message_chars: None,
            mail_answers: false,
            form_labels: labels
                .iter()
                .map(|(k, l)| ((*k).to_owned(), (*l).to_owned()))
                .collect(),
            close_after_left_secs: None,
        })),
    );
}

/// Operator 3 logged in, at `width` x `height`, with an empty active chat of theirs (7, from
/// visitor 70) open and its reply box focused.
pub fn replying(width: u16, height: u16) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    welcome(&mut s, 1);
    open_for_reply(&mut s, our_chat(7), width, height);
    s
}

/// An empty active chat `id` of operator 3's, from visitor `id * 10` with no name given.
pub fn our_chat(id: i64) -> frontdesk_protocol::ChatState {
    frontdesk_protocol::ChatState::new(
        frontdesk_protocol::Chat {
            id,
            visitor_id: id * 10,
            status: frontdesk_protocol::ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        frontdesk_protocol::VisitorProfile::default(),
        Vec::new(),
    )
}

/// Puts `chat` in the state by a snapshot, sizes the screen, opens the chat in a pane and gives
/// its reply box the keys.
pub fn open_for_reply(s: &mut State, chat: frontdesk_protocol::ChatState, width: u16, height: u16) {
    use crate::app::{Action, Event, Focus, update};
    let id = chat.chat.id;
    update(
        s,
        Event::Frame(Box::new(frontdesk_protocol::OperatorOut::snapshot(
            1,
            vec![chat],
            Vec::new(),
        ))),
    );
    update(s, Event::Resize { width, height });
    s.selected = Some(id);
    update(s, Event::Action(Action::OpenSelected));
    s.focus = Focus::Compose;
}

/// `visitors_away` entries for these chats, with no time known.
pub fn away(chat_ids: &[i64]) -> Vec<frontdesk_protocol::AwayChat> {
    chat_ids
        .iter()
        .map(|&chat_id| frontdesk_protocol::AwayChat {
            chat_id,
            left_at: None,
        })
        .collect()
}

/// Applies a `visitor_presence` event for `chat_id`, the next in the console's sequence, at
/// its now.
pub fn presence(s: &mut State, chat_id: i64, on_site: bool, left_at: Option<i64>) {
    let frame = frontdesk_protocol::OperatorOut::Event {
        seq: s.last_seq.map_or(1, |last| last + 1),
        ts: s.now,
        event: frontdesk_protocol::EventBody::VisitorPresence {
            chat_id,
            on_site,
            left_at,
        },
    };
    crate::app::update(s, crate::app::Event::Frame(Box::new(frame)));
}

/// A visitor's text message `id` in `chat_id`, at `ts`, as the server sends it.
pub fn visitor_message(id: i64, chat_id: i64, seq: u64, ts: i64, text: &str) -> Message {
    Message {
        id,
        chat_id,
        seq,
        ts,
        author: Author {
            role: Role::Visitor,
            operator_id: None,
            name: None,
        },
        kind: MessageKind::Text,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}
