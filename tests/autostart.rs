//! `frontdesk autostart` as a user runs it: the real binary writes an autostart entry into the
//! XDG configuration folder it is given, Debian's `desktop-file-validate` accepts the entry
//! (the test command installs desktop-file-utils), `status` reads it back, `off` removes it.

use std::path::Path;
use std::process::{Command, Output};

fn autostart(config_home: &Path, args: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("tempdir");
    Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .arg("autostart")
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("FRONTDESK_DATA_DIR", data.path())
        .env("FRONTDESK_CONFIG_DIR", config_home.join("frontdesk"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run frontdesk")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_writes_a_valid_entry_that_status_reads_and_off_removes() {
    // A configuration folder with a space in its path, created on the way.
    let home = tempfile::tempdir().expect("tempdir");
    let config_home = home.path().join("my config");
    let entry = config_home.join("autostart/frontdesk.desktop");

    assert_eq!(stdout(&autostart(&config_home, &["status"])).trim(), "off");
    let said = stdout(&autostart(
        &config_home,
        &["on", "--server", "https://chat.example"],
    ));
    assert!(said.starts_with("on: "), "{said}");
    let text = std::fs::read_to_string(&entry).expect("the entry is written");
    let exe = env!("CARGO_BIN_EXE_frontdesk");
    assert!(
        text.contains(&format!("\nExec={exe} --server https://chat.example\n")),
        "{text}"
    );
    assert!(text.contains("\nTerminal=true\n"), "{text}");

    let validate = Command::new("desktop-file-validate")
        .arg(&entry)
        .output()
        .expect("desktop-file-validate (Debian's desktop-file-utils; scripts/test installs it)");
    assert!(
        validate.status.success() && validate.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );

    let status = stdout(&autostart(&config_home, &["status"]));
    assert!(status.contains(exe), "{status}");
    assert!(stdout(&autostart(&config_home, &["off"])).starts_with("off: removed"));
    assert!(!entry.exists());
    assert_eq!(stdout(&autostart(&config_home, &["status"])).trim(), "off");
    // Off again is no error.
    assert!(stdout(&autostart(&config_home, &["off"])).starts_with("off: there was no"));
}

/// Installed in a folder with a space in its name, the program is named quoted in `Exec`, and
/// the entry is still valid.
#[test]
fn a_program_in_a_folder_with_a_space_is_quoted() {
    let exe = Path::new(env!("CARGO_BIN_EXE_frontdesk"));
    // A hard link beside the build (the same file system): the running program's own path,
    // which `current_exe` reports, then holds the space.
    let folder = exe
        .parent()
        .expect("the build folder")
        .join("autostart test/my apps");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let linked = folder.join("frontdesk");
    let _ = std::fs::remove_file(&linked);
    std::fs::hard_link(exe, &linked).expect("hard link");

    let home = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    let out = Command::new(&linked)
        .args(["autostart", "on"])
        .env("XDG_CONFIG_HOME", home.path())
        .env("FRONTDESK_DATA_DIR", data.path())
        .env("FRONTDESK_CONFIG_DIR", home.path().join("frontdesk"))
        .output()
        .expect("run the linked frontdesk");
    stdout(&out);
    let entry = home.path().join("autostart/frontdesk.desktop");
    let text = std::fs::read_to_string(&entry).expect("the entry is written");
    assert!(
        text.contains(&format!("\nExec=\"{}\"\n", linked.display())),
        "{text}"
    );
    let validate = Command::new("desktop-file-validate")
        .arg(&entry)
        .output()
        .expect("desktop-file-validate");
    assert!(validate.status.success() && validate.stdout.is_empty());
    let _ = std::fs::remove_file(&linked);
}
