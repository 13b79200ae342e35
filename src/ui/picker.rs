//! The canned-reply picker (a box over the screen: the search, the ranked replies, a live
//! preview filled for the open chat) and the small `/shortcut` popup above the reply box.
//! Both are drawn from `&State` alone: the ranking is recomputed, never stored.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::app::{Focus, State};
use crate::canned::fill::Filled;
use crate::sanitize::{Mode, sanitize};

/// Below this width the preview goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 70;
/// Most lines the `/shortcut` popup shows.
const POPUP_ROWS: usize = 6;

/// The picker, when it is open.
pub fn render(state: &State, frame: &mut Frame, theme: Theme) {
    let Some(picker) = &state.canned.picker else {
        return;
    };
    let labels = state.strings.canned;
    let area = centered(frame.area(), 90, 80);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(
            format!(" {} → {} ", labels.title, target_name(state)),
            theme.header(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search, body, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let query = Line::from(vec![
        Span::styled("> ", theme.header()),
        Span::raw(sanitize(&picker.query, Mode::NAME).into_owned()),
        Span::styled(" ", theme.cursor()),
    ]);
    frame.render_widget(Paragraph::new(query), search);
    frame.render_widget(Paragraph::new(labels.hint).style(theme.dim()), hint);

    let direction = if body.width >= SIDE_BY_SIDE {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let [list_area, preview_area] = Layout::default()
        .direction(direction)
        .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
        .areas(body);
    let matches = state.picker_matches();
    if matches.is_empty() {
        frame.render_widget(Paragraph::new(labels.nothing).style(theme.dim()), list_area);
        return;
    }
    let items: Vec<ListItem> = matches
        .iter()
        .map(|&i| {
            let r = &state.canned.library.replies[i];
            let mut spans = vec![
                Span::raw(clean(&r.title)),
                Span::styled(format!("  /{} · {}", r.shortcut, r.lang), theme.dim()),
            ];
            if r.send {
                spans.push(Span::styled(" ⏎", theme.dim()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let selected = picker.selected.min(matches.len() - 1);
    let mut list_state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        list_area,
        &mut list_state,
    );
    preview(state, frame, preview_area, matches[selected], theme);
}

fn preview(state: &State, frame: &mut Frame, area: Rect, index: usize, theme: Theme) {
    let labels = state.strings.canned;
    let Some((short, detail)) = state.canned_filled(index) else {
        return;
    };
    let send = state.canned.library.replies[index].send;
    let mut title = format!(" {} ", labels.preview);
    if send || detail.is_some() {
        title.push_str(&format!("({}) ", labels.sends));
    }
    let block = Block::default()
        .borders(Borders::LEFT | Borders::TOP)
        .border_style(theme.border())
        .title(title);
    let mut lines = gap_lines(&short, theme);
    if let Some(detail) = &detail {
        lines.push(Line::default());
        lines.push(Line::styled(labels.then, theme.dim()));
        lines.extend(gap_lines(detail, theme));
    }
    let text = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(text, area);
}

/// Filled text as lines, each gap (a placeholder left for the operator) marked.
fn gap_lines(filled: &Filled, theme: Theme) -> Vec<Line<'static>> {
    filled
        .text
        .split('\n')
        .enumerate()
        .map(|(row, line)| {
            let chars: Vec<char> = line.chars().collect();
            let mut spans = Vec::new();
            let mut at = 0;
            for gap in filled.gaps.iter().filter(|g| g.row == row) {
                spans.push(Span::raw(clean(
                    &chars[at..gap.start].iter().collect::<String>(),
                )));
                let name: String = chars[gap.start..gap.end].iter().collect();
                spans.push(Span::styled(clean(&name), theme.selected()));
                at = gap.end;
            }
            spans.push(Span::raw(clean(&chars[at..].iter().collect::<String>())));
            Line::from(spans)
        })
        .collect()
}

/// Reply files are the operator's, but they still reach the terminal: the one door.
fn clean(text: &str) -> String {
    sanitize(text, Mode::line(2_000)).into_owned()
}

/// Matches for `/shortcut` typed in the reply box, just above it.
pub fn render_popup(state: &State, frame: &mut Frame, theme: Theme) {
    if state.focus != Focus::Compose || state.canned.picker.is_some() {
        return;
    }
    let matches = state.shortcut_matches();
    if matches.is_empty() {
        return;
    }
    let compose = state.areas().compose;
    let rows: Vec<Line> = matches
        .iter()
        .take(POPUP_ROWS)
        .enumerate()
        .map(|(k, &i)| {
            let r = &state.canned.library.replies[i];
            // The first is what Enter sends: marked, not only coloured (NO_COLOR).
            let (mark, style) = if k == 0 {
                ("›", theme.selected())
            } else {
                (" ", theme.header())
            };
            Line::from(vec![
                Span::styled(format!("{mark}/{}", r.shortcut), style),
                Span::raw(format!("  {}", clean(&r.title))),
            ])
        })
        .collect();
    let height = u16::try_from(rows.len()).unwrap_or(0) + 2;
    let width = rows
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .saturating_add(2);
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(compose.width);
    let area = Rect {
        x: compose.x,
        y: compose.y.saturating_sub(height),
        width,
        height: height.min(compose.y),
    };
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title_bottom(Span::styled(
            format!("Enter → {}", target_name(state)),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(rows).block(block), area);
}

/// Whose chat a fired reply goes to, as the reply box names it.
fn target_name(state: &State) -> String {
    match state.reply_target() {
        crate::app::state::ReplyTarget::Open { label, .. } => label.to_owned(),
        _ => state.strings.reply.no_chat_title.to_owned(),
    }
}

/// A rectangle `percent_x` by `percent_y` of `area`, in its middle.
fn centered(area: Rect, percent_x: u16, percent_y: u16) -> Rect {
    let width = area.width * percent_x / 100;
    let height = area.height * percent_y / 100;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
#[path = "picker_tests.rs"]
mod tests;
