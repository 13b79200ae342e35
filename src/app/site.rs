//! The rows of "On the site now": visitors not chatting, filtered by what was typed, sorted.

use frontdesk_protocol::SiteVisitor;

use super::State;
use super::state::SiteSort;

/// The rows shown, in order.
pub fn site_rows(state: &State) -> Vec<&SiteVisitor> {
    let view = &state.site;
    let needle = view.filter.trim().to_lowercase();
    let mut rows: Vec<&SiteVisitor> = view
        .visitors
        .values()
        .filter(|v| !v.chatting && (needle.is_empty() || matches(v, &needle)))
        .collect();
    match view.sort {
        SiteSort::TimeOnSite => rows.sort_by_key(|v| (v.since, v.visitor_id)),
        SiteSort::TimeOnPage => rows.sort_by_key(|v| (v.page_since, v.visitor_id)),
        SiteSort::Visits => rows.sort_by_key(|v| (std::cmp::Reverse(v.visits), v.since)),
    }
    rows
}

fn matches(v: &SiteVisitor, needle: &str) -> bool {
    [
        v.url.as_deref(),
        v.title.as_deref(),
        v.referrer.as_deref(),
        v.search_query.as_deref(),
        v.city.as_deref(),
        v.name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| text.to_lowercase().contains(needle))
}

/// Where the cursor is among `rows` (the first row when its visitor is not shown).
pub fn site_cursor(state: &State, rows: &[&SiteVisitor]) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    Some(
        state
            .site
            .cursor
            .and_then(|id| rows.iter().position(|r| r.visitor_id == id))
            .unwrap_or(0),
    )
}
