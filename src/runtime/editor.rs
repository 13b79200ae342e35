//! The operator's own editor for a long reply: `$VISUAL`, else `$EDITOR`, else `vi`, split
//! the way a shell splits words (`code --wait` works), run on a private temporary file that
//! holds the draft. The loop lends the terminal for the time it runs (see `run.rs`).

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::app::EditorFailure;

/// The program when neither variable is set, as git and crontab do.
const FALLBACK: &str = "vi";

/// The editor command from the environment.
pub fn command_from_env() -> Result<Vec<OsString>, EditorFailure> {
    choose(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"))
}

/// The first of `visual`, `editor` that holds a word, split into program and arguments.
pub fn choose(
    visual: Option<OsString>,
    editor: Option<OsString>,
) -> Result<Vec<OsString>, EditorFailure> {
    let value = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace))
        .unwrap_or_else(|| FALLBACK.into());
    match shlex::bytes::split(value.as_bytes()) {
        Some(words) if !words.is_empty() => Ok(words.into_iter().map(OsString::from_vec).collect()),
        _ => Err(EditorFailure::Io(format!(
            "cannot split the command {:?} into words",
            value.to_string_lossy()
        ))),
    }
}

/// Writes `text` to a new file only the operator may read, runs `command` with the file's
/// path as its last argument on the inherited terminal, and returns what the file holds then.
/// The file is removed afterwards, whatever happened.
pub async fn edit(command: Vec<OsString>, text: String) -> Result<String, EditorFailure> {
    let io = |e: std::io::Error| EditorFailure::Io(e.to_string());
    let file = tempfile::Builder::new()
        .prefix("frontdesk-reply-")
        .suffix(".txt")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile()
        .map_err(io)?;
    // Editors expect a file to end with a newline; the reply gets it trimmed again.
    let mut body = text;
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    tokio::fs::write(file.path(), body).await.map_err(io)?;
    run(&command, file.path()).await?;
    let bytes = tokio::fs::read(file.path()).await.map_err(io)?;
    String::from_utf8(bytes).map_err(|_| EditorFailure::Io("the file is not UTF-8 text".into()))
}

async fn run(command: &[OsString], path: &Path) -> Result<(), EditorFailure> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| EditorFailure::Io("empty editor command".into()))?;
    let name = program.to_string_lossy().into_owned();
    let status = tokio::process::Command::new(program)
        .args(args)
        .arg(path)
        // The console quitting on a signal takes the editor with it.
        .kill_on_drop(true)
        .status()
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => EditorFailure::NotFound {
                program: name.clone(),
            },
            _ => EditorFailure::Io(format!("{name}: {e}")),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(EditorFailure::Failed {
            program: name,
            code: status.code(),
        })
    }
}

/// An editor running on a chat's draft. Dropping it stops the editor (the console is
/// quitting).
pub struct Editing {
    pub chat_id: i64,
    task: tokio::task::JoinHandle<Result<String, EditorFailure>>,
}

impl Editing {
    /// Starts the editor from the environment on `text`; the terminal must be lent already.
    pub fn spawn(chat_id: i64, text: String) -> Self {
        let task = tokio::spawn(async move { edit(command_from_env()?, text).await });
        Self { chat_id, task }
    }

    /// Waits until the editor ends.
    pub async fn done(&mut self) -> Result<String, EditorFailure> {
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(EditorFailure::Io(format!("editor task: {e}"))),
        }
    }
}

/// The running editor's chat and outcome; never, when none runs.
pub async fn finished(editing: &mut Option<Editing>) -> (i64, Result<String, EditorFailure>) {
    match editing {
        Some(editing) => (editing.chat_id, editing.done().await),
        None => std::future::pending().await,
    }
}

impl Drop for Editing {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests;
