//! File names: the sender's, kept as text (never a path on the server), and the
//! `Content-Disposition` a download is sent with.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 255;

/// The name given in an upload's `X-File-Name` header (percent-encoded UTF-8): its last path
/// component, without control characters, at most [`MAX_NAME_CHARS`]; "file" when nothing
/// is left. It is still hostile text for whoever shows it.
pub fn from_header(raw: Option<&str>) -> String {
    let decoded = raw
        .map(|r| percent_decode_str(r).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    let last = decoded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect::<String>();
    let name = last.trim();
    if name.is_empty() || name == "." || name == ".." {
        "file".to_owned()
    } else {
        name.to_owned()
    }
}

/// RFC 8187 `attr-char`: everything else is percent-encoded.
const ATTR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback with anything
/// doubtful as `_`, and the exact name encoded.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '/' | ';' | '%') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, ATTR)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_text_not_paths() {
        assert_eq!(
            from_header(Some("%D1%84%D0%BE%D1%82%D0%BE.png")),
            "фото.png"
        );
        assert_eq!(from_header(Some("..%2F..%2Fetc%2Fpasswd")), "passwd");
        assert_eq!(from_header(Some("C:%5Cx%5Cy.pdf")), "y.pdf");
        assert_eq!(from_header(Some("a%0D%0Ab%1B[31m.png")), "ab[31m.png");
        assert_eq!(from_header(Some("..")), "file");
        assert_eq!(from_header(None), "file");
        assert_eq!(
            from_header(Some(&"x".repeat(10_000))).chars().count(),
            MAX_NAME_CHARS
        );
    }

    #[test]
    fn disposition_has_a_safe_fallback_and_the_exact_name() {
        assert_eq!(
            content_disposition("счёт \"1\";.pdf"),
            "attachment; filename=\"____ _1__.pdf\"; \
             filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%20%221%22%3B.pdf"
        );
    }
}
