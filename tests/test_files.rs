//! Every integration test file runs. Cargo finds no test binaries by itself here
//! (`autotests = false`), so a test file nobody declared would never be compiled: each file
//! at the top of a crate's `tests/` and each `tests/<folder>/main.rs` must be a module of that
//! crate's `tests/integration.rs` or a `[[test]]` of its `Cargo.toml`.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn undeclared(crate_dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    let root = std::fs::read_to_string(crate_dir.join("tests/integration.rs")).unwrap();
    let tests = crate_dir.join("tests");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (stem, test_path) = if path.is_dir() {
            if !path.join("main.rs").exists() {
                continue; // shared code (`common/`) or test data
            }
            (name.clone(), format!("tests/{name}/main.rs"))
        } else if let Some(stem) = name.strip_suffix(".rs") {
            (stem.to_owned(), format!("tests/{name}"))
        } else {
            continue;
        };
        let as_module = root.contains(&format!("\nmod {stem};"));
        let as_binary = manifest.contains(&format!("path = \"{test_path}\""));
        if !(as_module || as_binary || stem == "integration") {
            missing.push(test_path);
        }
    }
    missing
}

#[test]
fn every_test_file_is_a_module_or_a_test_binary() {
    let console = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [console.to_path_buf(), console.join("crates/server")] {
        let missing = undeclared(&dir);
        assert!(
            missing.is_empty(),
            "{}: test files that never run: {missing:?}",
            dir.display()
        );
    }
}
