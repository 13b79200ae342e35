//! The help overlay: the built-in keys (later generated from the keymap registry).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::app::State;

const KEYS: &[(&str, &str, &str)] = &[
    ("Tab", "list ↔ reply", "список ↔ ответ"),
    ("↑ ↓ j k", "select a chat", "выбрать чат"),
    (
        "Enter",
        "open (accepts a waiting chat)",
        "открыть (принять ожидающий)",
    ),
    ("a", "accept the selected chat", "принять выбранный чат"),
    ("Enter (reply)", "send", "отправить"),
    ("Alt-Enter", "new line", "новая строка"),
    ("Esc", "back to the list", "назад к списку"),
    ("PgUp PgDn", "scroll the dialog", "прокрутка диалога"),
    ("Ctrl-W", "close the open chat", "закрыть открытый чат"),
    ("F1 ?", "this help", "эта справка"),
    ("Ctrl-Q Ctrl-C", "quit", "выход"),
];

pub fn render(state: &State, frame: &mut Frame, theme: Theme) {
    let russian = std::ptr::eq(state.strings, &crate::i18n::RU);
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, en, ru)| {
            Line::from(vec![
                Span::styled(format!("{key:>14}  "), theme.header()),
                Span::raw(if russian { *ru } else { *en }),
            ])
        })
        .collect();
    if let Some(banner) = &state.banner {
        lines.push(Line::raw(""));
        lines.push(Line::styled(banner.clone(), theme.dim()));
    }
    let full = frame.area();
    let width = 60.min(full.width);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(full.height);
    let area = Rect::new(
        full.x + (full.width - width) / 2,
        full.y + (full.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(state.strings.help_title);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
