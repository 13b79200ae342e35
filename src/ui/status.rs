//! The bottom line: connection, operator, queue counts, banner or last error, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::list::{self, Section};
use crate::app::{Connection, State};

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let s = state.strings;
    let conn = match &state.connection {
        Connection::Connecting => Span::styled(format!(" ◌ {} ", s.connecting), theme.connecting()),
        Connection::Online => Span::styled(format!(" ● {} ", s.online), theme.online()),
        Connection::Offline { retry_at, .. } => {
            let secs = ((retry_at - state.now).max(0) + 999) / 1000;
            Span::styled(
                format!(" ○ {}, {} {secs}s ", s.offline, s.retry_in),
                theme.offline(),
            )
        }
        Connection::AuthFailed => Span::styled(format!(" ✗ {} ", s.auth_failed), theme.offline()),
    };
    let counts = list::sections(state);
    let count = |sec: Section| {
        counts
            .iter()
            .find(|(x, _)| *x == sec)
            .map_or(0, |(_, v)| v.len())
    };
    let mut spans = vec![
        conn,
        Span::raw(format!(
            " {} │ {} {} · {} {} ",
            state.my_name(),
            s.waiting_short,
            count(Section::Waiting),
            s.mine_short,
            count(Section::Mine),
        )),
    ];
    let alerts = &state.alerts;
    if alerts.dnd {
        spans.push(Span::styled(
            format!("│ ⊘ {} ", s.notify.do_not_disturb),
            theme.offline(),
        ));
    } else if alerts.rules.enabled && alerts.in_quiet_hours(state.now, &state.tz) {
        spans.push(Span::styled(
            format!("│ ☾ {} ", s.notify.quiet_hours),
            theme.connecting(),
        ));
    }
    if let Some(notice) = &state.notice {
        spans.push(Span::styled(format!("│ {notice} "), theme.offline()));
    } else if let Some(banner) = &state.banner {
        spans.push(Span::raw(format!("│ {banner} ")));
    }
    // Generated from the live bindings, so a rebound key shows as bound.
    spans.push(Span::raw(format!("│ {}", super::hints::line(state))));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status_bar()),
        area,
    );
}
