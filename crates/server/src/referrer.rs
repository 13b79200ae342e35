//! Reading the search query out of a search engine's referrer URL.

use url::Url;

/// Query parameters that carry the search text, per engine host fragment.
const ENGINES: &[(&str, &str)] = &[
    ("google.", "q"),
    ("yandex.", "text"),
    ("ya.ru", "text"),
    ("bing.com", "q"),
    ("duckduckgo.com", "q"),
    ("go.mail.ru", "q"),
    ("search.yahoo.", "p"),
    ("baidu.com", "wd"),
    ("rambler.ru", "query"),
];

/// The search text in a search engine referrer, if any.
pub fn search_query(referrer: &str) -> Option<String> {
    let url = Url::parse(referrer).ok()?;
    let host = url.host_str()?;
    let (_, param) = ENGINES.iter().find(|(h, _)| host.contains(h))?;
    url.query_pairs()
        .find(|(k, _)| k == param)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether the referrer is a page of the same site (navigation, not arrival).
pub fn same_site(referrer: &str, page: &str) -> bool {
    match (Url::parse(referrer), Url::parse(page)) {
        (Ok(r), Ok(p)) => r.host_str().is_some() && r.host_str() == p.host_str(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines() {
        assert_eq!(
            search_query("https://yandex.ru/search/?text=%D1%87%D0%B0%D0%B9%D0%BD%D0%B8%D0%BA+%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C&lr=213").as_deref(),
            Some("чайник купить")
        );
        assert_eq!(
            search_query("https://www.google.com/search?q=electric+kettle").as_deref(),
            Some("electric kettle")
        );
        assert_eq!(search_query("https://shop.example/?q=x"), None);
        assert_eq!(search_query("not a url"), None);
        assert_eq!(search_query("https://www.google.com/"), None);
    }

    #[test]
    fn same_site_navigation() {
        assert!(same_site(
            "https://shop.example/a",
            "https://shop.example/b"
        ));
        assert!(!same_site("https://yandex.ru/", "https://shop.example/b"));
    }
}
