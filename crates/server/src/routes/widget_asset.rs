//! The widget's script and styles as served: made once at start from the sources compiled into
//! the binary, without their comments and indentation, gzipped once, with an `ETag`. Every
//! page of a site loads them, so a browser gets the compressed bytes when it says it takes
//! them, and a `304` when its copy is still the current one.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Short enough that a changed config or a new version reaches visitors within minutes; the
/// `ETag` makes the check after that a few bytes.
const CACHE: &str = "public, max-age=300";

/// Which comments a source has: the script's `//` lines and `/* */` blocks, or the styles'
/// blocks alone (`//` starts no comment in CSS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    Script,
    Styles,
}

/// One file as served: its bytes plain and gzipped, its type and its tag.
pub struct Asset {
    plain: Vec<u8>,
    gzip: Vec<u8>,
    content_type: &'static str,
    etag: HeaderValue,
}

impl Asset {
    pub fn new(source: &str, comments: Comments, content_type: &'static str) -> Self {
        let plain = compact(source, comments).into_bytes();
        let digest = Sha256::digest(&plain);
        let etag = format!("\"{}\"", crate::auth::hex(&digest[..12]));
        Self {
            gzip: gzip(&plain),
            plain,
            content_type,
            etag: HeaderValue::from_str(&etag).expect("hex digits are a header value"),
        }
    }

    /// The answer to a `GET` with `request`'s headers.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let common = [
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE)),
            (header::ETAG, self.etag.clone()),
            (header::VARY, HeaderValue::from_static("Accept-Encoding")),
        ];
        if has_tag(request, &self.etag) {
            return (StatusCode::NOT_MODIFIED, common).into_response();
        }
        let content_type = [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        )];
        if takes_gzip(request) {
            let encoding = [(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"))];
            (common, content_type, encoding, self.gzip.clone()).into_response()
        } else {
            (common, content_type, self.plain.clone()).into_response()
        }
    }
}

/// The source without whole-line comments, indentation and blank lines. Line breaks stay
/// where they were, so automatic semicolons and every statement read as written; a comment
/// after code on its line stays (telling it from `//` in a string takes a parser).
pub fn compact(source: &str, comments: Comments) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_block = false;
    for line in source.lines() {
        let mut rest = line.trim();
        if in_block {
            match rest.find("*/") {
                Some(end) => {
                    in_block = false;
                    rest = rest[end + 2..].trim_start();
                }
                None => continue,
            }
        } else if rest.starts_with("/*") {
            match rest.find("*/") {
                Some(end) if rest[end + 2..].trim().is_empty() => continue,
                Some(_) => {}
                None => {
                    in_block = true;
                    continue;
                }
            }
        }
        if rest.is_empty() || (comments == Comments::Script && rest.starts_with("//")) {
            continue;
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("writing into memory does not fail")
}

/// `If-None-Match` names this tag (or `*`).
fn has_tag(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(etag) = etag.to_str().ok() else {
        return false;
    };
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// `Accept-Encoding` lists `gzip` (or `*`) without `q=0`.
fn takes_gzip(request: &HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_and_code_stays_line_by_line() {
        let source = "  // a comment\n  var a = 1; // kept: after code\n\n  /** one\n   *  two */\n  var b = '//x' /* c */;\n  /* x */ call();\n  var c = a\n    * b;\n";
        assert_eq!(
            compact(source, Comments::Script),
            "var a = 1; // kept: after code\nvar b = '//x' /* c */;\n/* x */ call();\nvar c = a\n* b;\n"
        );
        let styles = "/* top */\n.a{x:1}\n/* a\n   b */ .b{y:2}\n//.c{}\n";
        assert_eq!(
            compact(styles, Comments::Styles),
            ".a{x:1}\n.b{y:2}\n//.c{}\n"
        );
    }

    #[test]
    fn gzip_only_when_taken_and_a_known_tag_is_not_modified() {
        let asset = Asset::new("var a = 1;\n", Comments::Script, "text/javascript");
        let ask = |pairs: &[(header::HeaderName, &str)]| {
            let mut h = HeaderMap::new();
            for (name, value) in pairs {
                h.append(name.clone(), HeaderValue::from_str(value).unwrap());
            }
            asset.respond(&h)
        };
        let enc = |r: &Response| r.headers().get(header::CONTENT_ENCODING).cloned();
        assert_eq!(enc(&ask(&[])), None);
        let gz = ask(&[(header::ACCEPT_ENCODING, "br, gzip;q=0.8")]);
        assert_eq!(enc(&gz), Some(HeaderValue::from_static("gzip")));
        assert_eq!(
            enc(&ask(&[(header::ACCEPT_ENCODING, "gzip;q=0, br")])),
            None
        );
        assert_eq!(enc(&ask(&[(header::ACCEPT_ENCODING, "identity")])), None);
        let tag = gz.headers()[header::ETAG].to_str().unwrap().to_owned();
        let again = ask(&[(header::IF_NONE_MATCH, &format!("\"old\", W/{tag}"))]);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let other = ask(&[(header::IF_NONE_MATCH, "\"old\"")]);
        assert_eq!(other.status(), StatusCode::OK);
    }
}
