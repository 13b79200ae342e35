//! "On the site now": visitors connected to the widget, as operators watching see them.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// One visitor with at least one open widget socket (or closed within a few seconds: a
/// page load in the same tab reconnects). Every text field is visitor-controlled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteVisitor {
    pub visitor_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The page open now (absent until the widget reports one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the current page was opened.
    pub page_since: Millis,
    /// When this stay on the site began (the first socket).
    pub since: Millis,
    /// Pages opened during this stay.
    pub pages: u32,
    /// Referrer of the visit's first external page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub visits: u32,
    /// More than one visit, or an earlier chat.
    pub returning: bool,
    /// The visitor has an open (waiting or active) chat.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chatting: bool,
    /// An invitation is shown to the visitor and not yet answered or dismissed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub invited: bool,
}
