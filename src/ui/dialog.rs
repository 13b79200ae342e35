//! One dialog pane: its chat's messages (only the rows that fit are built), system lines,
//! delivery marks and the visitor's live draft. With more than one pane each title starts with
//! the pane's number, and the focused pane has a highlighted border and a bold reversed title.
//! In the focused pane the search's hits are highlighted and counted in the title, and its
//! prompt sits on the bottom border; an earlier chat says it is read-only, with its date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::highlight::{self, Mark};
use super::{Theme, dialog_title};
use crate::app::search::Search;
use crate::app::state::{ChatView, Delivery, Entry, Pane, Who, cut_to_width};
use crate::app::{Focus, State, wrap};

/// Draws pane `index` into `area`.
pub fn render(state: &State, frame: &mut Frame, area: Rect, index: usize, theme: Theme<'_>) {
    let s = state.strings;
    let Some(pane) = state.panes.get(index) else {
        return;
    };
    // One focus on screen: while the list has the keys no pane is drawn focused (the list
    // says which pane Enter opens into).
    let several = state.panes.len() > 1;
    let focused = several && index == state.pane && state.focus != Focus::List;
    let chat = state.pane_view(index);
    // Hits are drawn in the focused pane only.
    let search = chat
        .and_then(|c| c.search.as_ref())
        .filter(|s| index == state.pane && !s.is_blank());
    let (border, title_style) = if focused {
        (theme.focused_border(), theme.focused_title())
    } else {
        (theme.border(), theme.header())
    };
    let mut block = super::border::Bordered::new(border);
    let room = usize::from(area.width.saturating_sub(2));
    let title = dialog_title::title(state, (index, pane), chat, search, title_style, room, theme);
    if title.width() > 0 {
        block = block.title(title);
    }
    if index == state.pane && state.focus == Focus::Search {
        let query = dialog_title::search_query(chat);
        block = block.title_bottom(dialog_title::prompt(&query, area.width, theme));
    }
    let Some(chat) = chat else {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = Paragraph::new(empty_pane_hint(state))
            .style(theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(hint, inner);
        return;
    };
    if pane.new_below > 0 {
        let marker = format!(" ↓ {} {} ", pane.new_below, s.new_below);
        block = block.title_bottom(Line::styled(marker, theme.unread()).right_aligned());
    } else if pane.scroll > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {} ", pane.scroll)).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let cols = usize::from(inner.width);
    let mut height = usize::from(inner.height);
    let typing = chat.draft.as_ref().map(|draft| {
        // The visitor's live draft is theirs: it carries their mark too. Too long for the
        // row, its end is shown: the words being typed now.
        let who = format!("✎ {} {}: ", chat.label, s.typing);
        let room = cols.saturating_sub(crate::app::state::GUTTER);
        let left = room.saturating_sub(crate::app::wrap::width(&who));
        let text = if left >= 8 {
            format!("{who}{}", super::columns::keep_end(draft, left))
        } else {
            cut_to_width(&format!("{who}{draft}"), room).to_owned()
        };
        Line::from(vec![
            gutter(Who::Visitor, theme),
            Span::styled(text, theme.system()),
        ])
    });
    // Colleagues typing here: said plainly, so two people never answer one visitor at once.
    let room = cols.saturating_sub(crate::app::state::GUTTER);
    let colleagues: Vec<Line> = chat
        .typing_colleagues(state.now)
        .filter_map(|id| state.operators.get(&id))
        .map(|op| {
            let name = crate::sanitize::sanitize(&op.display_name, crate::sanitize::Mode::NAME);
            let text = format!("✎ {name} {}", s.typing);
            Line::from(vec![
                gutter(Who::System, theme),
                Span::styled(cut_to_width(&text, room).to_owned(), theme.system()),
            ])
        })
        .collect();
    // Where the answer's e-mail stands, pinned under the dialog like the typing lines.
    let mail = super::mail_line::lines(state, chat, cols, theme);
    height = height.saturating_sub(colleagues.len() + usize::from(typing.is_some()) + mail.len());
    // A colleague's chat a plain operator may not read says so, above whatever it holds.
    let mut lines = not_mine(state, pane, chat, cols, theme);
    height = height.saturating_sub(lines.len());
    lines.extend(visible_rows(
        state,
        chat,
        pane.scroll,
        height,
        search,
        theme,
    ));
    if lines.is_empty() && pane.earlier.is_some() && chat.more_before {
        lines.push(Line::styled(s.search.loading, theme.dim()));
    }
    if lines.is_empty() && pane.team.is_some() {
        lines.push(Line::styled(s.team.empty, theme.dim()));
    }
    lines.extend(mail);
    lines.extend(colleagues);
    lines.extend(typing);
    super::put_lines(frame, inner, &lines);
}

/// For a plain operator, a colleague's active chat: whose it is, and that only supervisors
/// read it (the server sends its messages to nobody else), wrapped to the pane. Not for a
/// chat the colleague offers them: that one they read (the pane's title says who offers it).
fn not_mine(
    state: &State,
    pane: &Pane,
    chat: &ChatView,
    cols: usize,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let others = matches!(
        state.target_of(chat),
        crate::app::state::ReplyTarget::Others { .. }
    );
    let offered = state.offered_to_me(chat.chat.id).is_some();
    let Some(colleague) = chat
        .chat
        .operator_id
        .filter(|_| others && !offered && pane.chat.is_some())
    else {
        return Vec::new();
    };
    let name = state.operator_label(colleague);
    let text = state.strings.team.others_chat.replace("{name}", &name);
    let room = cols.saturating_sub(crate::app::state::GUTTER).max(1);
    wrap::wrap_ranges(&text, room, 0)
        .into_iter()
        .map(|r| {
            Line::from(vec![
                gutter(Who::System, theme),
                Span::styled(text[r].to_owned(), theme.wait_warning()),
            ])
        })
        .collect()
}

/// The rows ending `scroll` rows above the newest one, walking back from the end so a long
/// history costs no more than a short one.
fn visible_rows(
    state: &State,
    chat: &ChatView,
    scroll: usize,
    height: usize,
    search: Option<&Search>,
    theme: Theme<'_>,
) -> Vec<Line<'static>> {
    let mut skip = scroll;
    let mut rows: Vec<Line<'static>> = Vec::with_capacity(height);
    let mut clock = Clock::new(state);
    for (e, entry) in chat.messages.iter().enumerate().rev() {
        if rows.len() >= height {
            break;
        }
        let n = chat.row_count(e);
        if skip >= n {
            skip -= n;
            continue;
        }
        let take = n - skip;
        skip = 0;
        // Hits only for an entry that has some: most drawn entries have none.
        let search = search.filter(|s| !s.hits_in(e).is_empty());
        for i in (0..take).rev() {
            if rows.len() >= height {
                break;
            }
            let marks = match search {
                Some(search) => {
                    let span = chat.row_span(e, i);
                    highlight::line_marks(search, e, span.start, span.len(), theme)
                }
                None => Vec::new(),
            };
            rows.push(entry_row(&mut clock, chat, e, entry, i, &marks, theme));
        }
    }
    rows.reverse();
    rows
}

