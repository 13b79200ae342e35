//! Browser and operating system from a User-Agent string, for the visitor card.
//!
//! Only the names an operator cares about ("Chrome 140 · Windows 10/11"), by the tokens
//! browsers have sent for years; anything else shows as the raw string, cut short.

/// (browser, operating system), each `None` when not recognised.
pub fn describe(ua: &str) -> (Option<String>, Option<&'static str>) {
    (browser(ua), os(ua))
}

fn version_after<'a>(ua: &'a str, token: &str) -> Option<&'a str> {
    let rest = &ua[ua.find(token)? + token.len()..];
    let major = rest.split(['.', ' ', ';', ')']).next()?;
    (!major.is_empty() && major.bytes().all(|b| b.is_ascii_digit())).then_some(major)
}

fn browser(ua: &str) -> Option<String> {
    // Order matters: Edge, Opera and Yandex also say "Chrome", and Chrome also says "Safari".
    const BROWSERS: &[(&str, &str)] = &[
        ("YaBrowser/", "Yandex Browser"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ];
    BROWSERS
        .iter()
        .find_map(|(token, name)| version_after(ua, token).map(|v| format!("{name} {v}")))
}

fn os(ua: &str) -> Option<&'static str> {
    const SYSTEMS: &[(&str, &str)] = &[
        ("Windows NT 10.0", "Windows 10/11"),
        ("Windows NT 6.3", "Windows 8.1"),
        ("Windows NT 6.1", "Windows 7"),
        ("Windows", "Windows"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    SYSTEMS
        .iter()
        .find(|(token, _)| ua.contains(token))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
                "Chrome 140",
                "Windows 10/11",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
                "Firefox 140",
                "Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 YaBrowser/25.6.0.0 Safari/537.36",
                "Yandex Browser 25",
                "Windows 10/11",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
                "Safari 18",
                "iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36",
                "Chrome 139",
                "Android",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
                "Edge 140",
                "macOS",
            ),
        ];
        for (ua, browser, os) in cases {
            assert_eq!(describe(ua), (Some(browser.to_owned()), Some(os)), "{ua}");
        }
    }

    #[test]
    fn unknown_is_none() {
        assert_eq!(describe("curl/8.5.0"), (None, None));
        assert_eq!(describe(""), (None, None));
    }
}
