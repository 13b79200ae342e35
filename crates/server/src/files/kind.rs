//! What a file is, read from its first bytes (`infer`): never from its name or the
//! browser's claim, so an HTML page named `photo.png` is HTML.

/// Kinds that may be allowed in `[files] allowed`, by the name `infer` gives them. SVG (it
/// can carry script), HTML and anything unrecognised are never among them.
pub const KNOWN: &[&str] = &[
    "png", "jpg", "gif", "webp", "pdf", "zip", "docx", "xlsx", "pptx", "odt", "ods",
];

/// How many first bytes are read before the kind is decided (enough for every kind above).
pub const SNIFF_BYTES: usize = 8192;

/// The allowed kinds, checked against [`KNOWN`] at start.
#[derive(Debug, Clone)]
pub struct Kinds(Vec<String>);

impl Kinds {
    pub fn new(allowed: &[String]) -> Result<Self, String> {
        let mut kinds = Vec::new();
        for kind in allowed {
            let kind = kind.trim().to_ascii_lowercase();
            if !KNOWN.contains(&kind.as_str()) {
                return Err(format!(
                    "[files] allowed: unknown kind `{kind}`; the kinds are {}",
                    KNOWN.join(", ")
                ));
            }
            kinds.push(kind);
        }
        Ok(Self(kinds))
    }

    /// The mime type of `head` (a file's first bytes) when it is of an allowed kind.
    pub fn check(&self, head: &[u8]) -> Result<&'static str, String> {
        let found = infer::get(head);
        match found {
            Some(t) if self.0.iter().any(|k| k == t.extension()) => Ok(t.mime_type()),
            _ => Err(format!(
                "this kind of file is not accepted{}; allowed: {}",
                found.map_or_else(String::new, |t| format!(" ({})", t.extension())),
                self.names()
            )),
        }
    }

    /// "png, jpg, …" for messages.
    pub fn names(&self) -> String {
        self.0.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Kinds {
        Kinds::new(&crate::config::FilesConfig::default().allowed).expect("default kinds")
    }

    #[test]
    fn images_and_pdf_by_their_bytes() {
        let kinds = defaults();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(kinds.check(png), Ok("image/png"));
        assert_eq!(kinds.check(b"%PDF-1.7\n"), Ok("application/pdf"));
        assert_eq!(kinds.check(b"\xff\xd8\xff\xe0\0\x10JFIF"), Ok("image/jpeg"));
    }

    #[test]
    fn markup_and_unknown_bytes_are_refused() {
        let kinds = defaults();
        for hostile in [
            &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
            b"<html><body onload=alert(1)>",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            b"<svg onload=alert(1)>",
            b"just some text",
            b"",
        ] {
            let refused = kinds.check(hostile).expect_err("refused");
            assert!(refused.contains("png, jpg, gif, webp, pdf"), "{refused}");
        }
    }

    #[test]
    fn an_unknown_kind_in_the_config_is_an_error() {
        assert!(Kinds::new(&["svg".to_owned()]).is_err());
        assert!(Kinds::new(&["html".to_owned()]).is_err());
        assert!(Kinds::new(&["ZIP".to_owned()]).is_ok());
    }
}
