//! The editor command from the variables, and real runs of small shell scripts as editors.

use std::ffi::OsString;
use std::path::Path;

use super::{choose, edit};
use crate::app::EditorFailure;

fn words(command: &[OsString]) -> Vec<&str> {
    command.iter().map(|w| w.to_str().expect("UTF-8")).collect()
}

#[test]
fn visual_comes_first_then_editor_then_vi() {
    let both = choose(Some("nano".into()), Some("vim".into())).expect("command");
    assert_eq!(words(&both), ["nano"]);
    let blank_visual = choose(Some("  ".into()), Some("vim".into())).expect("command");
    assert_eq!(words(&blank_visual), ["vim"]);
    let none = choose(None, Some(String::new().into())).expect("command");
    assert_eq!(words(&none), ["vi"]);
}

#[test]
fn the_variable_is_split_like_a_shell_would() {
    let code = choose(None, Some("code --wait".into())).expect("command");
    assert_eq!(words(&code), ["code", "--wait"]);
    let quoted =
        choose(Some(r#"'/opt/my editor/ed' -c "set tw=72""#.into()), None).expect("command");
    assert_eq!(words(&quoted), ["/opt/my editor/ed", "-c", "set tw=72"]);
    let broken = choose(Some("vim 'unclosed".into()), None);
    assert!(matches!(broken, Err(EditorFailure::Io(_))), "{broken:?}");
}

/// `sh script args…`: running the script through `sh` avoids executing a file this
/// multi-threaded test process has just written ("text file busy").
fn script(dir: &Path, body: &str) -> Vec<OsString> {
    let path = dir.join("editor script.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    vec!["sh".into(), path.into_os_string()]
}

#[tokio::test]
async fn the_draft_goes_in_a_private_file_and_the_edit_comes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = dir.path().join("path");
    let mut command = script(
        dir.path(),
        r#"printf '%s' "$2" > "$1"
printf '%s\n' "$(stat -c %a "$2")" "Вторая строка" >> "$2""#,
    );
    command.push(record.clone().into_os_string());
    let text = edit(command, "Первая строка".into()).await.expect("edited");
    assert_eq!(text, "Первая строка\n600\nВторая строка\n");
    let used = std::fs::read_to_string(&record).expect("the script saw a path");
    assert!(
        !Path::new(&used).exists(),
        "the temporary file is removed: {used}"
    );
}

#[tokio::test]
async fn a_failing_or_missing_editor_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let failed = edit(script(dir.path(), "exit 3"), "draft".into()).await;
    assert_eq!(
        failed,
        Err(EditorFailure::Failed {
            program: "sh".into(),
            code: Some(3)
        })
    );
    let killed = edit(script(dir.path(), "kill -9 $$"), "draft".into()).await;
    assert!(
        matches!(killed, Err(EditorFailure::Failed { code: None, .. })),
        "{killed:?}"
    );
    let missing = dir.path().join("no-such-editor");
    let missing_name = missing.to_string_lossy().into_owned();
    let result = edit(vec![missing.into_os_string()], "draft".into()).await;
    assert_eq!(
        result,
        Err(EditorFailure::NotFound {
            program: missing_name
        })
    );
}
