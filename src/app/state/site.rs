//! "On the site now" (`toggle_site`): the visitors the server lists as having the widget open,
//! kept while the view watches (`watch_site`), the row under the cursor, the filter as typed,
//! the sort, and an invitation being written.

use std::collections::BTreeMap;

use frontdesk_protocol::{PageView, SiteVisitor};

/// What the rows are sorted by (alt-enter cycles).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SiteSort {
    /// Longest on the site first.
    #[default]
    TimeOnSite,
    /// Longest on the current page first.
    TimeOnPage,
    /// Most visits first.
    Visits,
}

impl SiteSort {
    pub fn next(self) -> Self {
        match self {
            Self::TimeOnSite => Self::TimeOnPage,
            Self::TimeOnPage => Self::Visits,
            Self::Visits => Self::TimeOnSite,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteView {
    pub open: bool,
    /// Every listed visitor by id (raw: drawing sanitizes), as of the last list and changes.
    pub visitors: BTreeMap<i64, SiteVisitor>,
    /// `site_part` rows held until the `site_list` that completes them.
    pub parts: Vec<SiteVisitor>,
    /// The visitor under the cursor, so it stays on them as rows move.
    pub cursor: Option<i64>,
    /// Typed: rows whose page, title, referrer, search, city or name contain it.
    pub filter: String,
    pub sort: SiteSort,
    /// The invitation being written for the visitor under the cursor (Enter sends it).
    pub invite: Option<String>,
    /// The card opened with Enter; it follows the cursor until esc closes it.
    pub card: Option<SiteCard>,
}

/// The opened card's visitor and what the server told of them (`site_card`), raw: drawing
/// sanitizes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteCard {
    pub visitor_id: i64,
    /// `None` until the answer comes.
    pub details: Option<CardDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardDetails {
    pub user_agent: Option<String>,
    /// Oldest first, as the server sends them.
    pub pages: Vec<PageView>,
}
