//! The sidebar: chats by section with wait timers, unread counts and previews.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Theme, format_elapsed};
use crate::app::list::{self, Row, Section};
use crate::app::state::{ChatView, Room, cut_to_width};
use crate::app::wrap::width;
use crate::app::{Focus, State};

/// Seconds of waiting after which the timer turns to warning and then to alarm.
const WARN_AFTER_MS: i64 = 45_000;
const ALARM_AFTER_MS: i64 = 60_000;

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme<'_>) {
    let s = state.strings;
    let border = if state.focus == Focus::List {
        theme.focused_border()
    } else {
        theme.border()
    };
    let mut block = super::border::Bordered::new(border).title(s.chats);
    // With several panes, say which one Enter fills: the list's selection opens there.
    if state.focus == Focus::List && state.panes.len() > 1 {
        let hint = format!(" {} {} ", s.reply.enter_opens_in, state.pane + 1);
        let room = usize::from(area.width.saturating_sub(2));
        block = block.title_bottom(Line::styled(
            cut_to_width(&hint, room).to_owned(),
            theme.focused_title(),
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let rows = list::rows(state);
    let height = usize::from(inner.height);
    let cols = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for row in &rows[list::first_visible(&rows, state.selected, height)..] {
        if lines.len() >= height {
            break;
        }
        match *row {
            Row::Header(section, count) => {
                let name = match section {
                    Section::Waiting => s.waiting,
                    Section::Offline => s.reply.left_message,
                    Section::Mine => s.mine,
                    Section::Others => s.others,
                    Section::Closed => s.closed,
                };
                // Before the first snapshot is complete the count is not known: "0" would
                // read as a quiet queue.
                let count = match state.last_seq {
                    Some(_) => count.to_string(),
                    None => "…".to_owned(),
                };
                lines.push(Line::styled(format!("{name} ({count})"), theme.header()));
            }
            Row::Chat(id) => {
                if let Some(chat) = state.chats.get(&id) {
                    let selected = state.selected == Some(id);
                    lines.extend(chat_lines(state, chat, cols, selected, theme));
                }
            }
            Row::TeamHeader(count) => {
                lines.push(Line::styled(
                    format!("{} ({count})", s.team.room),
                    theme.header(),
                ));
            }
            Row::Room(room) => lines.extend(room_lines(state, room, cols, theme)),
        }
    }
    super::put_lines(frame, inner, &lines);
}

/// A team conversation: `#` before the room's name (`@` before a colleague's), so it never
/// reads as a visitor's chat, its unread count, and its newest line.
fn room_lines(state: &State, room: Room, cols: usize, theme: Theme<'_>) -> [Line<'static>; 2] {
    let view = state.team.rooms.get(&room);
    let name = match room {
        Room::Team => format!("# {}", state.strings.team.room),
        Room::With(id) => format!("@ {}", state.operator_label(id)),
    };
    let unread = view
        .filter(|v| v.unread > 0)
        .map_or_else(String::new, |v| format!(" ●{}", v.unread));
    let name_cols = cols.saturating_sub(width(&unread) + 1);
    let name = super::columns::cut_marked(&name, name_cols);
    let pad = cols.saturating_sub(1 + width(&name) + width(&unread));
    let first = Line::from(vec![
        Span::raw(" "),
        Span::styled(name, theme.header()),
        Span::raw(" ".repeat(pad)),
        Span::styled(unread, theme.unread()),
    ]);
    let preview = view.map(ChatView::preview).unwrap_or_default();
    [first, preview_line(&preview, cols, theme)]
}

/// A chat's second row: its last words, «…» at the edge when they go on.
fn preview_line(text: &str, cols: usize, theme: Theme<'_>) -> Line<'static> {
    let line = Line::from(vec![
        Span::raw("  "),
        Span::styled(text.to_owned(), theme.dim()),
    ]);
    super::columns::fit_line_marked(line, cols, theme.dim())
}

/// How long the visitor has waited: a waiting chat since it started (one back in the queue
/// after it was answered as the queue view counts it, `ChatView::live_wait_since`), any other
/// open chat (and a message left offline) since their first unanswered words. A closed chat
/// waits for nobody.
fn awaiting(state: &State, chat: &ChatView) -> Option<i64> {
    let since = match list::section_of(chat, state.my_id()) {
        Section::Waiting => chat.live_wait_since(),
        Section::Closed => None,
        Section::Offline | Section::Mine | Section::Others => chat.awaiting_since,
    }?;
    Some(state.now - since)
}

fn chat_lines(
    state: &State,
    chat: &ChatView,
    cols: usize,
    selected: bool,
    theme: Theme<'_>,
) -> [Line<'static>; 2] {
    // Right side: the unread count, and how long the visitor has waited for an answer, in
    // the queue's colours (`awaiting`), or `✓✓` when our newest answer was read.
    // A waiting chat's timer says it all: nobody has read it yet.
    let waiting = list::section_of(chat, state.my_id()) == Section::Waiting;
    let unread = if chat.unread > 0 && !waiting {
        format!(" ●{}", chat.unread)
    } else {
        String::new()
    };
    let (timer, timer_style) = match awaiting(state, chat) {
        Some(waited) => {
            let style = if waited >= ALARM_AFTER_MS {
                theme.wait_alarm()
            } else if waited >= WARN_AFTER_MS {
                theme.wait_warning()
            } else {
                theme.wait_ok()
            };
            (
                format!(" {}", format_elapsed(waited, state.strings.day_hour)),
                style,
            )
        }
        // Nobody waits: our newest answer may have been read, as a messenger's list says.
        None if chat.newest_answer_seen() => (" ✓✓".to_owned(), theme.delivery_seen()),
        None => (String::new(), theme.wait_ok()),
    };
    let (mail, mail_style) = super::mail_line::mark(chat, theme);
    let badge = width(&mail) + width(&unread) + width(&timer);
    let name_cols = cols.saturating_sub(badge + 1);
    let name = super::columns::cut_marked(&chat.label, name_cols);
    let pad = cols.saturating_sub(1 + width(&name) + badge);
    let marker = if selected { "▌" } else { " " };
    // A visitor who left the site is greyed, as an absent contact is in a messenger.
    let name_style = if chat.visitor_gone() {
        theme.dim()
    } else {
        theme.header()
    };
    let mut first = Line::from(vec![
        Span::raw(marker),
        Span::styled(name, name_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(mail, mail_style),
        Span::styled(unread, theme.unread()),
        Span::styled(timer, timer_style),
    ]);
    let preview_text = match &chat.draft {
        Some(draft) => format!("✎ {draft}"),
        None => chat.preview().into_owned(),
    };
    let mut second = preview_line(&preview_text, cols, theme);
    if selected {
        first = first.patch_style(theme.selected());
        second = second.patch_style(theme.selected());
    }
    [first, second]
}
