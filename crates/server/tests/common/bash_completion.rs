//! What bash offers when Tab is pressed, with a completion script loaded: the script's
//! function for the program is called the way bash calls it (`COMP_WORDS`, `COMP_CWORD`), and
//! `COMPREPLY` is read back. Shared with the console's tests (`tests/completions.rs`).

use std::process::Command;

/// What the completion for `program` in `script` offers for the last of `words` (the command
/// line typed so far; the word being completed last, empty for a fresh one).
pub fn offered(script: &[u8], program: &str, words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("completion.bash");
    std::fs::write(&path, script).expect("the script written");
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect();
    let shell = format!(
        r#"source '{path}' || exit 3
spec=$(complete -p '{program}') || exit 4
fn=${{spec##*-F }}; fn=${{fn%% *}}
COMP_WORDS=({words}); COMP_CWORD={cword}
COMP_LINE="${{COMP_WORDS[*]}}"; COMP_POINT=${{#COMP_LINE}}
"$fn" '{program}' "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        path = path.display(),
        words = quoted.join(" "),
        cword = words.len() - 1,
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &shell])
        .current_dir(dir.path())
        .output()
        .expect("bash runs (it is part of every Debian system)");
    assert!(
        out.status.success(),
        "bash failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
