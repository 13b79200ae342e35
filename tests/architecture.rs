//! The import rules of docs/ARCHITECTURE.md, checked on the source: the console's top-level
//! modules and the files of `app/update/` form no circle, and the pure libraries (`action`,
//! `canned`, `keymap`, `notify`) import nothing of `app`; the edges in `runtime/` name only
//! what `app` exports at its root. Test code is left out (tests may reach anywhere).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each `.rs` file below `dir`, without its `#[cfg(test)]` tail, with its path.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("entry").path();
        let name = path.to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.ends_with("/tests") {
                out.extend(sources(&path));
            }
        } else if name.ends_with(".rs")
            && !name.ends_with("tests.rs")
            && !name.ends_with("_test.rs")
        {
            let text = std::fs::read_to_string(&path).expect("source");
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .to_owned();
            out.push((name, code));
        }
    }
    out
}

/// Words that follow `prefix` in `code` (`crate::app::state` → `app` for `crate::`).
fn after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|p| p == n) {
            found.push(path[at..].to_vec());
            return;
        }
        if !done.insert(n.to_owned()) {
            return;
        }
        path.push(n.to_owned());
        for next in edges.get(n).into_iter().flatten() {
            walk(next, edges, path, done, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        walk(n, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

fn top_module(root: &Path, file: &str) -> String {
    let rel = file
        .trim_start_matches(&*root.to_string_lossy())
        .trim_start_matches('/');
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn the_console_modules_form_no_circle_and_libraries_import_nothing_of_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, code) in sources(&root) {
        let from = top_module(&root, &file);
        for to in after(&code, "crate::") {
            if to != from {
                edges.entry(from.clone()).or_default().insert(to.to_owned());
            }
        }
        if ["action", "canned", "keymap", "notify"].contains(&from.as_str()) {
            assert!(!code.contains("crate::app"), "{file} imports app");
        }
        if from == "runtime" {
            for inner in after(&code, "crate::app::") {
                assert!(
                    inner.starts_with(|c: char| c.is_uppercase()),
                    "{file} reaches into app::{inner}"
                );
            }
        }
    }
    assert_eq!(circles(&edges), Vec::<Vec<String>>::new());
}

#[test]
fn the_files_of_app_update_form_no_circle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app/update");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = sources(&dir);
    let names: BTreeSet<String> = files.iter().map(|(f, _)| top_module(&dir, f)).collect();
    for (file, code) in &files {
        let from = top_module(&dir, file);
        for to in after(code, "super::") {
            if to != from && names.contains(to) && to != "mod" {
                edges.entry(from.clone()).or_default().insert(to.to_owned());
            }
        }
    }
    assert!(edges.len() > 10, "the files were read: {edges:?}");
    assert_eq!(circles(&edges), Vec::<Vec<String>>::new());
}

#[test]
fn a_circle_is_found_when_there_is_one() {
    let edge = |a: &str, b: &str| (a.to_owned(), BTreeSet::from([b.to_owned()]));
    let ring = BTreeMap::from([edge("a", "b"), edge("b", "c"), edge("c", "a")]);
    assert_eq!(circles(&ring).len(), 1);
    let line = BTreeMap::from([edge("a", "b"), edge("b", "c")]);
    assert!(circles(&line).is_empty());
}
