//! Automatic invitations: rules from `[invitations]` in the server's config, and when each
//! comes due for a visitor on the site.
//!
//! A page view checks the rules that do not depend on time (URL, visits, referrer, search)
//! and puts the matching ones on a deadline heap at `page opened + seconds_on_page`. Each
//! tick pops only what is due and checks it again (still on that page, not chatting, nothing
//! pending), so 20,000 visitors cost nothing between their page views: no tick scans them.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use frontdesk_protocol::{Millis, SiteVisitor};
use serde::{Deserialize, Serialize};

/// `[invitations]`: automatic invitations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InvitationsConfig {
    /// At most one automatic invitation per visitor in this many hours, whichever rule.
    pub once_per_hours: u32,
    pub rules: Vec<InvitationRule>,
}

impl Default for InvitationsConfig {
    fn default() -> Self {
        Self {
            once_per_hours: 24,
            rules: Vec::new(),
        }
    }
}

/// One rule: every condition given must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InvitationRule {
    /// Shown in the counters (`GET /api/invitations/stats`).
    pub name: String,
    /// The invitation's text, shown as the chosen operator's message.
    pub text: String,
    /// The page's URL: a glob where `*` is any run of characters (`https://shop.example/cart*`);
    /// empty: any page.
    pub url: String,
    /// Seconds on the same page.
    pub seconds_on_page: u32,
    /// This visit is at least the visitor's n-th (0 or 1: any).
    pub min_visits: u32,
    /// The visit's referrer contains this (case-insensitive); empty: any.
    pub referrer_contains: String,
    /// The visit's search query contains this (case-insensitive); empty: any.
    pub search_contains: String,
    /// The visitor's browser language starts with this (`en`, `ru`; case-insensitive);
    /// empty: any. A rule has one text: a site in two languages has a rule for each.
    pub language: String,
    /// Only while some operator is online.
    pub only_when_online: bool,
}

impl Default for InvitationRule {
    fn default() -> Self {
        Self {
            name: String::new(),
            text: String::new(),
            url: String::new(),
            seconds_on_page: 0,
            min_visits: 0,
            referrer_contains: String::new(),
            search_contains: String::new(),
            language: String::new(),
            only_when_online: true,
        }
    }
}

impl InvitationRule {
    /// The conditions that do not depend on time.
    pub fn matches(&self, row: &SiteVisitor) -> bool {
        let url = row.url.as_deref().unwrap_or_default();
        (self.url.is_empty() || glob(&self.url, url))
            && row.visits >= self.min_visits
            && contains(row.referrer.as_deref(), &self.referrer_contains)
            && contains(row.search_query.as_deref(), &self.search_contains)
            && (self.language.is_empty()
                || row
                    .language
                    .as_deref()
                    .is_some_and(|l| l.to_lowercase().starts_with(&self.language.to_lowercase())))
    }
}

fn contains(text: Option<&str>, needle: &str) -> bool {
    needle.is_empty() || text.is_some_and(|t| t.to_lowercase().contains(&needle.to_lowercase()))
}

/// `*` matches any run of characters (none too); everything else matches itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// What the rules remember of one visitor on the site.
#[derive(Debug, Default)]
pub struct VisitorRules {
    /// When the current page was opened: a deadline for an older page is stale.
    pub page_since: Option<Millis>,
    /// An automatic invitation was sent or refused during this stay: no more tries.
    pub done: bool,
}

impl VisitorRules {
    pub fn page_opened(&mut self, at: Millis) {
        self.page_since = Some(at);
    }
}

/// A rule that may come due for a visitor: (when, visitor, rule index, page opened at).
type Due = Reverse<(Millis, i64, usize, Millis)>;

/// Rule deadlines, soonest first.
#[derive(Debug, Default)]
pub struct Deadlines {
    heap: BinaryHeap<Due>,
}

