//! The library that ships with the console (`canned_replies/` in the source tree), embedded so
//! an installed console has it. A test keeps this list equal to the folder's files.

/// `(name, text)` of a shipped file; the name is relative to the source tree's
/// `canned_replies/`.
macro_rules! ship {
    ($name:literal) => {
        ($name, include_str!(concat!("../../canned_replies/", $name)))
    };
}

/// Reply files that ship, by language then name.
const FILES: [(&str, &str); 38] = [
    ship!("en/angry.md"),
    ship!("en/ask_name.md"),
    ship!("en/closing.md"),
    ship!("en/defective.md"),
    ship!("en/delivery.md"),
    ship!("en/exception_refused.md"),
    ship!("en/feature_declined.md"),
    ship!("en/find_out.md"),
    ship!("en/greeting.md"),
    ship!("en/offline_answer.md"),
    ship!("en/one_moment.md"),
    ship!("en/order_status.md"),
    ship!("en/out_of_stock.md"),
    ship!("en/page_link.md"),
    ship!("en/payment.md"),
    ship!("en/returns.md"),
    ship!("en/tone_warning.md"),
    ship!("en/transfer.md"),
    ship!("en/welcome_back.md"),
    ship!("ru/angry.md"),
    ship!("ru/ask_name.md"),
    ship!("ru/closing.md"),
    ship!("ru/defective.md"),
    ship!("ru/delivery.md"),
    ship!("ru/exception_refused.md"),
    ship!("ru/feature_declined.md"),
    ship!("ru/find_out.md"),
    ship!("ru/greeting.md"),
    ship!("ru/offline_answer.md"),
    ship!("ru/one_moment.md"),
    ship!("ru/order_status.md"),
    ship!("ru/out_of_stock.md"),
    ship!("ru/page_link.md"),
    ship!("ru/payment.md"),
    ship!("ru/returns.md"),
    ship!("ru/tone_warning.md"),
    ship!("ru/transfer.md"),
    ship!("ru/welcome_back.md"),
];

/// Every shipped file as `(shown name, text)`, shown as `canned_replies/<lang>/<file>`.
pub fn files() -> Vec<(String, String)> {
    FILES
        .iter()
        .map(|(name, text)| (format!("{}/{name}", super::DIR), (*text).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_every_file_of_the_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::super::DIR);
        let (on_disk, problems) = crate::canned::library::read_dir(&root);
        assert!(problems.is_empty(), "{problems:?}");
        let mut on_disk: Vec<String> = on_disk
            .iter()
            .map(|(path, _)| {
                let rel = std::path::Path::new(path)
                    .strip_prefix(&root)
                    .expect("inside");
                rel.display().to_string()
            })
            .collect();
        on_disk.sort();
        let listed: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(listed, on_disk, "update FILES in src/canned/shipped.rs");
    }

    #[test]
    fn the_tone_warning_is_one_key_away_and_never_sent_by_itself() {
        let loaded = crate::canned::library::parse_files(&files());
        let hotkeys = loaded.library.hotkeys();
        assert!(
            hotkeys
                .iter()
                .any(|(k, id)| *k == "alt-w" && *id == "tone_warning"),
            "{hotkeys:?}"
        );
        let mut keymap = crate::keymap::Keymap::builtin();
        assert!(
            keymap.bind_replies(&hotkeys).is_empty(),
            "no shipped hotkey clashes"
        );
        let warnings = loaded
            .library
            .replies
            .iter()
            .filter(|r| r.id == "tone_warning");
        assert!(warnings.clone().count() == 2 && warnings.clone().all(|r| !r.send));
    }
}
