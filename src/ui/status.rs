//! The bottom line: connection, operator, queue counts, then by importance a waiting question,
//! do-not-disturb, the last error, the banner (the demo shop's address), that desktop
//! notifications are off, and key hints. What does not fit is left out whole, least important
//! first, never cut mid-word; only an error longer than the whole line is shortened, at a word.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::list::{self, Section};
use crate::app::wrap::width;
use crate::app::{Connection, State};
use crate::sanitize::{Mode, sanitize};

/// One piece of the line and how much it matters: lower ranks stay longer.
struct Item {
    text: String,
    style: Style,
    rank: u8,
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: Theme<'_>) {
    let items = fit(items(state, theme), usize::from(area.width));
    let spans: Vec<Span> = items
        .into_iter()
        .map(|i| Span::styled(i.text, i.style))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status_bar()),
        area,
    );
}

fn items(state: &State, theme: Theme<'_>) -> Vec<Item> {
    let s = state.strings;
    let item = |text: String, style: Style, rank: u8| Item { text, style, rank };
    let conn = match &state.connection {
        Connection::Connecting => (format!(" ◌ {} ", s.connecting), theme.connecting()),
        Connection::Syncing => (format!(" ◌ {}… ", s.syncing), theme.connecting()),
        Connection::Online => (format!(" ● {} ", s.online), theme.online()),
        Connection::Offline { retry_at, .. } => {
            let secs = ((retry_at - state.now).max(0) + 999) / 1000;
            (
                format!(
                    " ○ {}, {} ",
                    s.offline,
                    s.retry_in.replace("{secs}", &secs.to_string())
                ),
                theme.offline(),
            )
        }
        Connection::AuthFailed => (format!(" ✗ {} ", s.auth_failed), theme.offline()),
    };
    let counts = list::sections(state);
    // Unknown until the first snapshot is complete: "0" would read as a quiet queue.
    let count = |sec: Section| match state.last_seq {
        Some(_) => counts
            .iter()
            .find(|(x, _)| *x == sec)
            .map_or(0, |(_, v)| v.len())
            .to_string(),
        None => "…".to_owned(),
    };
    let mut out = vec![
        item(conn.0, conn.1, 0),
        item(
            format!(
                " {} │ {} {} · {} {} ",
                state.my_name(),
                s.waiting_short,
                count(Section::Waiting),
                s.mine_short,
                count(Section::Mine),
            ),
            Style::new(),
            0,
        ),
    ];
    // Away or invisible: said next to the name, so nobody forgets they set it.
    let mine = state.me.as_ref().map(|m| m.status);
    let away = match mine {
        Some(frontdesk_protocol::OperatorStatus::Away) => Some(s.commands.status_away),
        Some(frontdesk_protocol::OperatorStatus::Offline) => Some(s.commands.status_offline),
        _ => None,
    };
    if let Some(away) = away {
        out.push(item(format!("│ {away} "), theme.connecting(), 1));
    }
    // Chats colleagues offer me: important, as someone waits for my answer.
    let offered = state
        .offers
        .values()
        .filter(|o| Some(o.to_operator_id) == state.my_id())
        .count();
    if offered > 0 {
        let text = s.commands.offers.replace("{n}", &offered.to_string());
        out.push(item(format!("│ {text} "), theme.unread(), 1));
    }
    // Colleagues: how many are here and how many stepped away (when there are any).
    let team = |status| {
        state
            .operators
            .values()
            .filter(|o| Some(o.id) != state.my_id() && o.status == status)
            .count()
    };
    let (here, away) = (
        team(frontdesk_protocol::OperatorStatus::Online),
        team(frontdesk_protocol::OperatorStatus::Away),
    );
    if here + away > 0 {
        let mut text = s.commands.team.replace("{online}", &here.to_string());
        if away > 0 {
            text.push_str(&s.commands.team_away.replace("{away}", &away.to_string()));
        }
        // Less telling than the first keys to press, more than the rest.
        out.push(item(format!("│ {text} "), Style::new(), 7));
    }
    // A reconnect loop says why, until the console is in sync again.
    if let Some((count, reason)) = state.failures.repeated()
        && state.connection != Connection::Online
    {
        let reason = sanitize(reason, Mode::line(120));
        let text = format!("│ {}: {count} · {reason} ", s.failed_attempts);
        out.push(item(text, theme.offline(), 1));
    }
    if let Some((question, keys)) = state.confirm_parts() {
        // The question replaces the hints, and the counts make room for it if need be:
        // its own keys are the ones that matter now, never left out (the question is cut).
        out[1].rank = 2;
        out.push(item(format!("│ {question} "), theme.focused_title(), 1));
        out.push(item(format!("{keys} "), theme.focused_title(), 0));
        return out;
    }
    let alerts = &state.alerts;
    if alerts.dnd {
        let text = format!("│ ⊘ {} ", s.notify.do_not_disturb);
        out.push(item(text, theme.offline(), 2));
    } else if alerts.rules.enabled && alerts.in_quiet_hours(state.now, &state.tz) {
        let text = format!("│ ☾ {} ", s.notify.quiet_hours);
        out.push(item(text, theme.connecting(), 2));
    }
    if let Some(job) = &state.export_set.job {
        out.push(item(
            format!("│ {} ", export_progress(state, job)),
            theme.dim(),
            2,
        ));
    }
    if let Some(notice) = &state.notice {
        // Read once and gone at the next key: the name and counts (also in the chat list)
        // make room for it, as for a question, before it is cut.
        out[1].rank = 2;
        out.push(item(format!("│ {notice} "), theme.offline(), 1));
    } else if let Some(banner) = &state.banner {
        out.push(item(format!("│ {banner} "), Style::new(), 3));
    }
    if state.desktop_unavailable {
        let text = format!("│ {} ", s.notify.desktop_unavailable);
        out.push(item(text, theme.dim(), 4));
    }
    // Generated from the live bindings, so a rebound key shows as bound.
    for (k, hint) in super::hints::items(state).into_iter().enumerate() {
        let lead = if k == 0 { "│ " } else { "· " };
        let rank = 5u8.saturating_add(u8::try_from(k).unwrap_or(u8::MAX));
        out.push(item(format!("{lead}{hint} "), Style::new(), rank));
    }
    out
}

