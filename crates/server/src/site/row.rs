//! A visitor's row on the on-site list: what it starts as, what a profile fills in, and the
//! bounds on its visitor-controlled texts.

use frontdesk_protocol::{Millis, PageView, SiteVisitor, VisitorProfile};

/// Longest texts kept in a row (characters): the list may have 20,000 rows, and the console
/// shows a cut row and one visitor's card. The store keeps the whole values.
pub const MAX_LINK: usize = 512;
pub const MAX_TEXT: usize = 200;

/// `text` cut to `max` characters.
pub fn bounded(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

pub fn bounded_opt(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| bounded(t, max))
}

/// A visitor who just arrived: no page reported yet.
pub fn new(visitor_id: i64, now: Millis) -> SiteVisitor {
    SiteVisitor {
        visitor_id,
        name: None,
        url: None,
        title: None,
        page_since: now,
        since: now,
        pages: 0,
        referrer: None,
        search_query: None,
        city: None,
        language: None,
        visits: 0,
        returning: false,
        chatting: false,
        invited: false,
    }
}

/// The fields a profile carries into the row (`row.chatting` already set: the open chat is
/// counted in `chats` and does not make the visitor a returning one).
pub fn refresh_profile(row: &mut SiteVisitor, profile: &VisitorProfile) {
    row.name = bounded_opt(profile.fields.name.as_deref(), MAX_TEXT);
    row.city = bounded_opt(profile.city.as_deref(), MAX_TEXT);
    row.language = bounded_opt(profile.language.as_deref(), MAX_TEXT);
    row.visits = profile.visits;
    row.returning = profile.visits > 1 || profile.chats > u32::from(row.chatting);
}

/// What `site_card` answers of a stored profile: the user agent and the page trail, their
/// texts cut as the rows' are.
pub fn card(profile: VisitorProfile) -> (Option<String>, Vec<PageView>) {
    let pages = profile
        .pages
        .into_iter()
        .map(|page| PageView {
            url: bounded(&page.url, MAX_LINK),
            title: bounded_opt(page.title.as_deref(), MAX_TEXT),
            referrer: bounded_opt(page.referrer.as_deref(), MAX_LINK),
            search_query: bounded_opt(page.search_query.as_deref(), MAX_TEXT),
            ts: page.ts,
        })
        .collect();
    (bounded_opt(profile.user_agent.as_deref(), MAX_LINK), pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_cut_like_the_rows() {
        let profile = VisitorProfile {
            user_agent: Some("u".repeat(5000)),
            pages: vec![PageView {
                url: "https://shop.example/".to_owned() + &"a".repeat(5000),
                title: Some("т".repeat(300)),
                referrer: None,
                search_query: Some("q".repeat(300)),
                ts: 7,
            }],
            ..VisitorProfile::default()
        };
        let (agent, pages) = card(profile);
        assert_eq!(agent.map(|a| a.len()), Some(MAX_LINK));
        assert_eq!(pages[0].url.chars().count(), MAX_LINK);
        assert_eq!(
            pages[0].title.as_deref().map(|t| t.chars().count()),
            Some(MAX_TEXT)
        );
        assert_eq!(
            pages[0].search_query.as_deref().map(str::len),
            Some(MAX_TEXT)
        );
        assert_eq!(pages[0].ts, 7);
    }

    #[test]
    fn texts_are_cut_on_character_boundaries() {
        assert_eq!(bounded("Казань", 3), "Каз");
        assert_eq!(bounded("abc", 5), "abc");
        assert_eq!(
            bounded_opt(Some(&"я".repeat(600)), MAX_LINK).map(|t| t.chars().count()),
            Some(512)
        );
    }
}
