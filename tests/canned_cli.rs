//! `frontdesk canned check` as a user runs it: the real binary, its exit code, and
//! `file:line: message` lines on standard output.

use std::path::Path;
use std::process::{Command, Output};

fn check(config_dir: &Path, path: Option<&Path>) -> Output {
    let data = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.args(["canned", "check"])
        .env("FRONTDESK_CONFIG_DIR", config_dir)
        .env("FRONTDESK_DATA_DIR", data.path());
    if let Some(path) = path {
        cmd.arg(path);
    }
    cmd.output().expect("run frontdesk")
}

fn lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn the_shipped_library_passes() {
    let config = tempfile::tempdir().expect("tempdir");
    let out = check(config.path(), None);
    assert!(out.status.success(), "{out:?}");
    assert!(lines(&out).is_empty(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("38 replies, no problems"), "{said}");
    // The source tree's folder, given as PATH, passes as well.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("canned_replies");
    assert!(check(config.path(), Some(&shipped)).status.success());
}

/// Its closing word on a stderr that is gone (`2>&-`, a pipe whose reader left) is lost, not a
/// panic: the check still passes (it was exit code 101).
#[test]
fn a_pass_on_a_gone_stderr_is_still_a_pass() {
    let config = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["canned", "check"])
        .env("FRONTDESK_CONFIG_DIR", config.path())
        .env("FRONTDESK_DATA_DIR", data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run frontdesk");
    drop(child.stderr.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn a_broken_library_fails_with_file_and_line() {
    let config = tempfile::tempdir().expect("tempdir");
    let lib = tempfile::tempdir().expect("tempdir");
    let en = lib.path().join("en");
    write(
        &en.join("a.md"),
        "+++\nid = \"a\"\ntitle = \"A\"\nlang = \"en\"\n+++\nHi {visiter.name}!\n",
    );
    write(
        &en.join("b.md"),
        "+++\nid = \"a\"\ntitle = \"B\"\nlang = \"en\"\n+++\nDup\n",
    );
    write(
        &en.join("c.md"),
        "+++\nid = \"c\"\ntitle = \"C\"\nlang = \"en\"\n+++\n\n",
    );
    write(&en.join("d.md"), "id = \"d\"\n");
    let out = check(config.path(), Some(lib.path()));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let shown = lines(&out);
    let at = |file: &str, line: usize, says: &str| {
        let head = format!("{}:{line}: ", en.join(file).display());
        assert!(
            shown
                .iter()
                .any(|l| l.starts_with(&head) && l.contains(says)),
            "no `{head}… {says}` in {shown:#?}"
        );
    };
    at("a.md", 6, "unknown placeholder `{visiter.name}`");
    at("b.md", 1, "duplicate id `a`");
    at("c.md", 6, "no text");
    at("d.md", 1, "+++");
    assert_eq!(shown.len(), 4, "{shown:#?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("4 problem(s)"), "{said}");
}

#[test]
fn the_user_library_is_checked_with_the_shipped_one_and_the_live_keymap() {
    let config = tempfile::tempdir().expect("tempdir");
    write(
        &config.path().join("keymap.toml"),
        "[keymap.global]\n\"alt-k\" = \"toggle_card\"\n",
    );
    let mine = config.path().join("canned_replies").join("en");
    write(
        &mine.join("k.md"),
        "+++\nid = \"k\"\ntitle = \"K\"\nlang = \"en\"\nhotkey = \"alt-k\"\n+++\nHi\n",
    );
    write(
        &mine.join("g.md"),
        "+++\nid = \"mine\"\ntitle = \"G\"\nlang = \"en\"\nhotkey = \"alt-g\"\n+++\nHi\n",
    );
    let out = check(config.path(), None);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let shown = lines(&out);
    let k = format!(
        "{}:5: hotkey `alt-k` is taken in the keymap",
        mine.join("k.md").display()
    );
    let g = format!(
        "{}:5: hotkey `alt-g` is also given to `greeting`",
        mine.join("g.md").display()
    );
    assert!(shown.iter().any(|l| l.starts_with(&k)), "{shown:#?}");
    assert!(shown.iter().any(|l| l.starts_with(&g)), "{shown:#?}");
}

#[test]
fn writing_rule_hits_in_a_user_library_are_reported_with_the_users_rules() {
    let config = tempfile::tempdir().expect("tempdir");
    write(
        &config.path().join("canned_replies/ru/stock.md"),
        "+++\nid = \"stock_check\"\ntitle = \"Наличие\"\nlang = \"ru\"\nshortcut = \"nal\"\n+++\nЩас проверю, я не знаю точно!!!\n",
    );
    let out = check(config.path(), None);
    assert!(!out.status.success(), "{out:?}");
    let shown = lines(&out);
    assert_eq!(
        shown,
        [
            "canned_replies/ru/stock.md:7: writing: slang or a chat abbreviation at `Щас` (instead: `сейчас`)",
            "canned_replies/ru/stock.md:7: writing: leaves the visitor with nothing at `не знаю` (instead: `уточню и вернусь с ответом`)",
            "canned_replies/ru/stock.md:7: writing: one mark is enough at `!!!` (instead: `!`)",
        ]
        .map(|l| l.replace("canned_replies/", &format!("{}/canned_replies/", config.path().display()))),
        "{out:?}"
    );
    // The user's writing.toml switches rules off for the check too.
    write(
        &config.path().join("writing.toml"),
        "[rules]\nslang = false\nbanned_phrases = false\nrepeated_punctuation = false\n",
    );
    let out = check(config.path(), None);
    assert!(out.status.success(), "{out:?}");
}
