use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(path: impl AsRef<Path>) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn a_second_save_of_the_same_name_gets_its_own_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir
        .path()
        .join("exports")
        .join("chat-7-20261203-120000.txt");
    let first = save(&path, "one");
    let second = save(&path, "two");
    let (Event::TranscriptSaved(Ok(a)), Event::TranscriptSaved(Ok(b))) = (first, second) else {
        panic!("both saved");
    };
    assert_ne!(a, b);
    assert!(b.ends_with("chat-7-20261203-120000-2.txt"), "{b}");
    assert_eq!(std::fs::read_to_string(&a).expect("first"), "one");
    assert_eq!(std::fs::read_to_string(&b).expect("second"), "two");
    assert_eq!(mode(&a), 0o600);
}

#[test]
fn an_export_grows_in_its_temporary_file_and_takes_a_free_name_when_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("exports");
    let temp = folder.join(".chats-7d-1.csv.part");
    let path = folder.join("chats-7d-1.csv");
    assert_eq!(append(3, &temp, b"a,b\n", true), None);
    assert_eq!(append(3, &temp, b"1,2\n", false), None);
    assert_eq!(mode(&temp), 0o600);
    // Nothing under the final name until the end.
    assert!(!path.exists());
    std::fs::write(&path, "someone else's").expect("a file in the way");
    let Event::ExportSaved { serial: 3, result } = finish(3, &temp, &path) else {
        panic!("saved");
    };
    let placed = result.expect("placed");
    assert!(placed.ends_with("chats-7d-1-2.csv"), "{placed}");
    assert_eq!(
        std::fs::read_to_string(&placed).expect("export"),
        "a,b\n1,2\n"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "someone else's"
    );
    assert!(!temp.exists(), "the temporary file is gone");
}

#[test]
fn a_failed_piece_leaves_no_file_for_the_end_to_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let temp = dir.path().join(".x.jsonl.part");
    let path = dir.path().join("x.jsonl");
    // Appending to a file that was never created fails, and says so.
    let failed = append(4, &temp, b"{}\n", false);
    assert!(
        matches!(
            failed,
            Some(Event::ExportSaved {
                serial: 4,
                result: Err(_)
            })
        ),
        "{failed:?}"
    );
    assert!(matches!(
        finish(4, &temp, &path),
        Event::ExportSaved { result: Err(_), .. }
    ));
    assert!(!path.exists());
    // Discarding twice is fine.
    write(Effect::DiscardExport { path: temp.clone() });
    write(Effect::DiscardExport { path: temp });
}