/// How far the running export is: listing the chats, then transcripts written of all.
fn export_progress(state: &State, job: &crate::app::state::ExportJob) -> String {
    let words = state.strings.export;
    let what = sanitize(&job.what, Mode::line(40));
    match &job.listing {
        Some(_) => words
            .listing
            .replace("{what}", &what)
            .replace("{n}", &job.ids.len().to_string()),
        None => words
            .progress
            .replace("{what}", &what)
            .replace("{done}", &job.done().to_string())
            .replace("{total}", &job.ids.len().to_string()),
    }
}

/// Keeps the most important items that fit in `room` columns, in their order. An item of
/// rank 1 (a question or an error) that does not fit even alone is shortened at a word.
fn fit(mut items: Vec<Item>, room: usize) -> Vec<Item> {
    let total = |items: &[Item]| items.iter().map(|i| width(&i.text)).sum::<usize>();
    while total(&items) > room {
        let Some((at, worst)) = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.rank > 0)
            .max_by_key(|(k, i)| (i.rank, *k))
            .map(|(k, i)| (k, i.rank))
        else {
            break;
        };
        if worst == 1 && items.iter().all(|i| i.rank <= 1) {
            let other = total(&items) - width(&items[at].text);
            items[at].text = shorten(&items[at].text, room.saturating_sub(other));
            break;
        }
        items.remove(at);
    }
    items
}

