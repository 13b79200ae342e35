//! The search across chats: a screen over the chat list and panes (the status bar stays) with
//! the query, a line saying what stands (searching, how many found, nothing, an error), two
//! rows per hit (when, who, what kind, which chat; the snippet with the hit words bold and
//! reversed, so they stand out under `NO_COLOR` too) and the keys. Everything from the server
//! is made safe by `sanitize` first; the hit words' char offsets are mapped through it.

use frontdesk_protocol::Role;
use frontdesk_protocol::search::{HitKind, SearchHit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::columns::{cut, cut_marked, fit_hints, fit_line, fit_line_marked};
use super::{Theme, put_lines, screen_frame};
use crate::app::{State, wrap};
use crate::i18n::FinderLabels;
use crate::sanitize::{Mode, sanitize, sanitize_marked};

/// Columns before a snippet, under the hit's first row.
const INDENT: usize = 4;
/// Characters kept before the first hit word when the snippet is cut to show it.
const LEAD: usize = 12;

pub fn render(state: &State, frame: &mut Frame, theme: Theme<'_>) {
    let status = state.areas().status;
    let area = Rect::new(0, 0, state.screen.width, status.y).intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let words = state.strings.finder;
    let inner = screen_frame(frame, area, &format!(" {} ", words.title), theme);
    let lines = lines(
        state,
        usize::from(inner.width),
        usize::from(inner.height),
        theme,
    );
    put_lines(frame, inner, &lines);
}

/// Every line of the screen, `height` at most: the query, what stands, the hits that fit
/// around the cursor, and the keys on the last line.
fn lines(state: &State, width: usize, height: usize, theme: Theme<'_>) -> Vec<Line<'static>> {
    let words = state.strings.finder;
    let finder = &state.finder;
    let query = sanitize(&finder.query, Mode::line(300));
    // The end of the query stays in view as it grows.
    let shown_query = tail_to_width(&query, width.saturating_sub(3));
    let mut out = vec![
        Line::from(vec![
            Span::styled("> ", theme.header()),
            Span::raw(shown_query),
            Span::styled(" ", theme.cursor()),
        ]),
        standing(state, width, theme),
        Line::raw(""),
    ];
    let room = height.saturating_sub(out.len() + 1) / 2;
    if let Some(found) = &finder.shown {
        let selected = finder.selected.min(found.hits.len().saturating_sub(1));
        let first = (selected + 1).saturating_sub(room);
        for (i, hit) in found.hits.iter().enumerate().skip(first).take(room) {
            out.push(head(state, hit, i == selected, width, theme));
            out.push(snippet(hit, width, theme));
        }
    }
    out.truncate(height.saturating_sub(1));
    while out.len() + 1 < height {
        out.push(Line::raw(""));
    }
    out.push(Line::styled(fit_hints(words.hint, width), theme.dim()));
    out.truncate(height);
    out
}

/// What stands: an error, a request on its way, a chat being fetched, the count, or how to
/// start.
fn standing(state: &State, width: usize, theme: Theme<'_>) -> Line<'static> {
    let words = state.strings.finder;
    let finder = &state.finder;
    if let Some(why) = &finder.error {
        let why = sanitize(why, Mode::line(200));
        let text = words.failed.replace("{why}", &why);
        return Line::styled(cut_marked(&text, width), theme.wait_alarm());
    }
    if let Some(jump) = finder.jump.as_ref().filter(|j| j.fetching) {
        let text = words.opening.replace("{id}", &jump.chat_id.to_string());
        return Line::styled(cut_marked(&text, width), theme.dim());
    }
    if finder.asked.is_some() {
        return Line::styled(cut(words.searching, width), theme.dim());
    }
    let Some(found) = &finder.shown else {
        return Line::styled(cut(words.intro, width), theme.dim());
    };
    let query = sanitize(&found.query, Mode::line(60));
    let mut text = if found.hits.is_empty() {
        words.nothing.replace("{query}", &query)
    } else {
        words
            .found
            .replace("{n}", &found.hits.len().to_string())
            .replace("{query}", &query)
    };
    // The note on the index's lag only where the line has room for it whole.
    let with_lag = format!("{text} · {}", words.lag);
    if state.finder_lags() && wrap::width(&with_lag) <= width {
        text = with_lag;
    }
    Line::styled(cut_marked(&text, width), theme.header())
}

/// A hit's first row: the time, the author, the kind and the chat number.
fn head(
    state: &State,
    hit: &SearchHit,
    selected: bool,
    width: usize,
    theme: Theme<'_>,
) -> Line<'static> {
    let words = state.strings.finder;
    let time = jiff::Timestamp::from_millisecond(hit.ts)
        .map(|t| {
            t.to_zoned(state.tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let author = match (&hit.author.name, hit.author.role) {
        (Some(name), _) => sanitize(name, Mode::NAME).into_owned(),
        (None, Role::Visitor) => state.strings.visitor.to_owned(),
        (None, Role::Operator) => words.operator.to_owned(),
        (None, Role::System) => state.strings.system.to_owned(),
    };
    let spans = vec![
        Span::raw(if selected { "▌ " } else { "  " }),
        Span::raw(format!("{time}  ")),
        Span::styled(cut(&author, 30), theme.header()),
        Span::styled(format!("  {}", kind(words, hit.kind)), theme.dim()),
        Span::styled(format!("  #{}", hit.chat_id), theme.dim()),
    ];
    let line = fit_line(spans, width);
    if selected {
        line.patch_style(theme.selected())
    } else {
        line
    }
}

fn kind(words: &FinderLabels, kind: HitKind) -> &'static str {
    match kind {
        HitKind::Text => words.message,
        HitKind::Note => words.note,
        HitKind::Whisper => words.whisper,
        HitKind::Visitor => words.visitor,
    }
}

/// A hit's second row: the snippet made safe, the hit words styled, cut to the row ("…" at
/// its end); when the first hit word would fall past its end, the start is cut instead ("…"
/// before).
fn snippet(hit: &SearchHit, width: usize, theme: Theme<'_>) -> Line<'static> {
    let room = width.saturating_sub(INDENT);
    let mut pieces = sanitize_marked(&hit.snippet, &hit.marks);
    let to_first_end: usize = pieces
        .iter()
        .position(|(_, marked)| *marked)
        .map_or(0, |i| {
            pieces[..=i].iter().map(|(t, _)| wrap::width(t)).sum()
        });
    if to_first_end > room
        && let Some((text, false)) = pieces.first_mut()
    {
        *text = format!("…{}", lead_before_hit(text));
    }
    let mut spans = vec![Span::raw(" ".repeat(INDENT))];
    spans.extend(pieces.into_iter().map(|(text, marked)| {
        let style = if marked {
            theme.search_current()
        } else {
            Style::default()
        };
        Span::styled(text, style)
    }));
    // A snippet that goes on past the row reads as cut.
    fit_line_marked(Line::from(spans), width, theme.dim())
}

/// The last [`LEAD`] chars of the text before the first hit, from the start of a word where
/// one starts in them: a cut word's end reads as noise.
fn lead_before_hit(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.len().saturating_sub(LEAD);
    let mid_word = at > 0 && !chars[at - 1].is_whitespace();
    let kept = &chars[at..];
    let skip = match kept.iter().position(|c| c.is_whitespace()) {
        Some(i) if mid_word => i + 1,
        _ => 0,
    };
    kept[skip..].iter().collect()
}

/// The end of `text` that fits in `columns` ("…" first when cut).
fn tail_to_width(text: &str, columns: usize) -> String {
    if wrap::width(text) <= columns {
        return text.to_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = wrap::width(c.encode_utf8(&mut [0; 4]));
        if used + w > columns {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    use super::lead_before_hit;

    #[test]
    fn the_lead_before_a_far_hit_starts_at_a_word() {
        // The last 12 chars are "тите купить ": the cut word goes.
        assert_eq!(
            lead_before_hit("Здравствуйте! Вы хотите купить "),
            "купить "
        );
        assert_eq!(
            lead_before_hit("Здравствуйте! Хочу купить "),
            "Хочу купить "
        );
        assert_eq!(lead_before_hit("Хочу "), "Хочу ", "short: all of it");
        // One long token: cut inside it, as nothing else would show.
        assert_eq!(
            lead_before_hit("https://example.com/catalog/"),
            "com/catalog/"
        );
        // The cut fell just after a blank: the word there is whole already.
        assert_eq!(lead_before_hit("один два три четыре"), "три четыре");
    }
}
