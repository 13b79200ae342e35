//! A name a visitor gave a file, made safe to create in the downloads folder: one plain
//! component, whatever the name held (`../../.bashrc`, `/etc/passwd`, `C:\x`, escape
//! sequences, bidi tricks, `CON`, 10 KB of text).

/// Longest name most file systems take, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 255;

/// Longest extension kept apart when a name is cut.
const MAX_EXTENSION_BYTES: usize = 16;

/// Names Windows keeps for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters that change how text is shown without being seen: bidi controls and
/// zero-width characters.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// The last path component of `name`, without control, bidi and zero-width characters, with
/// `: * ? " < > |` as `_`, no leading dots, no trailing dots or spaces, not a reserved device
/// name, at most [`MAX_NAME_BYTES`] keeping the extension; "file" when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !invisible(*c))
        .map(|c| match c {
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .collect();
    let trimmed = kept
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        return "file".to_owned();
    }
    let stem = trimmed.split('.').next().unwrap_or_default().trim_end();
    let named = if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        format!("_{trimmed}")
    } else {
        trimmed.to_owned()
    };
    fit(&named, "")
}

/// `name` with `suffix` (" (2)") before its extension, cut to [`MAX_NAME_BYTES`].
pub fn fit(name: &str, suffix: &str) -> String {
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_EXTENSION_BYTES + 1 => name.split_at(dot),
        _ => (name, ""),
    };
    let room = MAX_NAME_BYTES.saturating_sub(extension.len() + suffix.len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    let stem = stem[..cut].trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}{suffix}{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_one_plain_component() {
        for (given, want) in [
            ("../../.bashrc", "bashrc"),
            ("/etc/passwd", "passwd"),
            ("C:\\x", "x"),
            ("C:evil.png", "C_evil.png"),
            ("a\u{202E}gnp.exe", "agnp.exe"),
            ("\u{1b}[31mred.pdf", "[31mred.pdf"),
            ("CON", "_CON"),
            ("nul.txt", "_nul.txt"),
            ("com1 .tar.gz", "_com1 .tar.gz"),
            (".", "file"),
            ("..", "file"),
            ("", "file"),
            ("a\0b.png", "ab.png"),
            ("zero\u{200B}width\u{FEFF}.png", "zerowidth.png"),
            ("trailing. . ", "trailing"),
            ("фото заказа.png", "фото заказа.png"),
        ] {
            assert_eq!(clean_file_name(given), want, "{given:?}");
        }
    }

    #[test]
    fn long_names_are_cut_on_a_char_keeping_the_extension() {
        let long = format!("{}.pdf", "я".repeat(5000));
        let clean = clean_file_name(&long);
        assert!(clean.len() <= MAX_NAME_BYTES, "{}", clean.len());
        assert!(clean.ends_with("я.pdf"));
        let numbered = fit(&clean, " (12)");
        assert!(numbered.len() <= MAX_NAME_BYTES);
        assert!(numbered.ends_with(" (12).pdf"));
    }
}