/// `text` cut to `room` columns at the last blank that fits, with "…"; its closing blank, which
/// parts it from what follows (a question's answer keys), is kept.
fn shorten(text: &str, room: usize) -> String {
    let (text, gap) = text.strip_suffix(' ').map_or((text, ""), |t| (t, " "));
    let room = room.saturating_sub(gap.len());
    let cut = crate::app::state::cut_to_width(text, room.saturating_sub(1));
    let at_word = cut.rfind(' ').filter(|&i| i > 2).map_or(cut, |i| &cut[..i]);
    format!("{at_word}…{gap}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, rank: u8) -> Item {
        Item {
            text: text.into(),
            style: Style::new(),
            rank,
        }
    }

    fn texts(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn whole_items_go_least_important_first() {
        let line = vec![
            item(" ● online ", 0),
            item("│ demo shop: http://x/demo ", 3),
            item("│ Enter open ", 5),
            item("· a accept ", 6),
        ];
        let all: usize = line.iter().map(|i| width(&i.text)).sum();
        assert_eq!(texts(&fit(line, all - 1)).len(), 3);
        let line = vec![
            item(" ● online ", 0),
            item("│ demo shop: http://x/demo ", 3),
            item("│ Enter open ", 5),
        ];
        assert_eq!(
            texts(&fit(line, 40)),
            [" ● online ", "│ demo shop: http://x/demo "]
        );
    }

    fn line(state: &State) -> String {
        let items = items(state, Theme::new(true));
        items.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn syncing_is_not_online_and_a_reconnect_loop_says_why() {
        use crate::app::{Event, update};
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        update(&mut s, Event::Connection(Connection::Syncing));
        let text = line(&s);
        assert!(text.starts_with(" ◌ syncing chats… "), "{text}");
        for _ in 0..2 {
            let lost = Connection::Offline {
                reason: "closed by server\x1b[2J".into(),
                retry_at: 0,
            };
            update(&mut s, Event::Connection(lost));
        }
        update(&mut s, Event::Connection(Connection::Syncing));
        let text = line(&s);
        assert!(
            text.contains("│ failed attempts: 2 · closed by server"),
            "{text}"
        );
        assert!(!text.contains('\x1b'), "the reason is sanitized: {text:?}");
        update(&mut s, Event::Connection(Connection::Online));
        let text = line(&s);
        assert!(
            text.starts_with(" ● online ") && !text.contains("failed"),
            "{text}"
        );
    }

    #[test]
    fn an_error_too_long_for_the_line_is_cut_at_a_word() {
        let line = vec![
            item(" ● online ", 0),
            item("│ no reply /zzz; start with // to send it ", 1),
        ];
        let got = fit(line, 30);
        assert_eq!(got[1].text, "│ no reply /zzz;… ");
    }

    #[test]
    fn a_notice_is_read_whole_at_80_columns_the_counts_making_room() {
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        let notice = "you have as many active chats as allowed (1): close one first";
        s.notice = Some(notice.into());
        let kept = fit(items(&s, Theme::new(true)), 80);
        let text: String = kept.iter().map(|i| i.text.as_str()).collect();
        assert!(text.contains(notice), "{text}");
        s.notice = None;
        let kept = fit(items(&s, Theme::new(true)), 80);
        let text: String = kept.iter().map(|i| i.text.as_str()).collect();
        assert!(text.contains("waiting"), "counts back without it: {text}");
    }

    #[test]
    fn a_question_too_long_for_the_line_is_cut_and_keeps_its_answer_keys() {
        let mut s = State::new(&crate::i18n::RU, "anna".into(), None);
        s.confirm = Some(crate::app::state::Confirm::Quit);
        for room in [50, 40] {
            let kept = fit(items(&s, Theme::new(true)), room);
            let text: String = kept.iter().map(|i| i.text.as_str()).collect();
            assert!(text.ends_with("… y да · n нет "), "{text}");
            assert!(text.contains("Выйти?"), "{text}");
            assert!(width(&text) <= room, "{text}");
        }
        let whole = fit(items(&s, Theme::new(true)), 120);
        let text: String = whole.iter().map(|i| i.text.as_str()).collect();
        assert!(text.contains("(сохранятся). y да · n нет "), "{text}");
    }

    #[test]
    fn my_away_and_the_teams_presence_are_said() {
        use frontdesk_protocol::{OperatorInfo, OperatorRole, OperatorStatus};
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        let mut me = OperatorInfo::new(1, "anna", "Анна", OperatorRole::Operator);
        me.status = OperatorStatus::Away;
        s.me = Some(me.clone());
        s.operators.insert(1, me);
        assert!(line(&s).contains("◐ away"), "{}", line(&s));
        assert!(!line(&s).contains("team"), "no colleagues: {}", line(&s));
        for (id, status) in [
            (2, OperatorStatus::Online),
            (3, OperatorStatus::Online),
            (4, OperatorStatus::Away),
            (5, OperatorStatus::Offline),
        ] {
            let mut op = OperatorInfo::new(id, format!("op{id}"), "X", OperatorRole::Operator);
            op.status = status;
            s.operators.insert(id, op);
        }
        assert!(line(&s).contains("team: 2 here, 1 away"), "{}", line(&s));
    }

    #[test]
    fn a_chat_offered_to_me_is_counted() {
        use frontdesk_protocol::{OperatorInfo, OperatorRole, TransferOffer};
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        s.me = Some(OperatorInfo::new(1, "anna", "Анна", OperatorRole::Operator));
        let offer = |chat_id, to_operator_id| TransferOffer {
            chat_id,
            from_operator_id: 9,
            to_operator_id,
            note: None,
            created_at: 0,
        };
        s.offers.insert(5, offer(5, 1));
        s.offers.insert(6, offer(6, 7));
        assert!(line(&s).contains("⇄ 1 offered to you"), "{}", line(&s));
    }
}