/// What an empty pane says: how to open a chat, or, while no chat waits for an answer (none
/// waiting, left as a message or ours), that a new one will come with a notification.
fn empty_pane_hint(state: &State) -> &'static str {
    use crate::app::list::{Section, section_of};
    let s = state.strings;
    // Each chat's section as the list puts it, without building (and sorting) the list.
    let me = state.my_id();
    let to_answer = state.chats.values().any(|chat| {
        matches!(
            section_of(chat, me),
            Section::Waiting | Section::Offline | Section::Mine
        )
    });
    // Before the first snapshot nothing is known yet.
    if to_answer || state.last_seq.is_none() {
        s.no_chat_open
    } else {
        s.nobody_waiting
    }
}

/// "HH:MM " of a timestamp in the operator's zone, worked out once per minute shown: a
/// screenful of a flood is mostly the same minute.
struct Clock<'a> {
    tz: &'a jiff::tz::TimeZone,
    last: Option<(i64, String)>,
}

impl<'a> Clock<'a> {
    fn new(state: &'a State) -> Self {
        Self {
            tz: &state.tz,
            last: None,
        }
    }

    fn label(&mut self, ts: i64) -> String {
        let minute = ts.div_euclid(60_000);
        if let Some((m, label)) = &self.last
            && *m == minute
        {
            return label.clone();
        }
        let label = jiff::Timestamp::from_millisecond(ts)
            .map(|t| t.to_zoned(self.tz.clone()).strftime("%H:%M ").to_string())
            .unwrap_or_else(|_| "--:-- ".into());
        self.last = Some((minute, label.clone()));
        label
    }
}

