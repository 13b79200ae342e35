//! The visitor card as a strip above the dialog, on a screen too narrow to set it beside
//! (80x24 gives it six rows or fewer). One value a row left most of the card out of sight,
//! the e-mail and phone the visitor typed into the form among it. Here the name and visits
//! share the first row, and every known value follows, most telling first (how to reach them,
//! the page they are on, their city, the rest of the form, how they came, their browser),
//! side by side wherever the next one still fits the row. A value not known is left out:
//! there is no row to say so.

use ratatui::text::{Line, Span};

use super::{
    Theme, agent, city, clean, customer, field, form_label, is_city_key, page_label, visits,
};
use crate::app::State;
use crate::app::state::ChatView;
use crate::i18n::CardLabels;

/// Between two values on one row.
const GAP: &str = " · ";

/// The strip's lines for `width` columns; a value wider than a row has one to itself (cut).
pub(super) fn lines<'a>(
    state: &State,
    chat: &ChatView,
    l: &'a CardLabels,
    theme: Theme<'_>,
    width: usize,
) -> Vec<Line<'a>> {
    let name = Line::styled(chat.label.clone(), theme.header());
    let mut rows = pack([name, visits(&chat.visitor, l, theme)], width, theme);
    rows.extend(pack(known_values(state, chat, l, theme), width, theme));
    rows
}

/// The known values as labelled lines, in the strip's order.
fn known_values<'a>(
    state: &State,
    chat: &ChatView,
    l: &'a CardLabels,
    theme: Theme<'_>,
) -> Vec<Line<'a>> {
    let v = &chat.visitor;
    let f = &v.fields;
    let now_on = v.pages.last().map(|p| match p.title.as_deref() {
        Some(title) => format!("{} · {}", clean(title), clean(&p.url)),
        None => clean(&p.url),
    });
    let mut values: Vec<Option<Line<'a>>> = (v.customer_id.iter())
        .map(|id| Some(customer(id, l, theme)))
        .collect();
    values.extend([
        labelled(l.email, f.email.as_deref().map(clean), theme),
        labelled(l.phone, f.phone.as_deref().map(clean), theme),
        labelled(page_label(chat, l), now_on, theme),
        labelled(l.place, city(v, l), theme),
        labelled(l.department, f.department.as_deref().map(clean), theme),
    ]);
    values.extend(
        f.extra
            .iter()
            .filter(|(key, _)| !is_city_key(key))
            .map(|(key, value)| labelled(&form_label(state, key), Some(clean(value)), theme)),
    );
    values.extend([
        labelled(l.search, v.search_query.as_deref().map(clean), theme),
        // No referrer is a fact too: the visitor came directly.
        labelled(
            l.referrer,
            Some(
                v.referrer
                    .as_deref()
                    .map_or_else(|| l.direct.to_owned(), clean),
            ),
            theme,
        ),
        labelled(l.browser, agent(v), theme),
        labelled(l.language, v.language.as_deref().map(clean), theme),
        labelled(
            l.chat_started,
            Some(state.clock_time(chat.chat.created_at)),
            theme,
        ),
    ]);
    values.into_iter().flatten().collect()
}

/// "Label: value", or nothing when the value is not known.
fn labelled(label: &str, value: Option<String>, theme: Theme<'_>) -> Option<Line<'static>> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| field(label, Some(v), "", theme))
}

/// `items` in order, each on the row before it when both fit `width` with the gap between.
fn pack<'a>(
    items: impl IntoIterator<Item = Line<'a>>,
    width: usize,
    theme: Theme<'_>,
) -> Vec<Line<'a>> {
    let gap = Span::styled(GAP, theme.dim());
    let mut rows: Vec<Line<'a>> = Vec::new();
    for item in items.into_iter().map(own_style) {
        match rows.last_mut() {
            Some(row) if row.width() + gap.width() + item.width() <= width => {
                row.spans.push(gap.clone());
                row.spans.extend(item.spans);
            }
            _ => rows.push(item),
        }
    }
    rows.into_iter()
        .map(|row| crate::ui::columns::fit_line_marked(row, width, theme.dim()))
        .collect()
}

/// The line's own style moved onto its spans, so it stays theirs on a shared row.
fn own_style(line: Line<'_>) -> Line<'_> {
    let style = line.style;
    Line::from(
        line.spans
            .into_iter()
            .map(|span| {
                let patched = style.patch(span.style);
                span.style(patched)
            })
            .collect::<Vec<_>>(),
    )
}
