//! `frontdesk completions SHELL`: a script that makes bash offer the real subcommands and
//! option values, printed without touching the data folder or the log, and a reader that
//! stops early is no error.

use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "../crates/server/tests/common/bash_completion.rs"]
mod bash_completion;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

fn completions(shell: &str, data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.args(["completions", shell])
        .env("FRONTDESK_DATA_DIR", data_dir)
        .env("FRONTDESK_CONFIG_DIR", data_dir.join("config"))
        .stdin(Stdio::null());
    cmd
}

fn output(mut cmd: Command) -> Output {
    let out = cmd.output().expect("frontdesk runs");
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The words offered, options left out, in order.
fn sorted(words: Vec<String>) -> Vec<String> {
    let mut words: Vec<String> = words.into_iter().filter(|w| !w.starts_with('-')).collect();
    words.sort();
    words
}

#[test]
fn bash_offers_the_subcommands_and_the_values_of_an_option() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data_dir = dir.path().join("data");
    let script = output(completions("bash", &data_dir)).stdout;
    // Printed at every shell's start: neither the data folder nor a log file is made.
    assert!(!data_dir.exists(), "the data folder was created");

    let offered = |words: &[&str]| bash_completion::offered(&script, "frontdesk", words);
    assert_eq!(offered(&["frontdesk", "ex"]), ["export"]);
    assert_eq!(
        sorted(offered(&["frontdesk", "export", "--format", ""])),
        ["csv", "jsonl", "text"]
    );
    assert!(offered(&["frontdesk", "canned", ""]).contains(&"check".to_owned()));
    assert_eq!(sorted(offered(&["frontdesk", "completions", ""])), {
        let mut shells = SHELLS.map(str::to_owned).to_vec();
        shells.sort();
        shells
    });
    let top = offered(&["frontdesk", "--"]);
    for option in ["--server", "--help", "--version"] {
        assert!(top.contains(&option.to_owned()), "{option} not in {top:?}");
    }
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for shell in SHELLS {
        let script = String::from_utf8(output(completions(shell, dir.path())).stdout)
            .expect("a script in UTF-8");
        for word in ["frontdesk", "export", "tail", "autostart"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
}

#[test]
fn an_unknown_shell_is_refused_with_the_ones_there_are() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = completions("tcsh", dir.path())
        .output()
        .expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("tcsh") && said.contains("bash"), "{said}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_reader_gone_before_the_script_is_no_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    // As `frontdesk completions bash | true` where `true` is gone first: the write fails.
    drop(reader);
    let mut cmd = completions("bash", dir.path());
    cmd.stdout(writer).stderr(Stdio::piped());
    let out = output(cmd);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