/// The author's mark drawn in the gutter of every row of a message, a different shape for
/// each kind of author (so it holds without colour): a bar for operators, a dot for system
/// lines, nothing for the visitor. The visitor's text starts after the gutter and cannot draw
/// there, so no visitor row ever looks like an operator's or a system line, whatever it says.
pub fn gutter(who: Who, theme: Theme<'_>) -> Span<'static> {
    match who {
        Who::Visitor => Span::raw("  "),
        Who::Operator { .. } => Span::styled("▌ ", theme.operator()),
        Who::System => Span::styled("· ", theme.system()),
    }
}

fn entry_row(
    clock: &mut Clock,
    chat: &ChatView,
    e: usize,
    entry: &Entry,
    i: usize,
    marks: &[Mark],
    theme: Theme<'_>,
) -> Line<'static> {
    let text = chat.row(e, i).to_owned();
    let base = match entry.who {
        Who::System => theme.system(),
        Who::Operator { note: true, .. } => theme.note(),
        Who::Operator { whisper: true, .. } => theme.whisper(),
        _ => Style::new(),
    };
    let text = highlight::spans(text, base, marks);
    let mut spans = vec![gutter(entry.who, theme)];
    if i > 0 {
        spans.extend(text);
        return Line::from(spans);
    }
    // A line on another day than the one before it says which (`ChatView::date_label`).
    let time = match chat.date_label(e) {
        Some(date) => date + &clock.label(entry.ts),
        None => clock.label(entry.ts),
    };
    spans.push(Span::styled(time, theme.dim()));
    let author = chat.author(entry);
    match entry.who {
        Who::System => {
            spans.extend(text);
            return Line::from(spans);
        }
        Who::Visitor => spans.push(Span::styled(format!("{author}: "), theme.visitor())),
        Who::Operator { own, note, whisper } => {
            if own {
                // Three columns (`ChatView::prefix_width`), the marks to the right as in a
                // messenger: `✓✓` once the visitor has had it on their screen.
                let mark = match entry.delivery {
                    Delivery::Stored if chat.visitor_has_seen(entry) => {
                        Span::styled("✓✓ ", theme.delivery_seen())
                    }
                    Delivery::Pending => Span::styled(" … ", theme.delivery(entry.delivery)),
                    Delivery::Stored => Span::styled(" ✓ ", theme.delivery(entry.delivery)),
                    Delivery::Failed => Span::styled(" ✗ ", theme.delivery(entry.delivery)),
                };
                spans.push(mark);
            }
            // Exactly `ChatView::prefix_width` columns, which the rows were wrapped for.
            if whisper {
                let tag = chat.whisper_tag;
                spans.push(Span::styled(format!("{author} {tag}: "), theme.whisper()));
            } else if note {
                let tag = chat.note_tag;
                spans.push(Span::styled(format!("{author} {tag}: "), theme.note()));
            } else {
                spans.push(Span::styled(format!("{author}: "), theme.operator()));
            }
        }
    }
    spans.extend(text);
    Line::from(spans)
}