impl Deadlines {
    /// A visitor opened a page at `at`: each rule that matches it comes due after its wait.
    pub fn page_opened(&mut self, rules: &[InvitationRule], row: &SiteVisitor, at: Millis) {
        for (index, rule) in rules.iter().enumerate() {
            if rule.matches(row) {
                let due = at + Millis::from(rule.seconds_on_page) * 1000;
                self.heap.push(Reverse((due, row.visitor_id, index, at)));
            }
        }
    }

    /// Everything due by `now`: (visitor, rule index, page opened at).
    pub fn due(&mut self, now: Millis) -> Vec<(i64, usize, Millis)> {
        let mut out = Vec::new();
        while let Some(Reverse((at, ..))) = self.heap.peek() {
            if *at > now {
                break;
            }
            if let Some(Reverse((_, visitor, rule, page))) = self.heap.pop() {
                out.push((visitor, rule, page));
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Drops the deadlines `keep` refuses (a page left since, a visitor gone): run when the
    /// heap has grown well past one deadline per visitor and rule, so a rule with a long wait
    /// cannot pile up one per page view.
    pub fn compact(&mut self, keep: impl Fn(i64, Millis) -> bool) {
        let heap = std::mem::take(&mut self.heap);
        self.heap = heap
            .into_vec()
            .into_iter()
            .filter(|Reverse((_, visitor, _, page))| keep(*visitor, *page))
            .collect();
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_runs_and_anchors_both_ends() {
        assert!(glob("https://s.example/cart*", "https://s.example/cart/2"));
        assert!(glob("*/pricing", "https://s.example/pricing"));
        assert!(glob("*cart*", "https://s.example/cart?x=1"));
        assert!(glob("https://s.example/", "https://s.example/"));
        assert!(!glob("https://s.example/", "https://s.example/x"));
        assert!(!glob("*/pricing", "https://s.example/pricing/x"));
        assert!(!glob("a*b*c", "a-c-b"));
        assert!(glob("a*b*c", "a-b-c"));
    }

    #[test]
    fn deadlines_come_due_in_order_and_only_once() {
        let rules = vec![
            InvitationRule {
                seconds_on_page: 30,
                ..InvitationRule::default()
            },
            InvitationRule {
                url: "*/cart".into(),
                ..InvitationRule::default()
            },
        ];
        let row = home_page_row();
        let mut deadlines = Deadlines::default();
        deadlines.page_opened(&rules, &row, 1000);
        assert_eq!(
            deadlines.len(),
            1,
            "the cart rule does not match the home page"
        );
        assert!(deadlines.due(30_999).is_empty());
        assert_eq!(deadlines.due(31_000), vec![(7, 0, 1000)]);
        assert!(deadlines.due(99_000).is_empty());
    }

    /// Visitor 7 on the home page since the start, one page seen this visit, a first visit.
    fn home_page_row() -> SiteVisitor {
        let mut row = crate::site::row::new(7, 0);
        row.url = Some("https://s.example/".into());
        row.pages = 1;
        row.visits = 1;
        row
    }

    #[test]
    fn a_language_rule_matches_the_browser_language_by_prefix() {
        let rule = InvitationRule {
            language: "en".into(),
            ..InvitationRule::default()
        };
        let mut row = crate::site::row::new(1, 0);
        assert!(!rule.matches(&row), "no language told");
        row.language = Some("en-GB".into());
        assert!(rule.matches(&row));
        row.language = Some("ru-RU".into());
        assert!(!rule.matches(&row));
    }

    #[test]
    fn compacting_keeps_only_the_deadlines_still_wanted() {
        let rules = vec![InvitationRule {
            seconds_on_page: 3600,
            ..InvitationRule::default()
        }];
        let mut row = home_page_row();
        let mut deadlines = Deadlines::default();
        for page in 0..100 {
            row.page_since = page;
            deadlines.page_opened(&rules, &row, page);
        }
        deadlines.compact(|visitor, page| visitor == 7 && page == 99);
        assert_eq!(deadlines.len(), 1);
        assert_eq!(deadlines.due(99 + 3_600_000), vec![(7, 0, 99)]);
    }
}
