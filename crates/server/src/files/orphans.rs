//! Files no message keeps are deleted. A received file is stored before its command is
//! committed, so a command that is then refused (an operator without the right to write in
//! the chat, a chat closed meanwhile) leaves a file behind that nothing names.
//!
//! The sweep looks at stored files older than `min_age` only, and decides on each while
//! holding `placing`, the lock under which a received file takes its place (with a fresh
//! time, see `receive.rs`): a file whose command is still on its way is never taken.

use std::future::Future;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::receive::stored_path;

/// How often the server sweeps.
pub const EVERY: Duration = Duration::from_secs(3600);

/// How old a file must be before the sweep may take it: far longer than any command takes
/// from the file's arrival to its commit.
pub const MIN_AGE: Duration = Duration::from_secs(3600);

/// Most stored files looked at in one pass; the next pass goes on (bounds a pass's time).
pub const MAX_PER_PASS: usize = 10_000;

/// Deletes the stored files under `dir` older than `min_age` that `kept` says no attachment
/// names; returns how many went.
pub async fn sweep<K, F>(
    dir: &Path,
    placing: &tokio::sync::Mutex<()>,
    min_age: Duration,
    kept: K,
) -> std::io::Result<usize>
where
    K: Fn(String) -> F,
    F: Future<Output = bool>,
{
    let mut deleted = 0;
    // Listing up to thousands of entries is blocking I/O: not on a socket thread.
    let listing = {
        let dir = dir.to_owned();
        tokio::task::spawn_blocking(move || stored_files(&dir, MAX_PER_PASS))
    };
    let paths = listing.await.map_err(std::io::Error::other)??;
    for path in paths {
        let Some(sha256) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let _placing = placing.lock().await;
        let old = tokio::fs::metadata(&path)
            .await
            .and_then(|m| m.modified())
            .is_ok_and(|at| SystemTime::now().duration_since(at).unwrap_or_default() >= min_age);
        if old && !kept(sha256).await {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => deleted += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(deleted)
}

/// Up to `max` paths of stored files: `<dir>/<2 hex>/<64 hex>`, names checked as when they
/// were stored (the upload folder's `tmp/` and anything else is left alone).
fn stored_files(dir: &Path, max: usize) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    let top = match std::fs::read_dir(dir) {
        Ok(top) => top,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for shard in top.flatten() {
        let Ok(files) = std::fs::read_dir(shard.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name();
            let is_stored = name
                .to_str()
                .and_then(|n| stored_path(dir, n))
                .is_some_and(|p| p == file.path());
            if is_stored && file.file_type().is_ok_and(|t| t.is_file()) {
                found.push(file.path());
                if found.len() == max {
                    return Ok(found);
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn sha(n: u8) -> String {
        format!("{n:02x}").repeat(32)
    }

    fn store(dir: &Path, sha256: &str) -> std::path::PathBuf {
        let path = stored_path(dir, sha256).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"bytes").unwrap();
        path
    }

    #[tokio::test]
    async fn only_old_files_no_attachment_names_go() {
        let dir = tempfile::tempdir().unwrap();
        let kept_file = store(dir.path(), &sha(1));
        let orphan = store(dir.path(), &sha(2));
        // Not a stored file's name: not ours to judge.
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        let upload_in_progress = dir.path().join("tmp").join("abc");
        std::fs::write(&upload_in_progress, b"half").unwrap();
        let stray = dir.path().join("02").join("notes.txt");
        std::fs::write(&stray, b"x").unwrap();
        let placing = tokio::sync::Mutex::new(());
        let kept = |s: String| {
            let keep = s == sha(1);
            async move { keep }
        };

        // Young files stay whatever they are: their command may still be on its way.
        let gone = sweep(dir.path(), &placing, Duration::from_secs(3600), kept)
            .await
            .unwrap();
        assert_eq!(gone, 0);
        assert!(orphan.exists());

        let gone = sweep(dir.path(), &placing, Duration::ZERO, kept)
            .await
            .unwrap();
        assert_eq!(gone, 1);
        assert!(!orphan.exists(), "nothing names it");
        assert!(kept_file.exists(), "an attachment names it");
        assert!(upload_in_progress.exists() && stray.exists());
    }

    #[tokio::test]
    async fn a_missing_folder_is_nothing_to_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let placing = tokio::sync::Mutex::new(());
        let gone = sweep(
            &dir.path().join("files"),
            &placing,
            Duration::ZERO,
            |_| async { false },
        )
        .await
        .unwrap();
        assert_eq!(gone, 0);
    }

    #[tokio::test]
    async fn a_file_taking_its_place_is_not_judged_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let file = store(dir.path(), &sha(3));
        let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        let placing = std::sync::Arc::new(tokio::sync::Mutex::new(()));
        // An upload of the same bytes is taking the file's place (it holds the lock) ...
        let held = placing.clone().lock_owned().await;
        let sweeping = tokio::spawn({
            let dir = dir.path().to_owned();
            let placing = placing.clone();
            async move {
                sweep(&dir, &placing, Duration::from_secs(3600), |_| async {
                    false
                })
                .await
            }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!sweeping.is_finished(), "the sweep waits for the upload");
        // ... and leaves it new; its command will name it.
        std::fs::write(&file, b"bytes").unwrap();
        drop(held);
        assert_eq!(sweeping.await.unwrap().unwrap(), 0);
        assert!(file.exists());
    }
}
