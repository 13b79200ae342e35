//! Tab after `:send `: the typed path completed from the file system (`~/` means home),
//! as far as the names that match agree; a folder gets its `/`. Reads one directory.

use std::path::{Path, PathBuf};

use crate::app::Event;

/// The event that answers a completion of `typed`.
pub fn complete(typed: &str) -> Event {
    Event::PathCompleted {
        typed: typed.to_owned(),
        completed: completion(typed, home().as_deref()),
    }
}

fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// `typed` extended by what every matching entry shares; `None` when nothing matches.
pub fn completion(typed: &str, home: Option<&Path>) -> Option<String> {
    let (folder, prefix) = match typed.rfind('/') {
        Some(at) => (&typed[..=at], &typed[at + 1..]),
        None => ("", typed),
    };
    let listed = match (folder.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if folder.is_empty() => PathBuf::from("."),
        _ => PathBuf::from(folder),
    };
    let mut names: Vec<(String, bool)> = std::fs::read_dir(listed)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let hidden_ok = prefix.starts_with('.') || !name.starts_with('.');
            (name.starts_with(prefix) && hidden_ok).then(|| (name, e.path().is_dir()))
        })
        .collect();
    names.sort();
    let (first, _) = names.first()?;
    let shared = names.iter().fold(first.clone(), |acc, (name, _)| {
        acc.chars()
            .zip(name.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    let slash = if names.len() == 1 && names[0].1 {
        "/"
    } else {
        ""
    };
    Some(format!("{folder}{shared}{slash}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn completes_names_folders_and_the_home_folder() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        std::fs::create_dir(base.join("scans")).unwrap();
        std::fs::write(base.join("invoice-1043.pdf"), b"x").unwrap();
        std::fs::write(base.join("invoice-1044.pdf"), b"x").unwrap();
        std::fs::write(base.join(".hidden"), b"x").unwrap();
        let at = |rest: &str| format!("{}/{rest}", base.display());
        assert_eq!(completion(&at("sc"), None), Some(at("scans/")));
        assert_eq!(completion(&at("inv"), None), Some(at("invoice-104")));
        assert_eq!(
            completion(&at("invoice-1043"), None),
            Some(at("invoice-1043.pdf"))
        );
        assert_eq!(completion(&at("nothing"), None), None);
        assert_eq!(completion(&at("."), None), Some(at(".hidden")));
        assert_eq!(completion("~/sc", Some(base)), Some("~/scans/".into()));
    }
}
