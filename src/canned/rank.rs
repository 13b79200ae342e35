//! The picker's order. With a query: replies that match it fuzzily (nucleo) over title, tags,
//! `/shortcut` and text, best score first (a match in the title counts extra), then the most
//! used. With no query: the most used first. Ties go to the preferred languages (visitor's,
//! then the interface's), then to library order.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::library::Library;
use super::usage::Usage;

/// Indexes into `library.replies`, best first; only matching replies when `query` is not empty.
pub fn rank(library: &Library, usage: &Usage, query: &str, langs: &[&str]) -> Vec<usize> {
    let lang_rank = |lang: &str| langs.iter().position(|l| *l == lang).unwrap_or(langs.len());
    let used = |i: usize| usage.get(&library.replies[i].id).copied().unwrap_or(0);
    let query = query.trim();
    let mut scored: Vec<(usize, u32)> = if query.is_empty() {
        (0..library.replies.len()).map(|i| (i, 0)).collect()
    } else {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let mut score = |text: &str| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher);
        library
            .replies
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let all = format!(
                    "{} {} /{} {} {}",
                    r.title,
                    r.tags.join(" "),
                    r.shortcut,
                    r.body,
                    r.detail.as_deref().unwrap_or_default()
                );
                let total = score(&all)?;
                Some((i, total + score(&r.title).unwrap_or(0)))
            })
            .collect()
    };
    scored.sort_by_key(|&(i, score)| {
        (
            std::cmp::Reverse(score),
            std::cmp::Reverse(used(i)),
            lang_rank(&library.replies[i].lang),
            i,
        )
    });
    scored.into_iter().map(|(i, _)| i).collect()
}

/// Replies whose `/shortcut` starts with `prefix`, most used first (then preferred language),
/// one per shortcut.
pub fn shortcuts(library: &Library, usage: &Usage, prefix: &str, langs: &[&str]) -> Vec<usize> {
    let ranked = rank(library, usage, "", langs);
    let mut seen: Vec<&str> = Vec::new();
    ranked
        .into_iter()
        .filter(|&i| {
            let shortcut = library.replies[i].shortcut.as_str();
            let fresh = shortcut.starts_with(prefix) && !seen.contains(&shortcut);
            if fresh {
                seen.push(shortcut);
            }
            fresh
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/rank.rs"]
mod tests;
