//! The help overlay and the status-bar hints in the real console: a user's keymap.toml
//! rebinds quit, the status bar names the new key, the help pages and scrolls with PgDn, and
//! `q` closes it before it can reach anything else.

use crate::common::Setup;
use crate::keys::{F1, F10, PG_DN};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_pages_and_the_status_bar_names_a_rebound_quit() {
    let setup = Setup::start().await;
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    std::fs::write(
        setup.config_dir().join("keymap.toml"),
        "[keymap.global]\n\"ctrl-q\" = \"noop\"\n\"f10\" = \"quit\"\n",
    )
    .expect("keymap.toml");
    // Wide enough for the whole status bar; 24 rows are too few for the help.
    let mut console = setup.console_sized(24, 160);
    let screen = console.wait_text("F10 quit").await;
    assert!(!screen.contains("^Q quit"), "{screen}");
    console.keys(F1);
    let first = console.wait_text("page 1/").await;
    assert!(first.contains("more below ↓ (pgdn)"), "{first}");
    assert!(first.contains("ctrl-c, f10  quit the console"), "{first}");
    console.keys(PG_DN);
    console.wait_text("page 2/").await;
    console.keys("q");
    console
        .wait_for("the help closed", |s| !s.contains("page 2/"))
        .await;
    console.keys(F10);
    assert!(console.wait_exit().await.success());
}
